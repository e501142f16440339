"""``python -m builder`` is the ``anthology`` command."""

import sys

from builder.cli import main

sys.exit(main())

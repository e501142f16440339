"""The MkDocs edge: the hook that runs the build and keeps live mode exact."""

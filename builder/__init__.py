"""The Dancer Anthology: plain-text dancer stories -> annotated Markdown pages -> MkDocs site.

Data flows one way: ``seeds/*.txt`` -> :mod:`builder.read.decode` -> :mod:`builder.read.clean`
-> :mod:`builder.extract` -> :class:`builder.model.Story` -> :mod:`builder.site.render`
-> ``docs/`` (written by :mod:`builder.store`) -> MkDocs.
"""

__version__ = "0.1.0"

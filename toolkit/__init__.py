"""Crisis-news analyst toolkit: load articles, annotate actors, quotes and escalation signals, chart, report.

>>> import toolkit
>>> ann = toolkit.annotate(toolkit.load("seeds/"))
>>> len(ann.articles)
5

Heavy modules (spaCy, Altair) load on first use, not at import time.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"
__all__ = ["Annotations", "Corpus", "__version__", "annotate", "load", "report"]

_LAZY = {
    "load": ("ingest", "load"),
    "Corpus": ("ingest", "Corpus"),
    "annotate": ("pipeline", "annotate"),
    "Annotations": ("pipeline", "Annotations"),
}


def report(ann: Any, path: Any, **options: Any) -> Any:
    """Write the offline HTML report of ``ann`` to ``path`` (see :func:`toolkit.report.write_report`)."""
    module = import_module(".report", __name__)
    globals()["report"] = _report  # importing the submodule rebinds the package attribute: restore this function
    return module.write_report(ann, path, **options)


_report = report


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value

"""Notebooks to HTML that opens offline: an nbconvert exporter with no CDN scripts.

nbconvert's ``--to html`` page loads require.js and MathJax from a CDN (and, with widgets, the widget manager
from unpkg). Our charts do not need any of them: :mod:`toolkit.offline` puts the Vega bundle in the notebook's
first chart output, so the charts of a plain ``--to html`` export already draw with no network, but the page
still tries those requests. :class:`OfflineHTMLExporter` uses the lab template without those scripts, adds a
Content-Security-Policy that forbids every request, and shows a one-line note where an ipywidget was (a widget
needs a kernel). It is registered as the nbconvert exporter ``offline_html``::

    jupyter nbconvert --to offline_html --execute notebooks/01_overview.ipynb --output-dir reports/notebooks

>>> exporter = OfflineHTMLExporter()
>>> exporter.template_name, exporter.file_extension
('offline_html', '.html')
"""

from __future__ import annotations

from importlib import resources

from nbconvert.exporters import HTMLExporter
from traitlets import default

__all__ = ["OfflineHTMLExporter", "TEMPLATES"]

TEMPLATES = str(resources.files("toolkit").joinpath("templates"))


class OfflineHTMLExporter(HTMLExporter):
    """``HTMLExporter`` with the ``offline_html`` template (``toolkit/templates/offline_html``)."""

    export_from_notebook = "HTML (offline)"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "offline_html"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [TEMPLATES, *super()._default_extra_template_basedirs()]

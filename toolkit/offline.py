"""Altair charts with no network: inline the Vega bundle once per notebook session.

Altair's default renderer loads vega, vega-lite and vega-embed from a CDN, which draws nothing offline. The
``offline`` renderer registered here sends ``vl_convert.javascript_bundle()`` (about 0.9 MB) once, in the output
of the cell calling :func:`enable` (or with the first chart outside a kernel), and only a small ``vegaEmbed``
call for every chart. The bundle is wrapped so a second copy on the same page (re-run, restart + Run All) is a
no-op. Charts render as SVG, so a chart made with ``alt.Chart(..., name="actors")`` draws its marks under
``g.actors_marks``.

>>> import altair as alt
>>> enable()
>>> alt.renderers.active
'offline'
>>> html = chart_html({"mark": "point"}, "vl-demo")
>>> html.startswith('<div id="vl-demo" class="vega-offline"></div><script>')
True

:func:`bundle_script` and :func:`chart_html` are also what :mod:`toolkit.report` uses to build its page.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import altair as alt
from IPython import get_ipython
from IPython.display import display

__all__ = ["RENDERER", "bundle_script", "chart_html", "enable", "script_json"]

RENDERER = "offline"
_STATE: dict[str, Any] = {"bundle": None, "sent": False, "count": 0}
_EMBED_OPTIONS = {"mode": "vega-lite", "renderer": "svg", "actions": False}
_CHART_JS = """(function(spec, opts, id) {
  var el = document.getElementById(id);
  function draw() { window.vegaEmbed(el, spec, opts).then(function(r) { el.vegaView = r.view; })
    .catch(function(e) { el.textContent = 'Chart error: ' + e; el.style.color = '#b00'; }); }
  if (window.vegaEmbed) draw(); else window.addEventListener('vega-offline-ready', draw, {once: true});
})(%s, %s, %s);"""
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def script_json(value: Any) -> str:
    """JSON for inside an HTML ``<script>``: ``<``, ``>`` and ``&`` escaped, so data cannot end the script.

    >>> script_json({"title": "</script><b>"})
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def bundle_script() -> str:
    """The vega + vega-lite + vega-embed bundle as guarded JS (built once per process, then cached).

    It defines ``window.vegaEmbed`` unless already defined, then fires the ``vega-offline-ready`` event that
    charts embedded before it wait for.
    """
    if _STATE["bundle"] is None:
        import vl_convert as vlc

        version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # "6.4"
        js = _SCRIPT_END.sub(r"<\\/\1", vlc.javascript_bundle(vl_version=version))
        _STATE["bundle"] = ("if (!window.vegaEmbed) { (function(){\n" + js + "\n})(); }\n"
                            "window.dispatchEvent(new Event('vega-offline-ready'));")
    return _STATE["bundle"]


def chart_html(spec: dict[str, Any], div_id: str, embed_options: dict[str, Any] | None = None) -> str:
    """A ``<div>`` plus the ``<script>`` that embeds ``spec`` into it once ``vegaEmbed`` exists.

    ``div_id`` must be unique on the page; the Vega view is stored on the div as ``el.vegaView``.
    """
    opts = {**_EMBED_OPTIONS, **(embed_options or {})}
    args = (script_json(spec), script_json(opts), script_json(div_id))
    return f'<div id="{div_id}" class="vega-offline"></div><script>{_CHART_JS % args}</script>'


def _render(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """Altair renderer: the bundle with the first chart of the session, then only the embed call.

    Div ids hash the spec and a per-session counter, so a fresh kernel running the same cells gives the same
    output (nbval-friendly) and two identical charts still get distinct ids.
    """
    _STATE["count"] += 1
    digest = hashlib.sha256(f"{_STATE['count']}:{script_json(spec)}".encode()).hexdigest()[:12]
    html = chart_html(spec, f"vl-{digest}", metadata.get("embed_options"))
    if not _STATE["sent"]:
        html = f"<script>{bundle_script()}</script>" + html
        _STATE["sent"] = True
    return {"text/html": html, "text/plain": "<alt.Chart (offline)>"}


def enable(resend: bool = False) -> None:
    """Register and activate the ``offline`` Altair renderer; in a notebook, show the Vega bundle right away.

    Shown in the calling cell's output, the bundle is on the page before any chart, even when the first chart
    is drawn inside a widget (whose output an exported HTML page does not show). Outside a kernel the first
    chart carries it. ``resend=True`` sends it again with the next chart: use it after clearing the output
    that held it.
    """
    if resend:
        _STATE["sent"] = False
    alt.renderers.register(RENDERER, _render)
    alt.renderers.enable(RENDERER)
    shell = get_ipython()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        display({"text/html": f"<script>{bundle_script()}</script>",
                 "text/plain": "Vega bundle for offline charts"}, raw=True)
        _STATE["sent"] = True

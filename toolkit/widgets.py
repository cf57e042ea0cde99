"""ipywidgets wiring for the notebooks: pickers that redraw a chart and a sentence list for a subset.

Widgets need a live kernel; exported HTML reports get their interactivity from Altair selections instead.

>>> import contextlib, io
>>> from toolkit.pipeline import annotate
>>> with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, widget output goes to stdout
...     box = picker(annotate("seeds/"), lambda sub: f"{len(sub.articles)} articles")
>>> [w.description for w in box.children[0].children]
['Outlet', 'Actor']
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display

from .pipeline import Annotations

__all__ = ["picker", "sentences_for"]


def sentences_for(ann: Annotations, actor: str | None = None, limit: int = 50) -> pd.DataFrame:
    """Sentences (with outlet, date and title) that mention ``actor``, or all sentences, in text order."""
    sents = ann.sentences
    if actor is not None:
        m = ann.mentions[ann.mentions["actor"].eq(actor).fillna(False)]
        keys = set(zip(m["article_id"], m["sent_idx"]))
        sents = sents[[k in keys for k in zip(sents["article_id"], sents["sent_idx"])]]
    meta = ann.articles[["article_id", "outlet", "published", "title"]]
    return sents.merge(meta, on="article_id", how="left")[
        ["article_id", "sent_idx", "outlet", "published", "title", "text"]].head(limit).reset_index(drop=True)


def _sentence_html(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "<p><em>No sentence matches this choice.</em></p>"
    items = "".join(
        f"<li><b>{html.escape(str(r.outlet) if pd.notna(r.outlet) else 'unknown outlet')}</b>"
        f" · {html.escape(str(r.published.date()) if pd.notna(r.published) else 'no date')}"
        f" · <i>{html.escape(str(r.title))}</i><br>{html.escape(str(r.text))}</li>"
        for r in rows.itertuples())
    return f"<ol style='max-height:24em;overflow:auto'>{items}</ol>"


def picker(ann: Annotations, draw: Callable[[Annotations], Any], top: int = 30) -> widgets.VBox:
    """Outlet and actor dropdowns; on each change, ``draw(subset)`` and the matching sentences are shown."""
    outlets = sorted(ann.articles["outlet"].dropna().unique())
    outlet = widgets.Dropdown(options=[("All outlets", None)] + [(o, o) for o in outlets], description="Outlet")
    actor = widgets.Dropdown(options=[("All actors", None)] + [(a, a) for a in ann.actors["actor"].head(top)],
                             description="Actor")
    out = widgets.Output()

    def redraw(_: Any = None) -> None:
        sub = ann.subset(outlet.value, actor.value)
        with out:
            out.clear_output(wait=True)
            if sub.articles.empty:
                display(HTML("<p><em>No article matches this outlet and actor.</em></p>"))
                return
            display(draw(sub))
            display(HTML(_sentence_html(sentences_for(sub, actor.value))))

    outlet.observe(redraw, names="value")
    actor.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([outlet, actor]), out])

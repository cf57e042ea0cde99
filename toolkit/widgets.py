"""ipywidgets wiring for the notebooks: the explorer dashboard, pickers that redraw a chart for a subset, and the
quote explorer (:func:`quote_explorer`: actor → quotes by outlet and date → a quote in its paragraph).

Widgets need a live kernel; exported HTML reports get their interactivity from Altair selections instead.

:class:`Explorer` holds an annotated corpus prepared for fast filtering; :meth:`Explorer.view` turns a
:class:`Filters` into the linked chart (actors | escalation timeline, quote lines, signal lines), aggregated in
numpy first, so a redraw costs the same on 5 or 10,000 articles. :func:`explore` wires it to widgets.

>>> from toolkit.pipeline import annotate
>>> ex = Explorer(annotate("seeds/"))
>>> view = ex.view(Filters(actor="lavrov"))
>>> view.message, view.counts["quotes"] > 0
('', True)
>>> ex.view(Filters(actor="Atlantis")).message
"No actor's name or alias contains 'Atlantis'."
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import ipywidgets as widgets
import numpy as np
import pandas as pd
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import HTML

from .charts import (SIDES, UNKNOWN_OUTLET, actor_quotes, crisis_actors, crisis_mentions, quote_labels, side_of,
                     side_scale)
from .index import HEDGE_FACTOR
from .nlp import paragraphs
from .pipeline import Annotations
from .tables import AnnotatedTables

__all__ = ["Explorer", "ExplorerView", "ExplorerWidget", "Filters", "actor_picker", "explore", "picker",
           "quote_explorer", "quote_paragraph", "sentence_html", "sentences_for"]

_SERIES_COLOURS = {"asserted": "#c0392b", "hedged/conditional": "#f0a58f"}
_MODALITY_SERIES = {"asserted": 0, "hedged": 1, "conditional": 1}  # index into _SERIES_COLOURS; others: none
_TEXT_CHARS = 200
_NO_DAY = -1
_SELECTIONS = {  # defined once at the top level, each on one named view (see Explorer._chart)
    "actor": alt.selection_point(name="actor", fields=["actor"], on="click", clear="dblclick", toggle=False),
    "brush": alt.selection_interval(name="brush", encodings=["x"]),
}


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


def _show(out: widgets.Output, *objs: Any) -> None:
    """Make ``out`` show ``objs`` (replacing what it showed) in one state update.

    Setting ``outputs`` instead of capturing ``display`` inside ``with out:`` keeps the kernel from routing
    display messages through the front end: under ``jupyter nbconvert --execute`` (nbclient) captured output is
    echoed back on the shell channel and can deadlock the run (jupyter/nbclient#312).
    """
    fmt = InteractiveShell.instance().display_formatter.format
    outputs = []
    for obj in objs:
        data, metadata = fmt(obj)
        outputs.append({"output_type": "display_data", "data": data, "metadata": metadata})
    out.outputs = tuple(outputs)


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
    """Outlet and actor dropdowns; on each change, ``draw(subset)`` and the matching sentences are shown.

    >>> from toolkit.pipeline import annotate
    >>> box = picker(annotate("seeds/"), lambda sub: f"{len(sub.articles)} articles")
    >>> [w.description for w in box.children[0].children]
    ['Outlet', 'Actor']
    >>> box.children[1].outputs[0]["data"]["text/plain"]
    "'5 articles'"
    """
    outlets = sorted(ann.articles["outlet"].dropna().unique())
    outlet = widgets.Dropdown(options=[("All outlets", None)] + [(o, o) for o in outlets], description="Outlet")
    names = crisis_actors(ann.actors)["actor"].head(top)
    actor = widgets.Dropdown(options=[("All actors", None)] + [(a, a) for a in names], description="Actor")
    out = widgets.Output()

    def redraw(_: Any = None) -> None:
        sub = ann.subset(outlet.value, actor.value)
        if sub.articles.empty:
            _show(out, HTML("<p><em>No article matches this outlet and actor.</em></p>"))
        else:
            _show(out, draw(sub), HTML(_sentence_html(sentences_for(sub, actor.value))))

    outlet.observe(redraw, names="value")
    actor.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([outlet, actor]), out])


# --- the explorer -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """What the explorer's widgets select; every field's default means "no filter".

    ``days`` is an inclusive (first, last) pair of publication days: articles with no date are kept only while
    ``days`` is ``None``. ``actor`` is a case-insensitive search in actor names and their aliases.
    ``escalation_only`` keeps escalation signals (no de-escalation) and only the mentions and quotes in
    sentences that carry one.
    """

    days: tuple[pd.Timestamp, pd.Timestamp] | None = None
    outlets: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    actor: str = ""
    escalation_only: bool = False


@dataclass
class ExplorerView:
    """One redraw: the Vega-Lite ``spec`` of the linked chart, a message for the user ('' when every view has
    data), counts, and the actors drawn (most mentioned first).

    ``layout`` is the chart without its data (one per combination of empty views); ``spec`` is its cached
    dict with this redraw's ``datasets``, so a redraw does no Altair work at all.
    """

    layout: alt.TopLevelMixin
    spec: dict[str, Any]
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)

    @property
    def chart(self) -> alt.TopLevelMixin:
        """The Altair chart with this redraw's data."""
        chart = self.layout.copy(deep=False)
        chart.datasets = self.spec.get("datasets", alt.Undefined)
        return chart


def _short(texts: pd.Series) -> np.ndarray:
    text = texts.fillna("").astype(str).str.replace(r"\s+", " ", regex=True).str.strip()
    return np.where(text.str.len() <= _TEXT_CHARS, text, text.str.slice(0, _TEXT_CHARS - 1) + "…").astype(object)


def _codes(values: pd.Series, categories: Sequence[str]) -> np.ndarray:
    """Integer codes of ``values`` in ``categories`` (-1 for missing)."""
    return pd.Categorical(values.astype(object), categories=list(categories)).codes.astype(np.int64)


_Table = dict[str, np.ndarray]


class Explorer:
    """An annotated corpus prepared for :meth:`view`: integer codes for articles, days and actors, and the
    quote and signal lines written once, so a filter change is a few numpy masks and counts.

    ``top`` actors are drawn (and can be clicked). The chart carries only aggregates (mentions per actor and
    day, the index per day, series and actor), so its size does not grow with the corpus.
    """

    def __init__(self, ann: AnnotatedTables, top: int = 15) -> None:
        self.ann, self.top = ann, top
        arts = ann.articles.reset_index(drop=True)
        self.article_ids = arts["article_id"].astype(object).to_numpy()
        self.outlets = arts["outlet"].fillna(UNKNOWN_OUTLET).astype(object).to_numpy()
        day = arts["published"].dt.floor("D")
        self.days = np.array(sorted(day.dropna().unique()), dtype="datetime64[ns]")
        self._art_day = np.where(day.isna(), _NO_DAY, np.searchsorted(self.days, day.fillna(pd.Timestamp(0))))
        self._day_ms = (self.days.astype("datetime64[ms]").astype(np.int64)).tolist()
        self.n_undated = int(day.isna().sum())
        n_sent = ann.sentences.groupby("article_id").size()  # the index's denominator (toolkit.index)
        self._art_sents = arts["article_id"].map(n_sent).fillna(0).astype(float).to_numpy()

        actors = ann.actors
        self.actor_names = actors["actor"].astype(object).to_numpy()
        self.actor_sides = side_of(actors["side"]).to_numpy()
        hay = (actors["actor"].fillna("") + "; " + actors["aliases"].fillna("")).str.lower()
        self._hay = hay.astype(object).to_numpy()

        sig = ann.signals
        esc = sig[sig["direction"].eq("escalation").fillna(False)]
        self._esc_sents = set(zip(esc["article_id"].astype(object), esc["sent_idx"].astype(int)))
        self._m = self._table(crisis_mentions(ann.mentions, ann.actors), "actor")
        self._q = self._quote_lines(ann.quotes)
        self._s = self._signal_lines(sig)
        self._layouts: dict[tuple[bool, bool], tuple[alt.TopLevelMixin, dict[str, Any]]] = {}

    # preparation ------------------------------------------------------------------------------------------------
    def _table(self, df: pd.DataFrame, who: str, order: Sequence[str] = ()) -> _Table:
        """numpy columns: art, day, actor (code of column ``who``), target (-1), sent_idx, start, end,
        escalation (the sentence carries an escalation signal), sorted by ``order`` columns of ``df``."""
        df = df.sort_values(list(order), kind="mergesort") if order else df
        art = _codes(df["article_id"], self.article_ids)
        keys = zip(df["article_id"].astype(object), df["sent_idx"].astype(int))
        return {
            "art": art, "day": self._art_day[art], "actor": _codes(df[who], self.actor_names),
            "target": np.full(len(df), -1), "sent_idx": df["sent_idx"].astype(int).to_numpy(),
            "start": df["start"].astype(int).to_numpy(), "end": df["end"].astype(int).to_numpy(),
            "escalation": np.fromiter((k in self._esc_sents for k in keys), bool, len(df)),
        }

    def _quote_lines(self, quotes: pd.DataFrame) -> _Table:
        """Quotes oldest first, with their list ``label`` and ``key``."""
        published = quotes["article_id"].map(self.ann.articles.set_index("article_id")["published"])
        quotes = quotes.assign(_published=published.to_numpy())
        q = self._table(quotes, "speaker", ["_published", "article_id", "start"])
        quotes = quotes.sort_values(["_published", "article_id", "start"], kind="mergesort")
        q["label"] = np.array(quote_labels(quotes["speaker"].astype(object), quotes["kind"],
                                           pd.Series(_short(quotes["text"]), index=quotes.index)), dtype=object)
        q["key"] = (quotes["article_id"].astype(str) + "#q" + quotes["quote_idx"].astype(str)).to_numpy(object)
        return q

    def _signal_lines(self, sig: pd.DataFrame) -> _Table:
        """Signals strongest first, with series (0 asserted, 1 hedged/conditional, -1 other), index score (as
        :func:`toolkit.index.scored_signals`: −weight, hedged and conditional × ``HEDGE_FACTOR``),
        ``label`` (trigger, modality, weight, sentence) and ``key``."""
        sig = sig.assign(_strength=-sig["weight"].astype(float).fillna(0.0).abs())
        s = self._table(sig, "actor", ["_strength", "article_id", "start"])
        sig = sig.sort_values(["_strength", "article_id", "start"], kind="mergesort")
        s["target"] = _codes(sig["target"], self.actor_names)
        s["escalation"] = sig["direction"].eq("escalation").fillna(False).to_numpy(bool)
        s["series"] = sig["modality"].astype(object).map(_MODALITY_SERIES).fillna(-1).astype(int).to_numpy()
        factor = np.where(s["series"] == 1, HEDGE_FACTOR, 1.0)
        s["index"] = -sig["weight"].astype(float).fillna(0.0).to_numpy() * factor
        sents = self.ann.sentences.set_index(["article_id", "sent_idx"])["text"]
        sentence = sents.reindex(list(zip(sig["article_id"], sig["sent_idx"]))).reset_index(drop=True)
        arrow = np.where(s["escalation"], "▲", "▼")
        s["label"] = np.array([f"{a} {t} ({m}, {w:g}): {x}" for a, t, m, w, x in zip(
            arrow, sig["trigger"].fillna(""), sig["modality"].fillna("?"), s["index"], _short(sentence))], dtype=object)
        s["key"] = (sig["article_id"].astype(str) + "#s" + sig["start"].astype(str)).to_numpy(object)
        return s

    # filtering --------------------------------------------------------------------------------------------------
    def _masks(self, f: Filters) -> tuple[np.ndarray, np.ndarray, str]:
        """(article mask, actor mask, message) for ``f``."""
        art_ok = np.ones(len(self.article_ids), bool)
        if f.days is not None:
            lo, hi = (np.datetime64(pd.Timestamp(d).floor("D"), "ns") for d in f.days)
            day = self.days[np.clip(self._art_day, 0, None)] if len(self.days) else np.zeros(len(art_ok), "M8[ns]")
            art_ok &= (self._art_day >= 0) & (day >= lo) & (day <= hi)
        if f.outlets:
            art_ok &= np.isin(self.outlets, list(f.outlets))
        actor_ok = np.ones(len(self.actor_names), bool)
        if f.sides:
            actor_ok &= np.isin(self.actor_sides, list(f.sides))
        term = f.actor.strip().lower()
        if term:
            actor_ok &= np.array([term in h for h in self._hay], bool)
        message = ""
        if not art_ok.any():
            message = "No article matches these dates and outlets."
        elif term and not actor_ok.any():
            message = f"No actor's name or alias contains {f.actor.strip()!r}."
        elif not actor_ok.any():
            message = "No actor is on the chosen sides."
        return art_ok, actor_ok, message

    def _keep(self, t: _Table, f: Filters, art_ok: np.ndarray, actor_ok: np.ndarray) -> np.ndarray:
        """Row mask of ``t`` for ``f``: its articles, its actors (speaker; actor or target of a signal), and
        with ``escalation_only`` escalation signals / sentences carrying one."""
        mask = art_ok[t["art"]]
        if f.sides or f.actor.strip():
            a, tg = t["actor"], t["target"]
            mask &= ((a >= 0) & actor_ok[a]) | ((tg >= 0) & actor_ok[tg])
        if f.escalation_only:
            mask &= t["escalation"]
        return mask

    def view(self, f: Filters = Filters()) -> ExplorerView:
        """The linked chart for ``f``: the widget's update function (data → chart spec), what bench/ times."""
        art_ok, actor_ok, message = self._masks(f)
        if message:
            layout = _message(message)
            return ExplorerView(layout, layout.to_dict(), message, {"articles": int(art_ok.sum())})
        m_ok = self._keep(self._m, f, art_ok, actor_ok)
        q_ok = self._keep(self._q, f, art_ok, actor_ok)
        s_ok = self._keep(self._s, f, art_ok, actor_ok)
        counts = {"articles": int(art_ok.sum()), "mentions": int(m_ok.sum()), "quotes": int(q_ok.sum()),
                  "signals": int(s_ok.sum())}
        ranked = np.bincount(self._m["actor"][m_ok], minlength=len(self.actor_names))
        ranked = np.where(actor_ok, ranked, 0)
        top = [int(i) for i in np.argsort(-ranked, kind="stable")[: self.top] if ranked[i] > 0]
        notes = []
        if not top:
            notes.append("No actor is mentioned in this selection.")
        if not counts["quotes"]:
            notes.append("No quote in this selection.")
        if not counts["signals"]:
            notes.append("No escalation signal in this selection.")
        undated = int((art_ok & (self._art_day < 0)).sum())
        if undated:
            notes.append(f"{undated} article(s) without a date are left off the timeline.")
        counts["actors"] = len(top)
        has_dates = bool((art_ok & (self._art_day >= 0)).any())
        layout, spec = self._layout(bool(top), has_dates)
        datasets = {}
        if top:
            datasets["actors_data"] = _dataset(self._actor_rows(m_ok, top), "No actor in the brushed days.")
        if has_dates:
            datasets["escalation_data"] = _dataset(self._timeline_rows(s_ok, art_ok, top),
                                                   "No signal for this selection.")
        datasets = {**spec.get("datasets", {}), **datasets}  # message views keep their own (consolidated) data
        return ExplorerView(layout, {**spec, "datasets": datasets}, " ".join(notes), counts,
                            [self.actor_names[i] for i in top])

    # chart data -------------------------------------------------------------------------------------------------
    def _date(self, day: np.ndarray) -> np.ndarray:
        """Epoch ms of day codes, None for -1 (an object array, so pandas keeps None rather than NaN)."""
        return np.array([self._day_ms[d] if d >= 0 else None for d in day], dtype=object)

    def _top_codes(self, top: list[int]) -> np.ndarray:
        """Actor code → position in ``top`` (-1 elsewhere), with a slot for the -1 (no actor) code at the end."""
        pos = np.full(len(self.actor_names) + 1, -1)
        pos[top] = np.arange(len(top))
        return pos

    def _actor_rows(self, m_ok: np.ndarray, top: list[int]) -> pd.DataFrame:
        """Mentions per (top actor, day); undated articles' mentions have date null."""
        pos = self._top_codes(top)[self._m["actor"][m_ok]]
        day = self._m["day"][m_ok][pos >= 0] + 1
        n_days = len(self.days) + 1
        counts = np.bincount(pos[pos >= 0] * n_days + day, minlength=len(top) * n_days)
        key = np.flatnonzero(counts)
        actor = np.asarray(top)[key // n_days]
        return pd.DataFrame({"actor": self.actor_names[actor], "side": self.actor_sides[actor],
                             "date": self._date(key % n_days - 1), "n": counts[key]})

    def _timeline_rows(self, s_ok: np.ndarray, art_ok: np.ndarray, top: list[int]) -> pd.DataFrame:
        """The escalation index (:mod:`toolkit.index`: Σ score ÷ sentences of the day's selected articles) and
        count per (day, series) for the unclicked view (``for_pick`` false) and, for each top actor a signal
        involves (as actor or target), per (actor, day, series) for the clicked view."""
        t = self._s
        ok = s_ok & (t["day"] >= 0) & (t["series"] >= 0)
        pos = self._top_codes(top)
        by_actor, by_target = pos[t["actor"][ok]], pos[t["target"][ok]]
        by_target = np.where(by_target == by_actor, -1, by_target)
        day, series, index = t["day"][ok], t["series"][ok], t["index"][ok]
        pick = np.concatenate([np.full(len(day), -1), by_actor[by_actor >= 0], by_target[by_target >= 0]])
        take = np.concatenate([np.arange(len(day)), np.flatnonzero(by_actor >= 0), np.flatnonzero(by_target >= 0)])
        n_days = len(self.days)
        key = ((pick + 1) * n_days + day[take]) * 2 + series[take]
        size = (len(top) + 1) * n_days * 2
        n = np.bincount(key, minlength=size)
        total = np.bincount(key, weights=index[take], minlength=size)
        dated = art_ok & (self._art_day >= 0)
        sentences = np.bincount(self._art_day[dated], weights=self._art_sents[dated], minlength=n_days)
        key = np.flatnonzero(n)
        series, rest = key % 2, key // 2
        day, pick = rest % n_days, rest // n_days - 1
        return pd.DataFrame({
            "actor": [self.actor_names[top[p]] if p >= 0 else None for p in pick], "for_pick": pick >= 0,
            "date": self._date(day), "day": [str(self.days[d])[:10] for d in day],
            "series": np.array(list(_SERIES_COLOURS), dtype=object)[series],
            "index": (total[key] / np.maximum(sentences[day], 1.0)).round(6),
            "n": n[key],
        })

    def _layout(self, has_top: bool, has_dates: bool) -> tuple[alt.TopLevelMixin, dict[str, Any]]:
        """The chart without data for this combination of empty views, and its spec (built once, then cached)."""
        key = (has_top, has_dates)
        if key not in self._layouts:
            chart = self._chart(has_top, has_dates)
            self._layouts[key] = (chart, chart.to_dict())
        return self._layouts[key]

    def _chart(self, has_top: bool, has_dates: bool) -> alt.TopLevelMixin:
        by_day = [_selected("brush")] if has_dates else []
        by_pick = ["datum.note || (length(data('actor_store')) ? datum.for_pick : !datum.for_pick)",
                   _selected("actor")]
        actors = (_with_note(_actor_bars(), by_day, "actors") if has_top
                  else _message("No actor is mentioned in this selection.", "actors"))
        if has_dates:
            domain = [self._day_ms[0] - 43_200_000, self._day_ms[-1] + 43_200_000]
            timeline = _with_note(_timeline(domain), by_pick, "escalation")
        else:
            timeline = _message("No dated article: no timeline (add a metadata.csv with dates).", "escalation")
        title = alt.TitleParams
        chart = (alt.hconcat(
            actors.properties(title=title("Actors by mentions (click one; double-click clears)", anchor="start")),
            timeline.properties(title=title("Escalation index per day (drag to brush days)", anchor="start")),
            spacing=24).resolve_scale(color="independent")
            .configure_view(stroke=None).configure_axis(labelFontSize=11, titleFontSize=11)
            .configure_title(fontSize=13).configure_legend(labelFontSize=11, titleFontSize=11))
        views = {"actor": "actors" if has_top else None, "brush": "escalation" if has_dates else None}
        chart.params = [alt.TopLevelSelectionParameter(name=name, select=_SELECTIONS[name].param.select,
                                                       views=[view]) for name, view in views.items() if view]
        return chart

    # the lists and the sentences behind a mark ------------------------------------------------------------------
    def _rows(self, kind: str, f: Filters, actor: str | None, window: Sequence[float] | None) -> np.ndarray:
        """Indices into the quote (``kind="quote"``) or signal table for ``f``, a clicked actor, brushed days."""
        t = self._q if kind == "quote" else self._s
        art_ok, actor_ok, _ = self._masks(f)
        ok = self._keep(t, f, art_ok, actor_ok)
        if window:
            ms = np.array([*self._day_ms, np.iinfo(np.int64).min], dtype=np.int64)[t["day"]]
            ok &= (ms >= min(window)) & (ms <= max(window))  # as the chart's brush: the day's midnight inside
        if actor:
            code = self._actor_code(actor)
            ok &= (t["actor"] == code) | (t["target"] == code)
        return np.flatnonzero(ok)

    def lines(self, kind: str, f: Filters = Filters(), actor: str | None = None,
              window: Sequence[float] | None = None, limit: int = 200) -> list[tuple[str, str]]:
        """(label, key) of the first ``limit`` quotes (``kind="quote"``, oldest first) or signals (``"signal"``,
        strongest first) for ``f``, a clicked ``actor`` (speaker; actor or target of a signal) and a brushed
        ``window`` (epoch ms): the lists under the chart."""
        t = self._q if kind == "quote" else self._s
        rows = self._rows(kind, f, actor, window)[:limit]
        return list(zip(t["label"][rows].tolist(), t["key"][rows].tolist()))

    def _actor_code(self, actor: str) -> int:
        hit = np.flatnonzero(self.actor_names == actor)
        return int(hit[0]) if len(hit) else -2

    def detail(self, selections: dict[str, Any], f: Filters = Filters(), limit: int = 3) -> str:
        """HTML for what was picked: a quote or signal line (``quote``/``signal``: its key), else a clicked
        ``actor`` and/or ``brush`` window (epoch ms) in the chart: the sentences, highlighted in their paragraph.
        """
        art_ok, actor_ok, message = self._masks(f)
        if message:
            return _note(message)
        for kind in ("quote", "signal"):
            key = selections.get(kind)
            if key:
                t = self._q if kind == "quote" else self._s
                hit = np.flatnonzero(t["key"] == key)
                return self._sentences(t, hit[:1]) if len(hit) else _note(f"Nothing found for {key!r}.")
        actor, window = selections.get("actor"), selections.get("brush")
        if actor:
            said = self._rows("quote", f, actor, window)
            if len(said):
                return self._sentences(self._q, said[:limit], f"{actor}: {len(said)} quote(s)")
            m = self._m
            ok = self._keep(m, f, art_ok, actor_ok) & (m["actor"] == self._actor_code(actor))
            named = np.flatnonzero(ok)
            if window:
                ms = np.array([*self._day_ms, np.iinfo(np.int64).min], dtype=np.int64)[m["day"][named]]
                named = named[(ms >= min(window)) & (ms <= max(window))]
            head = f"{actor} has no quote in this selection; sentences that mention them:"
            return (self._sentences(m, named[:limit], head) if len(named)
                    else _note(f"{actor}: nothing in this selection."))
        if window:
            strong = self._rows("signal", f, None, window)
            return (self._sentences(self._s, strong[:limit], f"Strongest signals in the brushed days ({len(strong)})")
                    if len(strong) else _note("No signal in the brushed days."))
        return _note("Pick a quote or a signal in the lists, click an actor bar or brush days on the timeline "
                     "to read the sentences.")

    def _sentences(self, t: _Table, rows: np.ndarray, head: str = "") -> str:
        items = [sentence_html(self.ann, self.article_ids[t["art"][i]], int(t["sent_idx"][i]),
                               (int(t["start"][i]), int(t["end"][i]))) for i in rows]
        return (f"<p><b>{html.escape(head)}</b></p>" if head else "") + "".join(items)


def _note(text: str) -> str:
    return f"<p style='color:#555'><em>{html.escape(text)}</em></p>"


def _selected(name: str) -> str:
    """Vega expression: the selection ``name`` is empty or holds this row (rows flagged ``note`` always pass)."""
    return f"datum.note || !length(data('{name}_store')) || vlSelectionTest('{name}_store', datum)"


def _message(text: str, name: str = "message") -> alt.Chart:
    return (alt.Chart(alt.InlineData(values=[{"message": text}]), name=name)
            .mark_text(fontSize=13, color="#666", align="left", x=0).encode(text="message:N")
            .properties(width=420, height=40))


def _with_note(chart: alt.Chart, filters: Sequence[str], name: str) -> alt.VConcatChart:
    """``chart`` on the named dataset ``{name}_data`` filtered by ``filters``, above a grey note drawn only when
    they leave it no rows, so no view is ever blank. The note is the dataset's row with ``note: true`` (see
    :func:`_dataset`): it passes every filter and is drawn when it is alone. (A separate view, not a layer:
    Altair renames layers inside a concat, and view names must stay put.)"""
    data = alt.NamedData(name=f"{name}_data")
    body = chart.properties(data=data)
    own = [] if chart.transform is alt.Undefined else list(chart.transform)
    body.transform = [alt.FilterTransform("!datum.note"), *(alt.FilterTransform(e) for e in filters), *own]
    note = alt.Chart(data, name=f"{name}_note")
    for expr in filters:
        note = note.transform_filter(expr)
    note = (note.transform_joinaggregate(shown="count()").transform_filter("datum.note && datum.shown == 1")
            .mark_text(fontSize=13, color="#888", align="left", baseline="top")
            .encode(x=alt.value(4), y=alt.value(0), text="message:N").properties(width=20, height=18))
    return alt.vconcat(body, note, spacing=4)


def _dataset(rows: pd.DataFrame, note: str) -> list[dict[str, Any]]:
    """Chart rows as plain records plus the note row (Altair validates them once, with the whole spec)."""
    rows = rows.astype(object).where(rows.notna(), None)  # strict JSON: null, never NaN
    return [*rows.to_dict("records"), {"note": True, "message": note}]


def _actor_bars() -> alt.Chart:
    return (alt.Chart(name="actors").mark_bar().encode(
        y=alt.Y("actor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=170)),
        x=alt.X("sum(n):Q", title="mentions"),
        color=alt.Color("side:N", scale=side_scale(), title="side"),
        opacity=alt.condition(_SELECTIONS["actor"], alt.value(1.0), alt.value(0.35)),
        tooltip=["actor:N", "side:N", alt.Tooltip("sum(n):Q", title="mentions")],
    ).properties(width=260, height=alt.Step(17)))


def _timeline(domain: list[int]) -> alt.Chart:
    offset = alt.ExprRef("datum.series === 'asserted' ? -3 : 3")
    return (alt.Chart(name="escalation")
            .transform_aggregate(index="sum(index)", n="sum(n)", groupby=["date", "day", "series"])
            .mark_bar(size=6, xOffset=offset).encode(
                x=alt.X("date:T", title="publication day (UTC)", scale=alt.Scale(type="utc", domain=domain),
                        axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=5)),
                y=alt.Y("index:Q", title="escalation index (−Σ weight per sentence)", stack=None),
                color=alt.Color("series:N", title="modality", scale=alt.Scale(
                    domain=list(_SERIES_COLOURS), range=list(_SERIES_COLOURS.values()))),
                tooltip=[alt.Tooltip("day:N", title="day"), "series:N", "index:Q", alt.Tooltip("n:Q", title="signals")],
            ).properties(width=440, height=190))


def sentence_html(ann: AnnotatedTables, article_id: str, sent_idx: int, span: tuple[int, int] | None = None,
                  base: str | Path | None = None) -> str:
    """The paragraph holding sentence ``sent_idx`` of ``article_id``, the sentence in ``<mark>`` (and ``span``,
    e.g. the quote or trigger, in bold), headed by outlet, date, title and a link to the file.

    The link is relative to ``base`` (default: the working directory, which is the notebook's folder in Jupyter).

    >>> from toolkit.pipeline import annotate
    >>> ann = annotate("seeds/")
    >>> out = sentence_html(ann, "001_b1cb49b56e4e3559", 0)
    >>> "<mark" in out and "The National" in out and "2022-01-18" in out
    True
    """
    arts = ann.articles[ann.articles["article_id"].eq(article_id).fillna(False)]
    sents = ann.sentences[ann.sentences["article_id"].eq(article_id).fillna(False)]
    sent = sents[sents["sent_idx"].eq(sent_idx).fillna(False)]
    if arts.empty or sent.empty:
        return _note(f"Sentence {sent_idx} of {article_id!r} is not in this corpus.")
    art, row = arts.iloc[0], sent.iloc[0]
    para = sents[sents["para_idx"].eq(row["para_idx"]).fillna(False)]
    text = str(art["text"])
    p0, p1, s0, s1 = int(para["start"].min()), int(para["end"].max()), int(row["start"]), int(row["end"])
    b0, b1 = (max(span[0], s0), min(span[1], s1)) if span and span[0] < s1 and s0 < span[1] else (s0, s0)
    marked = (html.escape(text[p0:s0]) + "<mark style='background:#fff1a8'>" + html.escape(text[s0:b0])
              + "<b>" + html.escape(text[b0:b1]) + "</b>" + html.escape(text[b1:s1]) + "</mark>"
              + html.escape(text[s1:p1]))
    return (f"<div style='margin:0.4em 0 0.8em'><div style='color:#555;font-size:90%'>{_article_head(art, base)}"
            f"</div><p style='margin:0.2em 0'>{marked}</p></div>")


def _article_head(art: pd.Series, base: str | Path | None = None) -> str:
    """Outlet · date · title · a link to the file (relative to ``base``, default the working directory)."""
    outlet = art["outlet"] if pd.notna(art["outlet"]) else UNKNOWN_OUTLET
    date = str(art["published"].date()) if pd.notna(art["published"]) else "no date"
    path = str(art["path"]) if pd.notna(art["path"]) else ""
    href = os.path.relpath(path, base or os.getcwd()) if path else ""
    link = f" · <a href='{html.escape(href)}' target='_blank'>{html.escape(Path(path).name)}</a>" if path else ""
    return f"<b>{html.escape(str(outlet))}</b> · {html.escape(date)} · <i>{html.escape(str(art['title']))}</i>{link}"


class ExplorerWidget:
    """The explorer's widgets around one :class:`Explorer`: corpus path, filters, the linked chart, the quote and
    signal lists and the sentence panel.

    Display it in a notebook (it shows :attr:`box`). Every filter change calls :meth:`redraw`; clicking an actor
    or brushing days in the chart calls :meth:`follow`, which filters the lists and fills :attr:`detail`;
    picking a line in a list shows its sentence.
    """

    def __init__(self, source: AnnotatedTables | str | Path, top: int = 15) -> None:
        alt.JupyterChart.enable_offline()  # the Vega bundle travels with the widget: no network needed
        self.top = top
        wide = widgets.Layout(width="98%")
        self.path = widgets.Text(value="" if isinstance(source, Annotations) else str(source),
                                 description="Corpus", placeholder="a folder of .txt/.md articles",
                                 layout=widgets.Layout(width="420px"))
        self.load = widgets.Button(description="Load and annotate", icon="folder-open")
        self.days = widgets.SelectionRangeSlider(options=[("no dates", None)], description="Days", readout=False,
                                                 continuous_update=False, layout=widgets.Layout(width="560px"))
        self.days_label = widgets.Label()
        self.outlets = widgets.SelectMultiple(description="Outlets", rows=4, layout=widgets.Layout(width="330px"))
        self.sides = widgets.SelectMultiple(options=list(SIDES), description="Sides", rows=4,
                                            layout=widgets.Layout(width="260px"))
        self.actor = widgets.Text(description="Actor", placeholder="search names and aliases",
                                  continuous_update=False)
        self.escalation = widgets.ToggleButton(description="Escalation only", icon="fire",
                                               tooltip="only escalation signals, and the sentences carrying one")
        self.status = widgets.HTML()
        self.chart = alt.JupyterChart(_message("Loading…"), embed_options={"renderer": "svg", "actions": False})
        self.quotes = widgets.Select(description="Quotes", rows=6, layout=wide)
        self.signals = widgets.Select(description="Signals", rows=6, layout=wide)
        self.detail = widgets.HTML()
        for w, name in ((self.quotes, "quotes"), (self.signals, "signals"), (self.detail, "detail")):
            w.add_class(f"explorer-{name}")  # CSS hooks for browsers and tests
        self.view: ExplorerView | None = None
        self.box = widgets.VBox([
            widgets.HBox([self.path, self.load]), widgets.HBox([self.days, self.days_label]),
            widgets.HBox([self.outlets, self.sides, widgets.VBox([self.actor, self.escalation])]),
            self.status, self.chart, self.quotes, self.signals, widgets.HTML("<b>Sentences</b>"), self.detail])
        self.load.on_click(lambda _: self.open(self.path.value))
        for w in (self.days, self.outlets, self.sides, self.actor, self.escalation):
            w.observe(lambda _: self.redraw(), names="value")
        self.quotes.observe(lambda ch: self.read("quote", ch["new"]), names="value")
        self.signals.observe(lambda ch: self.read("signal", ch["new"]), names="value")
        self._busy = False
        if isinstance(source, Annotations):
            self.use(source)
        else:
            self.open(source)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)

    def open(self, path: str | Path) -> None:
        """Load and annotate ``path``; a path with no article gives a message and keeps the current corpus."""
        from .ingest import load
        from .pipeline import annotate

        self.status.value = _note(f"Loading and annotating {path}…")
        corpus = load(path)
        if corpus.articles.empty:
            self.status.value = _note(f"No article loaded from {str(path)!r} ({corpus.summary()}).")
            return
        self.use(annotate(corpus))

    def use(self, ann: AnnotatedTables) -> None:
        """Show ``ann``: reset the filters to its dates, outlets and sides, and redraw."""
        self.explorer = Explorer(ann, self.top)
        days = [(pd.Timestamp(d).strftime("%d %b %Y"), pd.Timestamp(d)) for d in self.explorer.days]
        self._busy = True
        try:
            self.days.options = days or [("no dates", None)]
            self.days.index = (0, max(len(days) - 1, 0))
            self.days.disabled = len(days) < 2
            self.outlets.options = sorted(set(self.explorer.outlets))
            self.outlets.value = ()
            self.sides.value = ()
            self.actor.value = ""
            self.escalation.value = False
        finally:
            self._busy = False
        self.redraw()

    def filters(self) -> Filters:
        """The :class:`Filters` the widgets hold now (a full date range means "no date filter")."""
        lo, hi = self.days.index
        full = lo == 0 and hi == len(self.days.options) - 1
        days = None if full or self.days.value[0] is None else (self.days.value[0], self.days.value[1])
        return Filters(days=days, outlets=tuple(self.outlets.value), sides=tuple(self.sides.value),
                       actor=self.actor.value, escalation_only=bool(self.escalation.value))

    def redraw(self) -> None:
        """Rebuild the chart and the lists for the current filters (the widgets' update function)."""
        if self._busy:
            return
        self.view = self.explorer.view(self.filters())
        first, last = (self.days.options[i][0] for i in self.days.index)
        self.days_label.value = first if first == last else f"{first} – {last}"
        counts = self.view.counts
        summary = (f"{counts.get('articles', 0)} article(s) · {counts.get('quotes', 0)} quote(s) · "
                   f"{counts.get('signals', 0)} signal(s)")
        self.status.value = f"<span>{html.escape(summary)}</span>" + (_note(self.view.message) if self.view.message
                                                                     else "")
        if self.chart.chart is not self.view.layout:  # another layout: let Altair set up its selections
            self.chart.chart = self.view.layout
            for name in ("actor", "brush"):
                if hasattr(self.chart.selections, name):
                    self.chart.selections.observe(lambda _: self.follow(), names=name)
        self.chart.spec = self.view.spec
        self.follow()

    def _picked(self) -> tuple[str | None, list[float] | None]:
        sel = self.chart.selections
        actor = sel.actor.value if hasattr(sel, "actor") else []
        brush = sel.brush.value if hasattr(sel, "brush") else {}
        return (actor[0]["actor"] if actor else None), (brush.get("date") if brush else None)

    def follow(self) -> None:
        """Filter the lists by the clicked actor and brushed days, and show their sentences in :attr:`detail`."""
        actor, window = self._picked()
        f = self.filters()
        for kind, box in (("quote", self.quotes), ("signal", self.signals)):
            lines = self.explorer.lines(kind, f, actor, window)
            empty = f"(no {kind} for this selection)"
            box.options = [(label, key) for label, key in lines] or [(empty, "")]
            box.value = None
        self.detail.value = self.explorer.detail({"actor": actor, "brush": window}, f)

    def read(self, kind: str, key: str | None) -> None:
        """Show the sentence of the quote or signal ``key`` picked in a list."""
        if key:
            self.detail.value = self.explorer.detail({kind: key}, self.filters())


def explore(source: AnnotatedTables | str | Path = "../seeds", top: int = 15) -> ExplorerWidget:
    """The analyst's dashboard over ``source`` (annotations, or a path to load and annotate; default the seeds).

    >>> from toolkit.pipeline import annotate
    >>> ui = explore(annotate("seeds/"))
    >>> ui.actor.value = "lavrov"
    >>> ui.view.counts["quotes"] > 0, ui.quotes.options[0][0].startswith("Sergey Lavrov:")
    (True, True)
    """
    return ExplorerWidget(source, top)


def quote_paragraph(ann: Annotations, article_id: str, quote_idx: int) -> str:
    """HTML of the paragraph(s) holding a quote, the quote highlighted, its speaker underlined and its cue in bold,
    under the article's outlet, date and title.

    >>> from toolkit.pipeline import annotate
    >>> ann = annotate("seeds/")
    >>> q = ann.quotes[ann.quotes["text"].str.contains("We do not want war")].iloc[0]
    >>> html_ = quote_paragraph(ann, q.article_id, q.quote_idx)
    >>> "<mark>“We do not want war." in html_, "In his interview <u>Lavrov</u> <b>said</b>:" in html_
    (True, True)
    """
    quote = ann.quotes[(ann.quotes["article_id"] == article_id) & (ann.quotes["quote_idx"] == quote_idx)]
    if quote.empty:
        return f"<p><em>No quote {quote_idx} in article {html.escape(str(article_id))}.</em></p>"
    q = quote.iloc[0]
    art = ann.articles[ann.articles["article_id"] == article_id].iloc[0]
    text, start, end = str(art.text), int(q.start), int(q.end)
    spans = [(a, b) for a, b in paragraphs(text) if a < end and start < b] or [(start, end)]
    lo, hi = spans[0][0], spans[-1][1]
    speaker = str(q.speaker) if pd.notna(q.speaker) else "no speaker"
    marks = [(int(q[a]), int(q[b]), tag) for a, b, tag in (("speaker_start", "speaker_end", "u"),
                                                            ("cue_start", "cue_end", "b")) if pd.notna(q.get(a))]
    body = (_tagged(text, lo, start, marks) + "<mark>" + _tagged(text, start, end, marks) + "</mark>"
            + _tagged(text, end, hi, marks)).replace("\n\n", "<br><br>")
    return (f"<p>{_article_head(art)}<br>"
            f"{html.escape(str(q.kind))} quote of <b>{html.escape(speaker)}</b> (cue: "
            f"{html.escape(str(q.cue) if pd.notna(q.cue) else '—')}; in the text the speaker is underlined, the cue "
            f"in bold)</p><blockquote>{body}</blockquote>")


def _tagged(text: str, a: int, b: int, marks: list[tuple[int, int, str]]) -> str:
    """``text[a:b]`` escaped, the parts of each mark ``(start, end, tag)`` inside it wrapped in that tag."""
    out, pos = [], a
    for s, e, tag in sorted(marks):
        s, e = max(s, pos), min(e, b)
        if s < e:
            out += [html.escape(text[pos:s]), f"<{tag}>", html.escape(text[s:e]), f"</{tag}>"]
            pos = e
    return "".join(out) + html.escape(text[pos:b])


def quote_explorer(ann: Annotations, top: int = 30) -> widgets.VBox:
    """Pick an actor (and a kind) → their quotes by outlet and date; pick one of them → its paragraph."""
    quoted = ann.quotes["speaker"].dropna().value_counts()
    names = sorted(quoted.index[:top], key=lambda a: (-quoted[a], a))
    actor = widgets.Dropdown(options=[(f"{a} ({quoted[a]})", a) for a in names], description="Actor")
    kind = widgets.ToggleButtons(options=["all", "direct", "indirect", "mixed"], description="Kind")
    pick = widgets.Dropdown(description="Quote", layout=widgets.Layout(width="95%"))
    chart, para = widgets.Output(), widgets.Output()
    meta = ann.articles.set_index("article_id")[["outlet", "published"]]

    def quotes_of() -> pd.DataFrame:
        q = ann.quotes[ann.quotes["speaker"].eq(actor.value).fillna(False)]
        return q if kind.value == "all" else q[q["kind"].eq(kind.value).fillna(False)]

    def show_quote(_: Any = None) -> None:
        if pick.value is None:
            _show(para, HTML("<p><em>No quote of this actor and kind.</em></p>"))
        else:
            _show(para, HTML(quote_paragraph(ann, *pick.value)))

    def redraw(_: Any = None) -> None:
        q = quotes_of()
        _show(chart, actor_quotes(q, ann.articles, actor.value))
        labels = []
        for r in q.itertuples():
            outlet, day = meta.loc[r.article_id, "outlet"], meta.loc[r.article_id, "published"]
            where = f"{outlet if pd.notna(outlet) else 'unknown outlet'}, {day.date() if pd.notna(day) else 'no date'}"
            labels.append((f"{where} · {r.kind} · {str(r.text)[:90]}", (r.article_id, int(r.quote_idx))))
        pick.options = labels
        pick.value = labels[0][1] if labels else None
        show_quote()

    actor.observe(redraw, names="value")
    kind.observe(redraw, names="value")
    pick.observe(show_quote, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([actor, kind]), chart, pick, para])


def actor_picker(ann: Annotations, draw: Callable[[Annotations, str], Any], top: int = 30) -> widgets.VBox:
    """An actor dropdown (the ``top`` actors by mentions, labelled with side and count); on each change the
    output shows ``draw(ann, actor)``, e.g. :func:`toolkit.charts.actor_view`.

    >>> from toolkit.pipeline import annotate
    >>> box = actor_picker(annotate("seeds/"), lambda ann, actor: actor)
    >>> box.children[0].description, box.children[0].value
    ('Actor', 'Russia')
    >>> box.children[1].outputs[0]["data"]["text/plain"]
    "'Russia'"
    """
    rows = crisis_actors(ann.actors).head(top)
    options = [(f"{r.actor} ({r.side}, {r.n_mentions})", r.actor) for r in rows.itertuples()]
    if not options:
        return widgets.VBox([widgets.HTML("<p><em>No actors found in these articles.</em></p>")])
    actor = widgets.Dropdown(options=options, value=options[0][1], description="Actor",
                             layout=widgets.Layout(width="32em"))
    out = widgets.Output()

    def redraw(_: Any = None) -> None:
        _show(out, draw(ann, actor.value))

    actor.observe(redraw, names="value")
    redraw()
    return widgets.VBox([actor, out])

"""Charts: pure functions from toolkit tables (see :mod:`toolkit.tables`) to Altair charts.

Every chart aggregates in pandas first and carries its data inline as small JSON records, so no chart can hit
Altair's ``MaxRowsError``. Every view is named (``alt.Chart(..., name="actors")``), so in the rendered SVG its
marks sit under ``g.actors_marks``; every selection is named too (``actor``, ``brush``, ``outlet``). Sides are
coloured the same everywhere (:data:`SIDES`, :data:`SIDE_COLOURS`). An empty table gives a chart with a text
message instead of an error.

>>> import pandas as pd
>>> from toolkit import tables
>>> actors = tables.from_records("actors", [
...     {"actor": "Russia", "kind": "country", "side": "Russia", "n_mentions": 12, "n_articles": 5},
...     {"actor": "Sergey Lavrov", "kind": "person", "side": "Russia", "n_mentions": 7, "n_articles": 4}])
>>> spec = actors_bar(actors).to_dict()
>>> spec["mark"]["type"], spec["params"][0]["name"]
('bar', 'actor')
>>> actors_bar(tables.empty("actors")).to_dict()["mark"]["type"]
'text'

:func:`dashboard` links the views: click an actor bar and the quote and signal views filter to that actor;
brush the escalation timeline and the actor, quote and signal views keep only articles from those days; the
``Outlet`` dropdown filters everything by outlet.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from .index import ALL, daily_index
from .tables import AnnotatedTables

__all__ = [
    "ASSERTED", "HEDGED", "MEDIA", "SIDES", "SIDE_COLOURS", "UNKNOWN_OUTLET",
    "actors_bar", "crisis_actors", "crisis_mentions", "dashboard", "escalation_index", "escalation_timeline",
    "message_chart", "quotes_by_outlet",
    "quotes_by_speaker", "quote_labels", "quote_rows", "side_of", "side_scale", "signal_rows", "text_rows",
    "concordance_rows", "escalation_by_outlet", "escalation_explorer", "signal_concordance",
    "actor_quotes", "cluster_rows", "quote_clusters_chart",
    "actor_sentence_rows", "actor_view", "cooccurrence", "cooccurrence_matrix", "mentions_by_outlet",
    "report_dashboard",
]

SIDES: tuple[str, ...] = ("Russia", "United States", "NATO", "Ukraine", "European Union", "United Kingdom",
                          "Germany", "France", "other")
SIDE_COLOURS: tuple[str, ...] = ("#c0392b", "#1f4e9c", "#7b52ab", "#e0a800", "#2a9d8f", "#5b8fd6",
                                 "#6d4c41", "#d4689a", "#9a9a9a")
ASSERTED, HEDGED = "asserted", "hedged/conditional"
UNKNOWN_OUTLET = "unknown outlet"
MEDIA = "media"  # actors.kind of news outlets and agencies: the coverage's sources, left out of the actor views
_SERIES_COLOURS = {ASSERTED: "#c0392b", HEDGED: "#f0a58f"}
_KIND_COLOURS = {"direct": "#1f4e9c", "mixed": "#7fa3d1", "indirect": "#c6d4e8"}
_DAY_MS = 86_400_000
_TEXT_CHARS = 240  # text rows carry at most this much of a quote or sentence; the report tables show it all
_MARKS = "\"“”„«»"  # quotation marks a direct quote's label re-draws as curly ones
_WIDE, _NARROW, _TABLE = 460, 280, 930
_OUTLET_STEP = 130  # px: one outlet's column in the cross-outlet view
_SPREAD = 14  # px: the quotes of one outlet and day lie within ± this of their row


def side_scale() -> alt.Scale:
    """The fixed side → colour scale shared by every chart."""
    return alt.Scale(domain=list(SIDES), range=list(SIDE_COLOURS))


def crisis_actors(actors: pd.DataFrame) -> pd.DataFrame:
    """The actors table without news media (kind :data:`MEDIA`: Reuters, TASS, …), in its order.

    >>> from toolkit import tables
    >>> a = tables.from_records("actors", [{"actor": "Russia", "kind": "country", "n_mentions": 9},
    ...                                    {"actor": "Reuters", "kind": "media", "n_mentions": 4}])
    >>> crisis_actors(a)["actor"].tolist()
    ['Russia']
    """
    return actors[(actors["kind"].astype(object) != MEDIA).to_numpy()]


def crisis_mentions(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The mentions of a canonical actor that is not news media (see :func:`crisis_actors`)."""
    media = actors.loc[(actors["kind"].astype(object) == MEDIA).to_numpy(), "actor"]
    return mentions[(mentions["actor"].notna() & ~mentions["actor"].isin(media)).to_numpy()]


def side_of(sides: pd.Series) -> pd.Series:
    """Map side values onto :data:`SIDES`: anything unknown or missing becomes ``"other"``.

    >>> side_of(pd.Series(["NATO", "Atlantis", None], dtype="string")).tolist()
    ['NATO', 'other', 'other']
    """
    sides = sides.astype("string")
    return sides.where(sides.isin(SIDES), "other").fillna("other").astype(object)


def message_chart(message: str, name: str, width: int = _NARROW, height: int = 60) -> alt.Chart:
    """A chart that only says ``message``: what every chart function returns for an empty table."""
    data = alt.InlineData(values=[{"message": message}])
    return (alt.Chart(data, name=name).mark_text(fontSize=13, color="#666")
            .encode(text="message:N").properties(width=width, height=height))


def escalation_index(ann: AnnotatedTables) -> pd.DataFrame:
    """The escalation index of every publication day (all outlets, all sides) as two modality series.

    The values are :func:`toolkit.index.daily_index`'s: −Σ Goldstein weight ÷ the day's sentences, ``asserted``
    signals at full weight and ``hedged``/``conditional`` ones at :data:`toolkit.index.HEDGE_FACTOR` in their own
    series; negated and denied signals and undated articles are left out. Every dated day appears, with 0 if it
    has no signals. Columns: ``day`` (datetime64), ``series``, ``index`` (float), ``n_signals`` (int).

    >>> import toolkit
    >>> index = escalation_index(toolkit.annotate("seeds/"))
    >>> sorted(index["series"].unique()) == sorted([ASSERTED, HEDGED])
    True
    """
    daily = daily_index(ann)
    days = daily[((daily["outlet"] == ALL) & (daily["side"] == ALL)).fillna(False) & daily["day"].notna()]
    parts = [pd.DataFrame({"day": days["day"], "series": label, "index": days[col].fillna(0.0).astype(float),
                           "n_signals": days[count].astype(int)})
             for label, col, count in [(ASSERTED, "asserted", "n_asserted"), (HEDGED, "hedged", "n_hedged")]]
    out = pd.concat(parts, ignore_index=True).sort_values(["day", "series"], kind="mergesort")
    return out.reset_index(drop=True).astype({"day": "datetime64[ns]"})


def _json_value(v: Any) -> Any:
    """A JSON-ready scalar: datetimes as UTC epoch milliseconds, missing values as None, numpy as Python."""
    if isinstance(v, str):
        return v
    if pd.isna(v):
        return None
    if isinstance(v, pd.Timestamp):
        return int(v.value // 1_000_000)
    return v.item() if hasattr(v, "item") else v


def _values(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``df`` as JSON-ready records."""
    return [{k: _json_value(v) for k, v in row.items()} for row in df.to_dict("records")]


def _records(df: pd.DataFrame) -> alt.InlineData:
    """The rows of ``df`` as inline JSON records (no Altair data transformer, so no row limit applies)."""
    return alt.InlineData(values=_values(df))


def _day_fields(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add ``outlet``, ``date`` (publication day) and ``day`` (its ISO text) from ``articles`` by article_id."""
    meta = articles[["article_id", "outlet", "published", "title"]].copy()
    meta["outlet"] = meta["outlet"].fillna(UNKNOWN_OUTLET).astype(object)
    meta["date"] = meta["published"].dt.floor("D")
    meta["day"] = meta["date"].dt.strftime("%Y-%m-%d").astype(object)
    return df.merge(meta.drop(columns="published"), on="article_id", how="left")


def _short(text: pd.Series, limit: int = _TEXT_CHARS) -> pd.Series:
    text = text.fillna("").astype(str).str.replace(r"\s+", " ", regex=True).str.strip()
    return text.where(text.str.len() <= limit, text.str.slice(0, limit - 1) + "…")


def _apply(chart: alt.Chart, filters: Sequence[alt.Parameter | str]) -> alt.Chart:
    for f in filters:
        chart = chart.transform_filter(f)
    return chart


def _top_by_sum(data: pd.DataFrame, field: str, top: int) -> pd.Index:
    """The ``top`` values of ``field`` with the largest Σn (ties by name)."""
    return data.groupby(field)["n"].sum().sort_values(ascending=False, kind="mergesort").head(top).index


def _bars(data: pd.DataFrame, name: str, field: str, title: str, top: int, filters: Sequence[alt.Parameter | str],
          highlight: alt.Parameter | None = None, define: bool = False, legend: bool = True) -> alt.Chart:
    """Horizontal bars of Σn per ``field`` coloured by side; ``data`` holds field, side, n (+ date, outlet).

    ``highlight`` dims the bars outside that selection; ``define`` also adds it to this chart.
    """
    data = data[data[field].isin(_top_by_sum(data, field, top))]
    chart = _apply(alt.Chart(_records(data), name=name), filters).mark_bar().encode(
        y=alt.Y(f"{field}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=180)),
        x=alt.X("sum(n):Q", title=title, axis=alt.Axis(tickCount=5)),
        color=alt.Color("side:N", scale=side_scale(), title="side", legend=alt.Legend() if legend else None),
        tooltip=[alt.Tooltip(f"{field}:N", title=field), alt.Tooltip("side:N"), alt.Tooltip("sum(n):Q", title="n")],
    ).properties(width=_NARROW, height=alt.Step(18))
    if highlight is not None:
        chart = chart.encode(opacity=alt.condition(highlight, alt.value(1.0), alt.value(0.35)))
    return chart.add_params(highlight) if define and highlight is not None else chart


def _pick() -> alt.Parameter:
    return alt.selection_point(name="actor", fields=["actor"], on="click", clear="dblclick", toggle=False)


def _brush() -> alt.Parameter:
    return alt.selection_interval(name="brush", encodings=["x"])


def actors_bar(actors: pd.DataFrame, top: int = 15) -> alt.Chart:
    """Top ``top`` actors by mentions, coloured by side, with the point selection ``actor`` (click a bar)."""
    actors = crisis_actors(actors)
    if actors.empty:
        return message_chart("No actors found.", "actors")
    data = pd.DataFrame({"actor": actors["actor"].astype(object), "side": side_of(actors["side"]),
                         "n": actors["n_mentions"].fillna(0).astype(int)})
    return _bars(data, "actors", "actor", "mentions", top, [], _pick(), define=True)


def _speaker_sides(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty:
        return {}
    return dict(zip(actors["actor"].astype(object), side_of(actors["side"])))


def quotes_by_speaker(quotes: pd.DataFrame, actors: pd.DataFrame | None = None, top: int = 15) -> alt.Chart:
    """Quotes per speaker (top ``top``; unattributed quotes are left out), coloured by the speaker's side."""
    quoted = quotes.dropna(subset=["speaker"])
    if quoted.empty:
        return message_chart("No attributed quotes.", "quotes_by_speaker")
    sides = _speaker_sides(actors)
    data = quoted.groupby("speaker").size().rename("n").reset_index().rename(columns={"speaker": "actor"})
    data["actor"] = data["actor"].astype(object)
    data["side"] = data["actor"].map(sides).fillna("other")
    return _bars(data, "quotes_by_speaker", "actor", "quotes", top, [])


def quotes_by_outlet(quotes: pd.DataFrame, articles: pd.DataFrame) -> alt.Chart:
    """Quotes per outlet, stacked by quote kind (direct, mixed, indirect)."""
    if quotes.empty:
        return message_chart("No quotes found.", "quotes_by_outlet")
    data = _day_fields(quotes[["article_id", "kind"]], articles)
    data = data.groupby(["outlet", "kind"]).size().rename("n").reset_index()
    return _outlet_chart(data, [])


def _outlet_chart(data: pd.DataFrame, filters: Sequence[alt.Parameter | str]) -> alt.Chart:
    kinds = list(_KIND_COLOURS)
    return _apply(alt.Chart(_records(data), name="quotes_by_outlet"), filters).mark_bar().encode(
        y=alt.Y("outlet:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("sum(n):Q", title="quotes"),
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=list(_KIND_COLOURS.values())),
                        title="kind"),
        tooltip=["outlet:N", "kind:N", alt.Tooltip("sum(n):Q", title="quotes")],
    ).properties(width=_NARROW, height=alt.Step(22))


def escalation_timeline(ann: AnnotatedTables) -> alt.Chart:
    """Escalation index per day (see :func:`escalation_index`): asserted and hedged/conditional bars side by
    side, with the x-interval selection ``brush``."""
    data = escalation_index(ann)
    if data.empty:
        return message_chart("No dated articles: no timeline.", "escalation", width=_WIDE)
    data = data.rename(columns={"day": "date"}).assign(day=lambda d: d["date"].dt.strftime("%Y-%m-%d"))
    offset = alt.ExprRef(f"datum.series === '{ASSERTED}' ? -4 : 4")  # side by side around the day
    return alt.Chart(_records(data), name="escalation").mark_bar(size=8, xOffset=offset).encode(
        x=alt.X("date:T", title="publication day (UTC)", scale=alt.Scale(type="utc", padding=16),
                axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6)),
        y=alt.Y("index:Q", title="escalation index (−Σ weight per sentence)", stack=None),
        color=alt.Color("series:N", title="modality",
                        scale=alt.Scale(domain=list(_SERIES_COLOURS), range=list(_SERIES_COLOURS.values()))),
        tooltip=[alt.Tooltip("day:N", title="day"), "series:N", "index:Q", alt.Tooltip("n_signals:Q", title="signals")],
    ).add_params(_brush()).properties(width=_WIDE, height=180)


def quote_rows(quotes: pd.DataFrame, articles: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote for :func:`text_rows`, oldest first: actor (= speaker), side, outlet, date, day, title,
    kind, label, order."""
    rows = _day_fields(quotes[["article_id", "quote_idx", "speaker", "kind", "text"]], articles)
    rows["actor"] = rows["speaker"].astype(object).where(rows["speaker"].notna(), None)
    rows["side"] = rows["actor"].map(_speaker_sides(actors)).fillna("other")
    rows["label"] = quote_labels(rows["actor"], rows["kind"], _short(rows["text"]))
    rows = rows.sort_values(["date", "article_id", "quote_idx"], kind="mergesort", na_position="last")
    rows["order"] = range(len(rows))
    return rows[["article_id", "actor", "side", "outlet", "date", "day", "title", "kind", "label", "order"]]


def quote_labels(speakers: pd.Series, kinds: pd.Series, texts: pd.Series) -> list[str]:
    """List labels of quotes: ``Speaker: “words”`` for a direct quote; a paraphrase is never shown in quotation
    marks as if it were verbatim: ``Speaker: (indirect) …``, and ``Speaker: (mixed) …`` whose quoted words keep
    their own marks.

    >>> quote_labels(pd.Series(["Sergey Lavrov", None]), pd.Series(["direct", "indirect"]),
    ...              pd.Series(["“We do not want war,”", "that talks would resume"]))
    ['Sergey Lavrov: “We do not want war”', '(no speaker): (indirect) that talks would resume']
    """
    labels = []
    for who, kind, text in zip(speakers.fillna("(no speaker)"), kinds, texts.fillna("")):
        said = f"“{text.strip(' ,' + _MARKS)}”" if kind == "direct" else f"({kind}) {text.strip(' ,')}"
        labels.append(f"{who}: {said}")
    return labels


def signal_rows(signals: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per signal with its sentence, strongest first: actor, side (the actor's), trigger, weight, label…"""
    sent = sentences[["article_id", "sent_idx", "text"]].rename(columns={"text": "sentence"})
    rows = signals[["article_id", "sent_idx", "trigger", "direction", "category", "weight", "modality", "actor"]]
    rows = _day_fields(rows.merge(sent, on=["article_id", "sent_idx"], how="left"), articles)
    rows["actor"] = rows["actor"].astype(object).where(rows["actor"].notna(), None)
    rows["weight"] = rows["weight"].astype(float).round(3)
    rows = rows.sort_values(["weight", "article_id", "sent_idx"], ascending=[False, True, True], kind="mergesort",
                            key=lambda s: s.abs() if s.name == "weight" else s)
    arrows = rows["direction"].astype(object).map({"escalation": "▲", "de-escalation": "▼"}).fillna("•")
    who = [f" [{a}]" if isinstance(a, str) else "" for a in rows["actor"]]
    rows["label"] = [f"{arrow} {trigger} ({modality}, {weight:g}){actor}: {sentence}" for arrow, trigger, modality,
                     weight, actor, sentence in zip(arrows, rows["trigger"].fillna(""), rows["modality"].fillna("?"),
                                                    rows["weight"].fillna(0.0), who, _short(rows["sentence"]))]
    rows["side"] = rows["actor"].map(_speaker_sides(actors)).fillna("other")
    rows["order"] = range(len(rows))
    keep = ["article_id", "actor", "side", "outlet", "date", "day", "title", "trigger", "category", "modality",
            "weight", "label", "order"]
    return rows[keep].reset_index(drop=True)


def text_rows(rows: pd.DataFrame, name: str, *, max_rows: int = 12, width: int = _TABLE,
              empty: str = "Nothing to show.", filters: Sequence[alt.Parameter | str] = ()) -> alt.Chart:
    """A table of text lines (``mark_text``): the first ``max_rows`` of ``rows`` by ``order`` after ``filters``.

    ``rows`` needs ``label`` (the line), ``order`` (its rank), ``side`` (its colour) and ``day``/``outlet``/
    ``title`` for the tooltip, as made by :func:`quote_rows` and :func:`signal_rows`.
    """
    if rows.empty:
        return message_chart(empty, name, width=width)
    chart = _apply(alt.Chart(_records(rows), name=name), filters)
    return (chart.transform_window(row="row_number()", sort=[alt.SortField("order")])
            .transform_filter(f"datum.row <= {int(max_rows)}")
            .mark_text(align="left", baseline="middle", fontSize=11.5, limit=width - 10, dx=2)
            .encode(y=alt.Y("row:O", axis=None), x=alt.value(0), text="label:N",
                    color=alt.Color("side:N", scale=side_scale(), legend=None),
                    tooltip=[alt.Tooltip("day:N", title="day"), "outlet:N", "title:N", "label:N"])
            .properties(width=width, height=alt.Step(19)))


def _title(text: str) -> alt.TitleParams:
    return alt.TitleParams(text, anchor="start", fontSize=13)


def _actor_counts(mentions: pd.DataFrame, actors: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Mentions of canonical actors per (actor, side, article): the actors view's data, small enough to inline."""
    named = crisis_mentions(mentions, actors)
    counts = named.groupby(["actor", "article_id"]).size().rename("n").reset_index()
    counts["actor"] = counts["actor"].astype(object)
    counts["side"] = counts["actor"].map(_speaker_sides(actors)).fillna("other")
    return _day_fields(counts, articles)[["actor", "side", "outlet", "date", "n"]]


def _outlet_param(articles: pd.DataFrame) -> alt.Parameter:
    outlets = sorted(set(articles["outlet"].fillna(UNKNOWN_OUTLET).astype(str)))
    return alt.param(name="outlet", value="", bind=alt.binding_select(
        options=["", *outlets], labels=["All outlets", *outlets], name="Outlet "))


def dashboard(ann: AnnotatedTables, top: int = 15) -> alt.VConcatChart:
    """The linked overview: actors | timeline, quotes by speaker | by outlet, quote lines, signal sentences.

    Selections: ``actor`` (click an actor bar, double-click to clear) filters the quote and signal lines and
    highlights speakers; ``brush`` (drag on the timeline) keeps the days brushed in the actor, quote and signal
    views; ``outlet`` (dropdown) filters every view but the timeline.
    """
    arts = ann.articles
    outlet = _outlet_param(arts)
    by_outlet: list[alt.Parameter | str] = [f"{outlet.name} === '' || datum.outlet === {outlet.name}"]
    timeline = escalation_timeline(ann)
    by_day: list[alt.Parameter | str] = [_brush()] if arts["published"].notna().any() else []
    counts = _actor_counts(ann.mentions, ann.actors, arts)
    pick = _pick()
    if counts.empty:
        actors, by_actor = message_chart("No actors found.", "actors"), []
    else:
        actors = _bars(counts, "actors", "actor", "mentions", top, by_day + by_outlet, pick, define=True)
        by_actor = [pick]

    quotes = quote_rows(ann.quotes, arts, ann.actors)
    speakers = quotes.dropna(subset=["actor"]).groupby(["actor", "side", "outlet", "date"], dropna=False)
    speakers = speakers.size().rename("n").reset_index()
    if speakers.empty:
        speaker_chart = message_chart("No attributed quotes.", "quotes_by_speaker")
    else:
        speaker_chart = _bars(speakers, "quotes_by_speaker", "actor", "quotes", top, by_day + by_outlet,
                              pick if by_actor else None, legend=False)
    kinds = quotes.groupby(["actor", "outlet", "date", "kind"], dropna=False).size().rename("n").reset_index()
    outlet_chart = (message_chart("No quotes found.", "quotes_by_outlet") if kinds.empty
                    else _outlet_chart(kinds, by_actor + by_day + by_outlet))
    filters = by_actor + by_day + by_outlet
    quote_list = text_rows(quotes, "quote_list", empty="No quotes found.", filters=filters).properties(
        title=_title("Quotes: the first 12 of the selection"))
    signals = signal_rows(ann.signals, ann.sentences, arts, ann.actors)
    signal_list = text_rows(signals, "signal_list", empty="No escalation signals found.", filters=filters
                            ).properties(title=_title("Strongest signals and their sentences: the first 12"))
    return _layout(actors, timeline, speaker_chart, outlet_chart, quote_list, signal_list).add_params(outlet)


def _layout(actors: alt.Chart, timeline: alt.Chart, speakers: alt.Chart, outlets: alt.Chart, quote_list: alt.Chart,
            signal_list: alt.Chart) -> alt.VConcatChart:
    """The dashboards' layout: actors | timeline, quotes by speaker | by outlet, quote lines, signal lines."""
    top_row = alt.hconcat(actors.properties(title=_title("Actors by mentions (click one)")),
                          timeline.properties(title=_title("Escalation index per day (drag to brush days)")))
    mid_row = alt.hconcat(speakers.properties(title=_title("Quotes by speaker")),
                          outlets.properties(title=_title("Quotes by outlet")))
    return (alt.vconcat(top_row.resolve_scale(color="independent"), mid_row.resolve_scale(color="independent"),
                        quote_list, signal_list, spacing=28)
            .resolve_scale(color="independent")
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=11)
            .configure_legend(labelFontSize=11, titleFontSize=11, orient="right"))


# --- the escalation notebook: index by outlet over time, linked to a concordance of signal sentences ------------

_MODALITY_COLOURS = {"asserted": "#c0392b", "hedged": "#e67e22", "conditional": "#d4a017", "negated": "#7f8c8d",
                     "denied": "#34495e"}
_DIRECTION_COLOURS = {"escalation": "#b03a2e", "de-escalation": "#1e8449"}
_LEFT_CHARS, _RIGHT_CHARS = 90, 110


def concordance_rows(signals: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                     actors: pd.DataFrame) -> pd.DataFrame:
    """One row per signal for :func:`signal_concordance`, oldest first (undated last): its sentence cut into
    ``left`` | ``trigger`` | ``right``, ``who`` ("actor → target"), ``speaker`` (of the quote holding the
    trigger, or None), the actor's ``side`` (as in
    :func:`toolkit.index.signal_sides`), category, modality, direction, weight, ``day`` and ``outlet``."""
    from .index import signal_sides

    sent = sentences[["article_id", "sent_idx", "start", "text"]].rename(columns={"start": "s0", "text": "sentence"})
    rows = signals.assign(side=signal_sides(signals, actors)).merge(sent, on=["article_id", "sent_idx"], how="left")
    rows = _day_fields(rows, articles).rename(columns={"day": "day_text", "date": "day"})
    rows = rows.sort_values(["day", "article_id", "start"], kind="mergesort", na_position="last")
    left, right = [], []
    for text, s0, start, end in zip(rows["sentence"].fillna(""), rows["s0"], rows["start"], rows["end"]):
        a, b = int(start) - int(s0), int(end) - int(s0)
        head, tail = " ".join(text[:a].split()), " ".join(text[b:].split())
        left.append(head if len(head) <= _LEFT_CHARS else "…" + head[-_LEFT_CHARS + 1:])
        right.append(tail if len(tail) <= _RIGHT_CHARS else tail[: _RIGHT_CHARS - 1] + "…")
    out = pd.DataFrame({
        "article_id": rows["article_id"].astype(object), "sent_idx": rows["sent_idx"].astype(int), "day": rows["day"],
        "day_text": rows["day_text"].where(rows["day_text"].notna(), "no date"), "outlet": rows["outlet"],
        "title": rows["title"].astype(object), "side": rows["side"].astype(object),
        "who": [f"{_or_unknown(a)} → {_or_unknown(t)}" for a, t in zip(rows["actor"], rows["target"])],
        "speaker": rows["speaker"].astype(object),
        "category": rows["category"].astype(object), "modality": rows["modality"].astype(object),
        "direction": rows["direction"].astype(object), "weight": rows["weight"].astype(float),
        "trigger": rows["trigger"].astype(object), "left": left, "right": right,
    })
    out["order"] = range(len(out))
    return out.reset_index(drop=True)


def _or_unknown(name: Any) -> str:
    return "?" if pd.isna(name) else str(name)


def escalation_by_outlet(daily: pd.DataFrame) -> alt.Chart:
    """The escalation index per day, one line per outlet, from :func:`toolkit.index.daily_index`.

    Named parameters: ``period`` (drag an x-interval), ``outlet`` (click a legend entry), ``hedged`` (checkbox:
    add the down-weighted hedged/conditional part) and ``side`` (dropdown: the index of one actor side).
    Undated articles cannot sit on the time axis: the subtitle counts them.
    """
    dated = daily[daily["day"].notna() & (daily["outlet"] != ALL).fillna(True)].copy()
    undated = daily[daily["day"].isna() & (daily["outlet"] == ALL) & (daily["side"] == ALL)]["n_articles"].sum()
    note = f"{int(undated)} undated article(s) are not on the time axis; their signals are in the list" if undated else ""
    if dated.empty:
        return message_chart("No dated articles: no index over time.", "escalation_by_outlet", width=_WIDE)
    dated["outlet"] = dated["outlet"].astype(object).where(dated["outlet"].notna(), UNKNOWN_OUTLET)
    dated["day_text"] = dated["day"].dt.strftime("%Y-%m-%d")
    sides = [ALL, *sorted(set(dated["side"].astype(str)) - {ALL})]
    hedged = alt.param(name="hedged", value=True, bind=alt.binding_checkbox(name="include hedged / conditional "))
    side = alt.param(name="side", value=ALL, bind=alt.binding_select(options=sides, name="actor side "))
    outlet = alt.selection_point(name="outlet", fields=["outlet"], bind="legend")
    return (alt.Chart(_records(dated), name="escalation_by_outlet",
                      title=alt.TitleParams("Escalation index per day by outlet (drag to pick a period)",
                                            subtitle=note, anchor="start", fontSize=13))
            .transform_filter(f"datum.side === {side.name}")
            .transform_calculate(index=f"datum.asserted + ({hedged.name} ? datum.hedged : 0)")
            .mark_line(point=True)
            .encode(x=alt.X("day:T", title="publication day (UTC)", scale=alt.Scale(type="utc", padding=12),
                            axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6)),
                    y=alt.Y("index:Q", title="−Σ Goldstein weight per sentence"),
                    color=alt.Color("outlet:N", title="outlet (click)", legend=alt.Legend(labelLimit=220)),
                    opacity=alt.condition(outlet, alt.value(1.0), alt.value(0.15)),
                    tooltip=[alt.Tooltip("day_text:N", title="day"), "outlet:N", "side:N",
                             alt.Tooltip("index:Q", format=".3f"), alt.Tooltip("asserted:Q", format=".3f"),
                             alt.Tooltip("hedged:Q", format=".3f"), "n_articles:Q", "n_signals:Q"])
            .add_params(alt.selection_interval(name="period", encodings=["x"]), outlet, hedged, side)
            .properties(width=_WIDE + 240, height=220))


def signal_concordance(rows: pd.DataFrame, filters: Sequence[alt.Parameter | str | dict[str, Any]] = (),
                       max_rows: int = 25, width: int = _TABLE) -> alt.Chart:
    """Signal sentences as a concordance (rows from :func:`concordance_rows`): modality badge, actor → target,
    then the sentence with its trigger in bold in a middle column, coloured by direction. The first
    ``max_rows`` rows left by ``filters`` are shown."""
    if rows.empty:
        return message_chart("No escalation signals found.", "signal_concordance", width=width)
    mid = width - 205 - 200  # the trigger column sits between the left and right context
    text = {"baseline": "middle", "fontSize": 11.5}
    tip = [alt.Tooltip("day_text:N", title="day"), "outlet:N", "title:N", "category:N", "weight:Q", "who:N",
           alt.Tooltip("speaker:N", title="quoted from")]
    y = alt.Y("row:O", axis=None)
    layers = [
        alt.Chart(name="signal_badges").mark_rect(cornerRadius=3, opacity=0.85).encode(
            x=alt.value(0), x2=alt.value(76), y=y, tooltip=tip,
            color=alt.Color("modality:N", title="modality",
                            scale=alt.Scale(domain=list(_MODALITY_COLOURS), range=list(_MODALITY_COLOURS.values())))),
        alt.Chart(name="signal_badge_text").mark_text(align="center", color="white", fontWeight="bold",
                                                      **{**text, "fontSize": 10.5}).encode(
            x=alt.value(38), y=y, text="modality:N"),
        alt.Chart(name="signal_who").mark_text(align="left", limit=170, color="#333", **text).encode(
            x=alt.value(84), y=y, text="who:N", tooltip=tip),
        alt.Chart(name="signal_left").mark_text(align="right", limit=mid - 270, color="#555", **text).encode(
            x=alt.value(mid - 4), y=y, text="left:N", tooltip=tip),
        alt.Chart(name="signal_trigger").mark_text(align="center", limit=196, fontWeight="bold", **text).encode(
            x=alt.value(mid + 100), y=y, text="trigger:N", tooltip=tip,
            color=alt.Color("direction:N", title="direction", scale=alt.Scale(
                domain=list(_DIRECTION_COLOURS), range=list(_DIRECTION_COLOURS.values())))),
        alt.Chart(name="signal_right").mark_text(align="left", limit=width - mid - 205, color="#555", **text).encode(
            x=alt.value(mid + 205), y=y, text="right:N", tooltip=tip),
    ]
    chart = alt.layer(*layers, data=_records(rows))
    for f in filters:
        chart = chart.transform_filter(f)
    return (chart.transform_window(row="row_number()", sort=[alt.SortField("order")])
            .transform_filter(f"datum.row <= {int(max_rows)}")
            .resolve_scale(color="independent")
            .properties(width=width, height=alt.Step(20)))


def escalation_explorer(daily: pd.DataFrame, rows: pd.DataFrame, max_rows: int = 25) -> alt.VConcatChart:
    """:func:`escalation_by_outlet` above :func:`signal_concordance`, linked.

    The list keeps the signals of the brushed ``period``, the clicked ``outlet``, the chosen ``side``,
    ``category`` and ``modality`` (dropdowns), and drops hedged and conditional ones when ``hedged`` is off.
    """
    categories = sorted(set(rows["category"].dropna())) if not rows.empty else []
    category = alt.param(name="category", value="", bind=alt.binding_select(
        options=["", *categories], labels=["all", *categories], name="category "))
    modality = alt.param(name="modality", value="", bind=alt.binding_select(
        options=["", *_MODALITY_COLOURS], labels=["all", *_MODALITY_COLOURS], name="modality "))
    index = escalation_by_outlet(daily)
    linked = "params" in index.to_dict()  # no params on a message chart (no dated article)
    filters: list[str | dict[str, Any]] = [
        f"{category.name} === '' || datum.category === {category.name}",
        f"{modality.name} === '' || datum.modality === {modality.name}",
    ]
    if linked:
        filters += [{"param": "period"}, {"param": "outlet"}, "side === 'all' || datum.side === side",
                    "hedged || (datum.modality !== 'hedged' && datum.modality !== 'conditional')"]
    listing = signal_concordance(rows, filters, max_rows=max_rows).properties(
        title=_title(f"Signal sentences: the first {max_rows} of the selection, oldest first"))
    return (alt.vconcat(index, listing, spacing=24).add_params(category, modality)
            .resolve_scale(color="independent")
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=11)
            .configure_legend(labelFontSize=11, titleFontSize=11))


def _kind_param() -> alt.Parameter:
    return alt.param(name="kind", value="all", bind=alt.binding_radio(
        options=["all", "direct", "indirect", "mixed"], name="Kind "))


def _kind_filter(kind: alt.Parameter) -> str:
    return f"{kind.name} == 'all' || datum.kind == {kind.name}"


def actor_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, actor: str | None = None) -> alt.Chart:
    """The quotes of ``actor`` (all speakers when None) by outlet and publication day, one point per quote: the
    quotes of one outlet and day are spread across its row, not drawn on top of each other.

    Colour is the kind (direct / mixed / indirect); the ``kind`` radio keeps one kind; the tooltip holds the quote.

    >>> from toolkit import tables
    >>> arts = tables.from_records("articles", [{"article_id": "a", "outlet": "AP", "published": "2022-01-21"}])
    >>> q = tables.from_records("quotes", [{"article_id": "a", "quote_idx": 0, "speaker": "Lavrov",
    ...                                     "kind": "direct", "text": "“We do not want war.”"}])
    >>> spec = actor_quotes(q, arts, "Lavrov").to_dict()
    >>> spec["mark"]["type"], spec["params"][0]["name"], spec["encoding"]["y"]["field"]
    ('point', 'kind', 'outlet')
    """
    if actor is not None:
        quotes = quotes[quotes["speaker"].eq(actor).fillna(False)]
    if quotes.empty:
        return message_chart(f"No quotes of {actor}." if actor else "No quotes.", "actor_quotes", width=_WIDE)
    rows = _day_fields(quotes[["article_id", "quote_idx", "speaker", "kind", "text"]], articles)
    rows["text"] = _short(rows["text"])
    rows["speaker"] = rows["speaker"].astype(object).where(rows["speaker"].notna(), "(no speaker)")
    rows = rows.sort_values(["outlet", "date", "article_id", "quote_idx"], kind="mergesort")
    place = rows.groupby(["outlet", "day"], dropna=False)
    k, n = place.cumcount(), place["quote_idx"].transform("size")
    rows["offset"] = ((k - (n - 1) / 2) * (2 * _SPREAD / (n - 1).clip(lower=1))).clip(-_SPREAD, _SPREAD).round(2)
    kind = _kind_param()
    return (alt.Chart(_records(rows.drop(columns="date")), name="actor_quotes")
            .mark_point(filled=True, size=90, opacity=0.8)
            .encode(x=alt.X("day:T", title="published", timeUnit="yearmonthdate"),
                    y=alt.Y("outlet:N", title=None, scale=alt.Scale(paddingInner=0.1)),
                    yOffset=alt.YOffset("offset:Q", scale=alt.Scale(domain=[-_SPREAD - 8, _SPREAD + 8])),
                    color=alt.Color("kind:N", scale=alt.Scale(domain=list(_KIND_COLOURS),
                                                              range=list(_KIND_COLOURS.values()))),
                    tooltip=["speaker:N", "kind:N", "outlet:N", "day:N", "title:N", "text:N"])
            .add_params(kind).transform_filter(_kind_filter(kind))
            .properties(width=_WIDE, height=alt.Step(2 * _SPREAD + 16),
                        title=_title(f"Quotes of {actor}" if actor else "Quotes")))


def cluster_rows(quotes: pd.DataFrame, articles: pd.DataFrame, min_articles: int = 2) -> pd.DataFrame:
    """Quotes whose ``quote_cluster`` spans at least ``min_articles`` articles, one row per quote, with the
    cluster's label (its speaker and first words), number of outlets, outlet and day; clusters with the most
    outlets first."""
    cols = ["quote_cluster", "cluster", "n_outlets", "speaker", "kind", "outlet", "day", "title", "text"]
    rows = _day_fields(quotes[["article_id", "quote_idx", "speaker", "kind", "text", "quote_cluster"]], articles)
    spread = rows.groupby("quote_cluster")["article_id"].transform("nunique")
    rows = rows[spread >= min_articles].copy()
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows["n_outlets"] = rows.groupby("quote_cluster")["outlet"].transform("nunique")
    rows = rows.sort_values(["n_outlets", "quote_cluster", "date", "article_id", "quote_idx"],
                            ascending=[False, True, True, True, True], kind="mergesort", na_position="last")
    first = rows.groupby("quote_cluster", sort=False).head(1).set_index("quote_cluster")
    label = quote_labels(first["speaker"].astype(object), first["kind"], _short(first["text"], 64))
    rows["cluster"] = rows["quote_cluster"].map(pd.Series(label, index=first.index))
    rows["speaker"] = rows["speaker"].astype(object).where(rows["speaker"].notna(), "(no speaker)")
    rows["text"] = _short(rows["text"])
    return rows[cols].reset_index(drop=True)


def quote_clusters_chart(rows: pd.DataFrame, top: int = 20) -> alt.Chart:
    """Cross-outlet view of :func:`cluster_rows`: one line per statement, one point per outlet that reported
    it (size = number of quotes); the tooltip shows how each outlet worded it. The ``kind`` radio filters."""
    if rows.empty:
        return message_chart("No statement is quoted in more than one article.", "quote_clusters", width=_WIDE)
    keep = rows["quote_cluster"].drop_duplicates().head(top)
    rows = rows[rows["quote_cluster"].isin(keep)]
    order = rows["cluster"].drop_duplicates().tolist()
    kind = _kind_param()
    return (alt.Chart(_records(rows), name="quote_clusters").mark_circle(opacity=0.8)
            .encode(y=alt.Y("cluster:N", sort=order, title=None, axis=alt.Axis(labelLimit=460)),
                    x=alt.X("outlet:N", title=None, axis=alt.Axis(
                        orient="top", labelAngle=0, labelLimit=_OUTLET_STEP - 8, labelPadding=16,
                        labelExpr="split(replace(datum.label, ' (', '\\n('), '\\n')")),  # "The Guardian / (…)"
                    size=alt.Size("count():Q", title="quotes", legend=None),
                    color=alt.Color("kind:N", scale=alt.Scale(domain=list(_KIND_COLOURS),
                                                              range=list(_KIND_COLOURS.values()))),
                    tooltip=["outlet:N", "day:N", "speaker:N", "kind:N", "text:N"])
            .add_params(kind).transform_filter(_kind_filter(kind))
            .properties(width=alt.Step(_OUTLET_STEP), height=alt.Step(28),
                        title=_title("The same statement across outlets")))


# --- the actors notebook: one actor's mentions over time, who appears with whom, and the sentences behind it -----

def actor_sentence_rows(mentions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                        actors: pd.DataFrame, actor: str, top: int = 12) -> pd.DataFrame:
    """Sentence lines for :func:`actor_view`: one row per sentence that names ``actor`` (``a`` = ``b`` = actor)
    and one per sentence and ordered pair of the ``top`` actors named in it together (``a`` ≠ ``b``), so the
    co-occurrence matrix's ``pair`` selection can pick them. Columns: a, b, side (of ``b``), outlet, date, day,
    title, label ("outlet · day: sentence"; the title is in the tooltip), order.

    >>> from toolkit.pipeline import annotate
    >>> ann = annotate("seeds/")
    >>> rows = actor_sentence_rows(ann.mentions, ann.sentences, ann.articles, ann.actors, "Jens Stoltenberg")
    >>> own = rows[rows["a"] == rows["b"]]
    >>> len(own), own["label"].iloc[0].split(" · ")[0]
    (7, 'The Guardian (Australia edition)')
    """
    named = mentions.dropna(subset=["actor"])[["article_id", "sent_idx", "actor"]].astype(object).drop_duplicates()
    keep = set(_top_actors(crisis_mentions(named, actors), top)) | {actor}
    named = named[named["actor"].isin(keep)]
    own = named[named["actor"] == actor].assign(a=actor, b=actor)
    pairs = named.merge(named, on=["article_id", "sent_idx"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] != pairs["actor_b"]].rename(columns={"actor_a": "a", "actor_b": "b"})
    rows = pd.concat([own[["article_id", "sent_idx", "a", "b"]], pairs[["article_id", "sent_idx", "a", "b"]]])
    sent = sentences[["article_id", "sent_idx", "text"]].astype({"article_id": object, "sent_idx": int})
    rows = _day_fields(rows.astype({"sent_idx": int}).merge(sent, on=["article_id", "sent_idx"], how="left"), articles)
    rows["side"] = rows["b"].map(_speaker_sides(actors)).fillna("other")
    day = rows["day"].where(rows["day"].notna(), "no date")
    rows["label"] = [f"{o} · {d}: {s}" for o, d, s in zip(rows["outlet"], day, _short(rows["text"]))]
    rows = rows.sort_values(["date", "article_id", "sent_idx", "a", "b"], kind="mergesort", na_position="last")
    rows["order"] = range(len(rows))
    return rows[["a", "b", "side", "outlet", "date", "day", "title", "label", "order"]].reset_index(drop=True)


def _top_actors(named: pd.DataFrame, top: int) -> list[str]:
    counts = named.groupby("actor").size()
    return sorted(counts.index, key=lambda a: (-counts[a], a))[:top]


def cooccurrence(mentions: pd.DataFrame, actors: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Sentences naming both actors, for every ordered pair of the ``top`` actors (by sentences); columns a, b,
    n, side_a, side_b. The diagonal holds each actor's own sentence count.

    >>> from toolkit import tables
    >>> m = tables.from_records("mentions", [{"article_id": "x", "sent_idx": 0, "actor": "Russia"},
    ...     {"article_id": "x", "sent_idx": 0, "actor": "NATO"}, {"article_id": "x", "sent_idx": 1, "actor": "NATO"}])
    >>> cooccurrence(m, tables.empty("actors"))[["a", "b", "n"]].values.tolist()
    [['NATO', 'NATO', 2], ['NATO', 'Russia', 1], ['Russia', 'NATO', 1], ['Russia', 'Russia', 1]]
    """
    named = crisis_mentions(mentions, actors)[["article_id", "sent_idx", "actor"]].astype(object).drop_duplicates()
    named = named[named["actor"].isin(_top_actors(named, top))]
    pairs = named.merge(named, on=["article_id", "sent_idx"], suffixes=("_a", "_b"))
    out = pairs.groupby(["actor_a", "actor_b"]).size().rename("n").reset_index()
    out = out.rename(columns={"actor_a": "a", "actor_b": "b"}).sort_values(["a", "b"], kind="mergesort")
    sides = _speaker_sides(actors)
    out["side_a"] = out["a"].map(sides).fillna("other")
    out["side_b"] = out["b"].map(sides).fillna("other")
    return out.reset_index(drop=True)


def _mention_days(mentions: pd.DataFrame, articles: pd.DataFrame, actor: str) -> pd.DataFrame:
    named = mentions[mentions["actor"].eq(actor).fillna(False)]
    counts = named.groupby("article_id").size().rename("n").reset_index()
    return _day_fields(counts, articles).dropna(subset=["date"])[["outlet", "date", "day", "n"]]


def mentions_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame, actor: str) -> alt.Chart:
    """Mentions of ``actor`` per publication day, stacked by outlet, with the x-interval selection ``period``."""
    data = _mention_days(mentions, articles, actor)
    if data.empty:
        return message_chart(f"No dated mentions of {actor}.", "mentions_by_outlet", width=_WIDE)
    return (alt.Chart(_records(data), name="mentions_by_outlet").mark_bar(size=9).encode(
        x=alt.X("date:T", title="publication day (UTC)", scale=alt.Scale(type="utc", padding=12),
                axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6)),
        y=alt.Y("sum(n):Q", title=f"mentions of {actor}"),
        color=alt.Color("outlet:N", title="outlet", legend=alt.Legend(orient="bottom", columns=2, labelLimit=220)),
        tooltip=[alt.Tooltip("day:N", title="day"), "outlet:N", alt.Tooltip("sum(n):Q", title="mentions")],
    ).add_params(alt.selection_interval(name="period", encodings=["x"])).properties(width=_WIDE, height=170))


def cooccurrence_matrix(pairs: pd.DataFrame, actor: str | None = None) -> alt.Chart:
    """The :func:`cooccurrence` matrix as coloured cells (sentences naming both), with the point selection
    ``pair`` (click a cell, double-click to clear); axis labels are the actors, the row and column of ``actor``
    outlined in its side colour."""
    if pairs.empty:
        return message_chart("No actors found.", "cooccurrence")
    order = sorted(set(pairs["a"]), key=lambda a: (-int(pairs.loc[(pairs["a"] == a) & (pairs["b"] == a), "n"].sum()), a))
    pick = alt.selection_point(name="pair", fields=["a", "b"], on="click", clear="dblclick", toggle=False)
    base = alt.Chart(_records(pairs), name="cooccurrence").encode(
        x=alt.X("b:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelLimit=120)),
        y=alt.Y("a:N", sort=order, title=None, axis=alt.Axis(labelLimit=140)))
    cells = base.mark_rect().encode(
        color=alt.Color("n:Q", title="sentences", scale=alt.Scale(scheme="greys", type="sqrt")),
        stroke=alt.condition(f"datum.a === {_js(actor)} || datum.b === {_js(actor)}",
                             alt.value(_side_colour(pairs, actor)), alt.value(None)),
        strokeWidth=alt.value(1.5),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=["a:N", "b:N", alt.Tooltip("n:Q", title="sentences")],
    ).add_params(pick)
    return cells.properties(width=alt.Step(22), height=alt.Step(22))


def _side_colour(pairs: pd.DataFrame, actor: str | None) -> str:
    side = pairs.loc[pairs["a"] == actor, "side_a"]
    return dict(zip(SIDES, SIDE_COLOURS))[side.iloc[0] if len(side) else "other"]


def _js(value: str | None) -> str:
    return json.dumps(value)


def actor_view(ann: AnnotatedTables, actor: str | None = None, top: int = 12) -> alt.VConcatChart:
    """Linked actor views: ``actor``'s mentions by outlet and day | co-occurrence matrix of the ``top`` actors,
    over the sentences behind them with provenance. Drag days on the left (``period``) to keep those days' lines;
    click a matrix cell (``pair``) to list the sentences naming both actors instead of ``actor``'s own.

    >>> from toolkit.pipeline import annotate
    >>> spec = actor_view(annotate("seeds/"), "Sergey Lavrov").to_dict()
    >>> sorted(p["name"] for p in spec["params"])
    ['pair', 'period']
    """
    if crisis_actors(ann.actors).empty:
        return alt.vconcat(message_chart("No actors found.", "actor_view", width=_WIDE))
    actor = actor if actor is not None else str(crisis_actors(ann.actors)["actor"].iloc[0])
    rows = actor_sentence_rows(ann.mentions, ann.sentences, ann.articles, ann.actors, actor, top)
    shown = "length(data('pair_store')) ? vlSelectionTest('pair_store', datum) : datum.a === datum.b"
    dated = not _mention_days(ann.mentions, ann.articles, actor).empty  # else no timeline, so no period to filter by
    filters: list[alt.Parameter | str] = [shown, *([alt.selection_interval(name="period", encodings=["x"])] * dated)]
    lines = text_rows(rows, "actor_sentences", max_rows=15, empty=f"No sentence names {actor}.", filters=filters)
    top_row = alt.hconcat(
        mentions_by_outlet(ann.mentions, ann.articles, actor).properties(
            title=_title(f"Mentions of {actor} by outlet and day (drag to keep days)")),
        cooccurrence_matrix(cooccurrence(ann.mentions, ann.actors, top), actor).properties(
            title=_title("Actors named in the same sentences (click a cell)")))
    return (alt.vconcat(top_row.resolve_scale(color="independent"),
                        lines.properties(title=_title(f"Sentences: {actor}'s own, or the clicked pair's — the first 15")),
                        spacing=24)
            .resolve_scale(color="independent")
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=11))


_MAX_CHECKBOXES = 12  # outlets with their own checkbox in report_dashboard; the rest share one


def _article_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article for lookups: ``a`` (its index), outlet, ``oi`` (its checkbox), date, day, title.

    Outlets get checkboxes in order of their article count (ties by name); past :data:`_MAX_CHECKBOXES` they
    share the last one.
    """
    arts = _day_fields(articles[["article_id"]], articles).reset_index(drop=True)
    counts = arts["outlet"].value_counts()
    ranked = sorted(counts.index, key=lambda o: (-counts[o], o))
    rank = {o: min(i, _MAX_CHECKBOXES - 1) for i, o in enumerate(ranked)}
    arts["a"] = range(len(arts))
    arts["oi"] = arts["outlet"].map(rank).astype(int)
    arts["title"] = _short(arts["title"])
    return arts[["article_id", "a", "outlet", "oi", "date", "day", "title"]]


def _outlet_boxes(arts: pd.DataFrame) -> list[alt.Parameter]:
    """One checkbox param per outlet (``outlet_0`` …, all ticked); the label is the outlet name (data, not code)."""
    boxes = []
    for oi, names in arts.groupby("oi")["outlet"]:
        names = sorted(set(names))
        label = names[0] if len(names) == 1 else f"{len(names)} other outlets"
        boxes.append(alt.param(name=f"outlet_{oi}", value=True, bind=alt.binding_checkbox(name=f"{label} ")))
    return boxes


def _lookup(chart: alt.Chart) -> alt.Chart:
    """Add the article fields (the top-level dataset ``articles``) to each row by its article number ``a``."""
    return chart.transform_lookup(lookup="a", from_=alt.LookupData(
        data=alt.NamedData(name="articles"), key="a", fields=["outlet", "oi", "date", "day", "title"]))


def _prune(rows: pd.DataFrame, keys: list[str], max_rows: int) -> pd.DataFrame:
    """The first ``max_rows`` rows (by ``order``) of each ``keys`` group: every row any union of groups can show
    in a list of ``max_rows``, so the list stays exact under every selection while the data shrinks."""
    return rows.sort_values("order", kind="mergesort").groupby(keys, dropna=False, sort=False).head(max_rows)


def report_dashboard(ann: AnnotatedTables, top: int = 15, max_rows: int = 12) -> alt.VConcatChart:
    """The report's linked overview: :func:`dashboard`'s six views with more controls and data inlined once.

    Controls (all Vega-Lite params, no kernel): ``actor_menu`` (a dropdown of the top actors), ``actor`` (click
    an actor bar), one ``outlet_<i>`` checkbox per outlet, ``search`` (text in a quote, case-insensitive) and
    ``brush`` (drag across the timeline). Actor choices filter the quote and signal views; outlets and the brush
    filter every view but the timeline; the search filters the three quote views. Article fields (outlet, date,
    title) are inlined once and looked up by every view; the signal list keeps only the rows a selection can show
    (the first ``max_rows`` per actor, day and outlet).

    >>> import toolkit
    >>> spec = report_dashboard(toolkit.annotate("seeds/")).to_dict()
    >>> sorted(p["name"] for p in spec["params"] if "bind" in p)[:3]
    ['actor_menu', 'outlet_0', 'outlet_1']
    """
    arts_df = _article_table(ann.articles)
    datasets = {"articles": _values(arts_df.drop(columns="article_id"))}
    index = dict(zip(arts_df["article_id"], arts_df["a"]))
    boxes = _outlet_boxes(arts_df)
    by_outlet = [f"[{', '.join(b.name for b in boxes)}][datum.oi]"]
    by_day: list[alt.Parameter | str] = [_brush()] if ann.articles["published"].notna().any() else []
    names = crisis_actors(ann.actors).head(3 * top)["actor"].astype(str).tolist()
    menu = alt.param(name="actor_menu", value="", bind=alt.binding_select(
        options=["", *names], labels=["All actors", *names], name="Actor "))
    search = alt.param(name="search", value="", bind=alt.binding(
        input="search", placeholder="a word or phrase", name="Search quotes "))
    by_menu = [f"{menu.name} === '' || datum.actor === {menu.name}"]
    by_search = [f"{search.name} === '' || indexof(lower(datum.label), lower({search.name})) >= 0"]
    pick = _pick()

    def chart(data: str, rows: pd.DataFrame, name: str, filters: Sequence[alt.Parameter | str]) -> alt.Chart:
        """A view of the top-level dataset ``data`` (made from ``rows`` by its first view) with article fields."""
        if data not in datasets:
            datasets[data] = _values(rows.assign(a=rows["article_id"].map(index)).drop(
                columns=[c for c in ("article_id", "outlet", "date", "day", "title") if c in rows]))
        return _apply(_lookup(alt.Chart(alt.NamedData(name=data), name=name)), filters)

    mentions = crisis_mentions(ann.mentions, ann.actors).groupby(["actor", "article_id"]).size().rename("n")
    mentions = mentions.reset_index().assign(actor=lambda d: d["actor"].astype(object))
    mentions = mentions[mentions["actor"].isin(_top_by_sum(mentions, "actor", top))]
    mentions["side"] = mentions["actor"].map(_speaker_sides(ann.actors)).fillna("other")
    if mentions.empty:
        actors, by_actor = message_chart("No actors found.", "actors"), []
    else:
        actors = chart("mentions", mentions, "actors", by_day + by_outlet).mark_bar().encode(
            y=alt.Y("actor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("sum(n):Q", title="mentions", axis=alt.Axis(tickCount=5)),
            color=alt.Color("side:N", scale=side_scale(), title="side"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=["actor:N", "side:N", alt.Tooltip("sum(n):Q", title="mentions")],
        ).add_params(pick).properties(width=_NARROW, height=alt.Step(18))
        by_actor = [pick]

    quotes = quote_rows(ann.quotes, ann.articles, ann.actors)
    quote_filters = by_actor + by_menu + by_day + by_outlet + by_search
    speakers = quotes["actor"].dropna().value_counts().sort_index(kind="mergesort")
    speakers = speakers.sort_values(ascending=False, kind="mergesort").head(top).index.tolist()
    if not speakers:
        speaker_chart = message_chart("No attributed quotes.", "quotes_by_speaker")
    else:
        speaker_chart = chart("quotes", quotes, "quotes_by_speaker", by_menu + by_day + by_outlet + by_search)
        speaker_chart = speaker_chart.transform_filter(
            alt.FieldOneOfPredicate(field="actor", oneOf=speakers)).mark_bar().encode(
            y=alt.Y("actor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("count():Q", title="quotes", axis=alt.Axis(tickCount=5)),  # no colliding labels when narrow
            color=alt.Color("side:N", scale=side_scale(), legend=None),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)) if by_actor else alt.value(1.0),
            tooltip=[alt.Tooltip("actor:N", title="speaker"), "side:N", alt.Tooltip("count():Q", title="quotes")],
        ).properties(width=_NARROW, height=alt.Step(18))
    if quotes.empty:
        outlet_chart = message_chart("No quotes found.", "quotes_by_outlet")
    else:
        outlet_chart = chart("quotes", quotes, "quotes_by_outlet", quote_filters).mark_bar().encode(
            y=alt.Y("outlet:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("count():Q", title="quotes"),
            color=alt.Color("kind:N", title="kind", scale=alt.Scale(domain=list(_KIND_COLOURS),
                                                                    range=list(_KIND_COLOURS.values()))),
            tooltip=["outlet:N", "kind:N", alt.Tooltip("count():Q", title="quotes")],
        ).properties(width=_NARROW, height=alt.Step(22))

    def lines(data: str, rows: pd.DataFrame, name: str, filters: Sequence[alt.Parameter | str],
              empty: str) -> alt.Chart:
        if rows.empty:
            return message_chart(empty, name, width=_TABLE)
        return (chart(data, rows, name, filters)
                .transform_window(row="row_number()", sort=[alt.SortField("order")])
                .transform_filter(f"datum.row <= {int(max_rows)}")
                .mark_text(align="left", baseline="middle", fontSize=11.5, limit=_TABLE - 10, dx=2)
                .encode(y=alt.Y("row:O", axis=None), x=alt.value(0), text="label:N",
                        color=alt.Color("side:N", scale=side_scale(), legend=None),
                        tooltip=[alt.Tooltip("label:N", title="text"), alt.Tooltip("title:N", title="article"),
                                 "outlet:N", alt.Tooltip("day:N", title="day")])
                .properties(width=_TABLE, height=alt.Step(19)))

    quote_list = lines("quotes", quotes, "quote_list",
                       quote_filters, "No quotes found.").properties(
        title=_title(f"Quotes: the first {max_rows} of the selection, oldest first (hover for the article)"))
    signals = signal_rows(ann.signals, ann.sentences, ann.articles, ann.actors)
    signals = _prune(signals, ["actor", "date", "outlet"], max_rows)
    signal_list = lines("signals", signals[["article_id", "actor", "side", "label", "order"]], "signal_list",
                        by_actor + by_menu + by_day + by_outlet, "No escalation signals found.").properties(
        title=_title(f"Strongest signals and their sentences: the first {max_rows} of the selection"))
    timeline = escalation_timeline(ann)
    return (_layout(actors, timeline, speaker_chart, outlet_chart, quote_list, signal_list)
            .add_params(menu, search, *boxes).properties(datasets=datasets))

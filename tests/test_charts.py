"""Chart functions, tested through their Vega-Lite specs on the annotated seed articles."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import altair as alt
import pandas as pd
import pytest

import toolkit
from toolkit import charts, tables
from toolkit.index import ALL, daily_index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def ann() -> Any:
    return toolkit.annotate(toolkit.load(SEEDS))


def _values(spec: dict[str, Any], unit: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The inline rows of ``unit`` (default: the top-level chart), looked up in the consolidated datasets."""
    data = (unit or spec)["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def _units(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every named unit view of a (possibly nested) concat spec."""
    found: dict[str, dict[str, Any]] = {}
    for key in ("vconcat", "hconcat", "concat", "layer"):
        for sub in spec.get(key, []):
            found.update(_units(sub))
    if "mark" in spec:
        found[spec["name"]] = spec
    return found


def _filters(unit: dict[str, Any]) -> list[Any]:
    return [t["filter"] for t in unit.get("transform", []) if "filter" in t]


def test_actors_bar(ann: Any) -> None:
    spec = charts.actors_bar(ann.actors, top=10).to_dict()
    assert spec["name"] == "actors" and spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert (enc["y"]["field"], enc["x"]["aggregate"], enc["color"]["field"]) == ("actor", "sum", "side")
    assert enc["color"]["scale"] == {"domain": list(charts.SIDES), "range": list(charts.SIDE_COLOURS)}
    assert [p["name"] for p in spec["params"]] == ["actor"]
    assert spec["params"][0]["select"]["fields"] == ["actor"]
    rows = _values(spec)
    assert len(rows) == 10 and {"Russia", "NATO", "Sergey Lavrov"} <= {r["actor"] for r in rows}
    assert {r["side"] for r in rows} <= set(charts.SIDES)


def test_quotes_by_speaker_and_outlet(ann: Any) -> None:
    spec = charts.quotes_by_speaker(ann.quotes, ann.actors).to_dict()
    assert spec["name"] == "quotes_by_speaker" and spec["mark"]["type"] == "bar"
    lavrov = [r for r in _values(spec) if r["actor"] == "Sergey Lavrov"]
    assert lavrov and lavrov[0]["side"] == "Russia" and lavrov[0]["n"] >= 3
    spec = charts.quotes_by_outlet(ann.quotes, ann.articles).to_dict()
    assert spec["encoding"]["color"]["field"] == "kind" and spec["encoding"]["y"]["field"] == "outlet"
    rows = _values(spec)
    assert sum(r["n"] for r in rows) == len(ann.quotes)
    assert {"The National", "BreakingNews.ie (Associated Press)"} <= {r["outlet"] for r in rows}


def test_escalation_index_and_timeline(ann: Any) -> None:
    index = charts.escalation_index(ann)
    assert len(index) == 2 * ann.articles["published"].nunique()  # every dated day, both series
    asserted = ann.signals[ann.signals["modality"] == "asserted"].merge(ann.articles, on="article_id")
    n_sent = ann.sentences.groupby("article_id").size()
    day = pd.Timestamp("2022-01-18")  # one article that day: −Σ weight ÷ its sentences
    (art,) = ann.articles.loc[ann.articles["published"].dt.floor("D") == day, "article_id"]
    expected = -asserted.loc[asserted["article_id"] == art, "weight"].astype(float).sum() / n_sent[art]
    got = index[(index["day"] == day) & (index["series"] == charts.ASSERTED)]["index"]
    assert got.item() == pytest.approx(expected, abs=1e-5) and got.item() != 0
    daily = daily_index(ann)  # the same numbers as toolkit.index, the notebooks' index
    pooled = daily[(daily["outlet"] == ALL) & (daily["side"] == ALL) & daily["day"].notna()]
    assert index.loc[index["series"] == charts.HEDGED, "index"].tolist() == pooled["hedged"].tolist()
    spec = charts.escalation_timeline(ann).to_dict()
    assert spec["name"] == "escalation" and spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"] | {"field": "date", "type": "temporal"} == spec["encoding"]["x"]
    assert spec["params"] == [{"name": "brush", "select": {"type": "interval", "encodings": ["x"]}}]
    days = {r["day"] for r in _values(spec)}
    assert days == {"2021-12-21", "2021-12-23", "2021-12-27", "2022-01-18", "2022-01-21"}


def test_text_rows_show_the_sentence(ann: Any) -> None:
    rows = charts.signal_rows(ann.signals, ann.sentences, ann.articles)
    assert len(rows) == len(ann.signals)
    assert rows["weight"].abs().is_monotonic_decreasing
    spec = charts.text_rows(rows, "signal_list", max_rows=5).to_dict()
    assert spec["mark"]["type"] == "text" and spec["encoding"]["text"]["field"] == "label"
    window = spec["transform"][0]
    assert window["window"][0]["op"] == "row_number" and window["sort"] == [{"field": "order"}]
    assert "datum.row <= 5" in _filters(spec)
    quotes = charts.quote_rows(ann.quotes, ann.articles, ann.actors)
    lavrov = quotes[quotes["actor"] == "Sergey Lavrov"]["label"]
    assert lavrov.str.contains("bilateral contact between our and US negotiators").any()
    # a paraphrase is never shown in quotation marks as if it were verbatim
    assert quotes["label"].str.contains(
        "Karen Donfried: (indirect) that many of the demands are impossible and would weaken", regex=False).any()
    direct = quotes["kind"] == "direct"
    who = quotes["actor"].fillna("(no speaker)")
    assert all(label.startswith(f"{w}: “") and label.endswith("”")
               for label, w in zip(quotes.loc[direct, "label"], who[direct]))
    assert all(label.startswith(f"{w}: ({kind}) ")
               for label, w, kind in zip(quotes.loc[~direct, "label"], who[~direct], quotes.loc[~direct, "kind"]))


def test_dashboard_links_the_views(ann: Any) -> None:
    spec = charts.dashboard(ann).to_dict()
    assert {p["name"] for p in spec["params"]} == {"actor", "brush", "outlet"}
    views = _units(spec)
    assert set(views) == {"actors", "escalation", "quotes_by_speaker", "quotes_by_outlet", "quote_list",
                          "signal_list"}
    assert views["quote_list"]["mark"]["type"] == "text"
    for name in ("quote_list", "signal_list", "quotes_by_outlet"):
        assert {"param": "actor"} in _filters(views[name]) and {"param": "brush"} in _filters(views[name])
    assert {"param": "brush"} in _filters(views["actors"])
    assert {"param": "actor"} not in _filters(views["actors"])  # the actor chart highlights, never hides
    assert all(any("outlet" in str(f) for f in _filters(views[n])) for n in views if n != "escalation")
    outlet = next(p for p in spec["params"] if p["name"] == "outlet")
    assert "The National" in outlet["bind"]["options"]
    assert json.dumps(spec, sort_keys=True) == json.dumps(charts.dashboard(ann).to_dict(), sort_keys=True)
    assert not any("url" in unit["data"] for unit in views.values())


@pytest.mark.parametrize("build", [
    lambda: charts.actors_bar(tables.empty("actors")),
    lambda: charts.quotes_by_speaker(tables.empty("quotes")),
    lambda: charts.quotes_by_outlet(tables.empty("quotes"), tables.empty("articles")),
    lambda: charts.escalation_timeline(SimpleNamespace(**{n: tables.empty(n) for n in tables.SCHEMAS})),
    lambda: charts.text_rows(charts.quote_rows(tables.empty("quotes"), tables.empty("articles")), "quote_list"),
])
def test_empty_tables_give_a_message(build: Any) -> None:
    spec = build().to_dict()
    assert spec["mark"]["type"] == "text" and spec["encoding"]["text"]["field"] == "message"
    assert _values(spec)[0]["message"]


def test_dashboard_on_an_empty_corpus() -> None:
    empty = type("Empty", (), {name: tables.empty(name) for name in tables.TABLES})()
    spec = charts.dashboard(empty).to_dict()
    assert [p["name"] for p in spec["params"]] == ["outlet"]  # no actor, no dated day: no selections to link
    assert {u["mark"]["type"] for u in _units(spec).values()} == {"text"}


def test_large_tables_stay_small_and_inline() -> None:
    n = 20_000  # well over Altair's 5,000-row limit: charts aggregate first
    actors = tables.from_records("actors", ({"actor": f"A{i}", "side": "NATO", "n_mentions": i, "n_articles": 1}
                                            for i in range(n)))
    spec = charts.actors_bar(actors, top=15).to_dict()
    assert [r["actor"] for r in _values(spec)][:3] == [f"A{n - 1}", f"A{n - 2}", f"A{n - 3}"]
    assert len(_values(spec)) == 15


def test_sides_outside_the_palette_are_other() -> None:
    sides = pd.Series(["Russia", "Atlantis", None, "European Union"], dtype="string")
    assert charts.side_of(sides).tolist() == ["Russia", "other", "other", "European Union"]
    assert isinstance(charts.side_scale(), alt.Scale)


def test_news_media_are_sources_not_actors_in_the_views(ann: Any) -> None:
    # seeds: "according to state newswire RIA Novosti", "By Dasha Litvinova, Associated Press"
    media = ann.actors[ann.actors["kind"] == charts.MEDIA]
    assert {"RIA Novosti", "Associated Press"} <= set(media["actor"])
    assert media.set_index("actor").loc["RIA Novosti", "side"] == "Russia"
    assert not set(media["actor"]) & set(charts.crisis_actors(ann.actors)["actor"])
    bars = {r["actor"] for r in _values(charts.actors_bar(ann.actors, top=100).to_dict())}
    assert "Russia" in bars and not bars & set(media["actor"])
    spec = charts.dashboard(ann, top=100).to_dict()
    shown = {r["actor"] for r in _values(spec, _units(spec)["actors"])}
    assert "NATO" in shown and not shown & set(media["actor"])
    pairs = charts.cooccurrence(ann.mentions, ann.actors, top=100)
    assert not set(pairs["a"]) & set(media["actor"])

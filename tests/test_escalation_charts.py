"""The escalation notebook's charts (index by outlet, signal concordance, explorer), through their Vega-Lite specs."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from toolkit import charts, tables
from toolkit.index import ALL, daily_index


def _data(spec: dict[str, Any], unit: dict[str, Any]) -> list[dict[str, Any]]:
    data = unit["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def _compiles(spec: dict[str, Any]) -> None:
    vega = vlc.vegalite_to_vega(spec, vl_version=alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0])
    assert vega["marks"]


def _rows(ann: Any) -> pd.DataFrame:
    return charts.concordance_rows(ann.signals, ann.sentences, ann.articles, ann.actors)


def test_concordance_rows_cut_the_sentence_at_the_trigger(ann: Any) -> None:
    rows = _rows(ann)
    assert len(rows) == len(ann.signals) and list(rows["order"]) == list(range(len(rows)))
    assert rows["day"].is_monotonic_increasing  # oldest first (the seeds are all dated)
    row = rows[rows["trigger"] == "deployed about 100,000 troops"].iloc[0]
    assert (row["left"], row["who"], row["modality"], row["side"]) == ("Russia has", "Russia → Ukraine", "asserted",
                                                                       "Russia")
    assert row["right"].startswith("on its border with Ukraine, sparking western fears") and pd.isna(row["speaker"])
    quoted = rows[rows["trigger"] == "military-technical measures"].iloc[0]  # Putin's quoted conditional threat
    assert (quoted["who"], quoted["speaker"], quoted["modality"]) == ("Russia → ?", "Vladimir Putin", "conditional")
    sentences = dict(zip(zip(ann.sentences["article_id"], ann.sentences["sent_idx"]), ann.sentences["text"]))
    for r in rows.itertuples():
        sentence = " ".join(sentences[(r.article_id, r.sent_idx)].split())
        assert r.trigger in sentence
        assert r.left.startswith("…") or sentence.startswith(r.left)
        assert r.right.endswith("…") or sentence.endswith(r.right)


def test_index_by_outlet(ann: Any) -> None:
    daily = daily_index(ann)
    spec = charts.escalation_by_outlet(daily).to_dict()
    assert spec["mark"]["type"] == "line" and spec["name"] == "escalation_by_outlet"
    assert {p["name"] for p in spec["params"]} == {"period", "outlet", "hedged", "side"}
    side = next(p for p in spec["params"] if p["name"] == "side")
    assert side["bind"]["options"][0] == ALL and "Russia" in side["bind"]["options"]
    values = _data(spec, spec)
    assert len(values) == int(((daily["outlet"] != ALL) & daily["day"].notna()).sum())
    guardian = next(v for v in values if v["outlet"] == "The Guardian (Australia edition)" and v["side"] == ALL)
    row = daily[(daily["outlet"] == "The Guardian (Australia edition)") & (daily["side"] == ALL)].iloc[0]
    assert guardian["asserted"] == float(row["asserted"]) and guardian["hedged"] == float(row["hedged"])
    assert {"calculate": "datum.asserted + (hedged ? datum.hedged : 0)", "as": "index"} in spec["transform"]
    assert spec["title"]["subtitle"] == ""
    _compiles(spec)


def test_undated_articles_are_counted_in_the_subtitle(ann: Any) -> None:
    arts = ann.articles.copy()
    arts.loc[arts["article_id"] == "002_4c9c80885384a75a", "published"] = pd.NaT
    daily = daily_index(dataclasses.replace(ann, articles=arts))
    spec = charts.escalation_by_outlet(daily).to_dict()
    assert spec["title"]["subtitle"].startswith("1 undated article(s)")
    assert all(v["day"] is not None for v in _data(spec, spec))


def test_concordance_layers_and_filters(ann: Any) -> None:
    spec = charts.signal_concordance(_rows(ann), ["datum.modality === 'denied'"], max_rows=5).to_dict()
    names = [layer["name"] for layer in spec["layer"]]
    assert names == ["signal_badges", "signal_badge_text", "signal_who", "signal_left", "signal_trigger",
                     "signal_right"]
    trigger = spec["layer"][names.index("signal_trigger")]
    assert trigger["mark"]["fontWeight"] == "bold" and trigger["encoding"]["color"]["field"] == "direction"
    assert spec["transform"][0] == {"filter": "datum.modality === 'denied'"}
    assert {"filter": "datum.row <= 5"} in spec["transform"]
    assert len(_data(spec, spec)) == len(ann.signals)
    _compiles(spec)


def test_explorer_links_index_and_list(ann: Any) -> None:
    rows = _rows(ann)
    chart = charts.escalation_explorer(daily_index(ann), rows)
    spec = chart.to_dict()
    assert {p["name"] for p in spec["params"]} == {"period", "outlet", "hedged", "side", "category", "modality"}
    category = next(p for p in spec["params"] if p["name"] == "category")
    assert category["bind"]["options"] == ["", *sorted(set(ann.signals["category"]))]
    listing = spec["vconcat"][1]
    filters = [t["filter"] for t in listing["transform"] if "filter" in t]
    assert {"param": "period"} in filters and {"param": "outlet"} in filters
    assert "hedged || (datum.modality !== 'hedged' && datum.modality !== 'conditional')" in filters
    assert json.dumps(spec, sort_keys=True) == json.dumps(charts.escalation_explorer(daily_index(ann), rows)
                                                          .to_dict(), sort_keys=True)
    _compiles(spec)


def test_explorer_without_signals_or_dates(ann: Any) -> None:
    quiet = dataclasses.replace(ann, signals=tables.empty("signals"),
                                articles=ann.articles.assign(published=pd.NaT))
    spec = charts.escalation_explorer(daily_index(quiet), _rows(quiet)).to_dict()
    assert [u["mark"]["type"] for u in spec["vconcat"]] == ["text", "text"]
    assert {p["name"] for p in spec["params"]} == {"category", "modality"}
    _compiles(spec)

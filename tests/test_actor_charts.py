"""The actors notebook's charts and picker, tested through their Vega-Lite specs on the annotated seeds."""

from __future__ import annotations

import json
from typing import Any

from toolkit import charts, tables, widgets

STOLTENBERG_TYPO = "Nato Secretary General Jen Stoltenberg, speaking after Mr Lavrov’s comments"


def _units(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every named unit view of a composed spec, by name."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "mark" in node and "name" in node:
                found[node["name"]] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def test_cooccurrence_counts_sentences_naming_both(ann):
    pairs = charts.cooccurrence(ann.mentions, ann.actors, top=12).set_index(["a", "b"])["n"]
    # "Nato Secretary General Jen Stoltenberg, speaking after Mr Lavrov’s comments, said the alliance …"
    assert pairs[("Jens Stoltenberg", "Sergey Lavrov")] == pairs[("Sergey Lavrov", "Jens Stoltenberg")] >= 1
    m = ann.mentions[ann.mentions["actor"].eq("Jens Stoltenberg").fillna(False)]
    assert pairs[("Jens Stoltenberg", "Jens Stoltenberg")] == len(set(zip(m["article_id"], m["sent_idx"])))


def test_actor_sentence_rows_carry_provenance(ann):
    rows = charts.actor_sentence_rows(ann.mentions, ann.sentences, ann.articles, ann.actors, "Jens Stoltenberg")
    own = rows[rows["a"] == rows["b"]]
    typo = own[own["label"].str.contains(STOLTENBERG_TYPO, regex=False)]
    assert len(typo) == 1 and typo["label"].iloc[0].startswith("The National · 2022-01-18: ")
    assert typo["title"].iloc[0].startswith("Russia open to further Ukraine talks")
    pair = rows[(rows["a"] == "Jens Stoltenberg") & (rows["b"] == "Sergey Lavrov")]
    assert pair["label"].str.contains(STOLTENBERG_TYPO, regex=False).any() and set(pair["side"]) == {"Russia"}
    assert rows["order"].tolist() == list(range(len(rows)))


def test_actor_view_links_period_pair_and_sentences(ann):
    spec = charts.actor_view(ann, "Jens Stoltenberg").to_dict()
    assert sorted(p["name"] for p in spec["params"]) == ["pair", "period"]
    units = _units(spec)
    assert {"mentions_by_outlet", "cooccurrence", "actor_sentences"} <= set(units)
    assert units["mentions_by_outlet"]["mark"]["type"] == "bar"
    assert units["cooccurrence"]["mark"]["type"] == "rect"
    filters = json.dumps([t for t in units["actor_sentences"]["transform"] if "filter" in t])
    assert "pair_store" in filters and '"param": "period"' in filters
    stroke = units["cooccurrence"]["encoding"]["stroke"]
    assert stroke["condition"]["value"] == dict(zip(charts.SIDES, charts.SIDE_COLOURS))["NATO"]
    assert units["actor_sentences"]["encoding"]["color"]["scale"]["domain"] == list(charts.SIDES)


def test_actor_view_without_actors_or_dates_says_so(ann):
    empty = charts.actor_view(ann.subset(actor="nobody")).to_dict()
    assert _units(empty)["actor_view"]["mark"]["type"] == "text"
    undated = ann.articles.assign(published=ann.articles["published"].iloc[:0].reindex(ann.articles.index))
    chart = charts.mentions_by_outlet(ann.mentions, undated, "NATO").to_dict()
    assert chart["mark"]["type"] == "text" and "No dated mentions of NATO" in json.dumps(chart)
    assert charts.cooccurrence_matrix(charts.cooccurrence(tables.empty("mentions"), ann.actors)).to_dict()[
        "mark"]["type"] == "text"


def test_actor_picker_redraws_for_the_chosen_actor(ann, capsys):
    drawn: list[str] = []
    box = widgets.actor_picker(ann, lambda a, actor: drawn.append(actor) or actor)
    dropdown = box.children[0]
    assert dropdown.value == ann.actors["actor"].iloc[0] and drawn == [dropdown.value]
    dropdown.value = "Jens Stoltenberg"
    assert drawn[-1] == "Jens Stoltenberg"
    assert any(label.startswith("Jens Stoltenberg (NATO, ") for label, _ in dropdown.options)
    none = widgets.actor_picker(ann.subset(actor="nobody"), lambda a, actor: actor)
    assert "No actors found" in none.children[0].value

"""Actor mentions and canonical names on the seeds."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from toolkit.actors import find_mentions, load_aliases
from toolkit.nlp import parse_one

NATIONAL = "001_b1cb49b56e4e3559"
GUARDIAN = "000_344f8b7972184192"


def _actor_of(ann, article_id: str, text: str) -> set:
    m = ann.mentions
    return set(m[(m.article_id == article_id) & (m.text == text)]["actor"].astype(object))


def test_typo_and_honorifics_merge(ann):
    # "Nato Secretary General Jen Stoltenberg, speaking after Mr Lavrov’s comments, …"
    assert _actor_of(ann, NATIONAL, "Jen Stoltenberg") == {"Jens Stoltenberg"}
    assert _actor_of(ann, NATIONAL, "Ms Baerbock") == {"Annalena Baerbock"}
    assert _actor_of(ann, NATIONAL, "Mr Stoltenberg") <= {"Jens Stoltenberg"}


def test_transliterations_merge_across_articles(ann):
    assert _actor_of(ann, GUARDIAN, "Sergei Lavrov") == {"Sergey Lavrov"}
    assert _actor_of(ann, NATIONAL, "Sergey Lavrov") == {"Sergey Lavrov"}
    lavrov = ann.actors.set_index("actor").loc["Sergey Lavrov"]
    assert lavrov["n_articles"] >= 4 and lavrov["side"] == "Russia" and lavrov["kind"] == "person"


def test_psaki_not_merged_with_stoltenberg(ann):
    actors = set(ann.actors["actor"])
    assert {"Jen Psaki", "Jens Stoltenberg"} <= actors


def test_metonyms_and_places(ann):
    # "Moscow has moved tanks and artillery towards the border" (state) vs "in Moscow" (place)
    m = ann.mentions[ann.mentions.article_id == GUARDIAN]
    moscow = m[m.text == "Moscow"]
    assert "Russia" in set(moscow["actor"].dropna())
    assert _actor_of(ann, GUARDIAN, "Kremlin") | _actor_of(ann, GUARDIAN, "the Kremlin") == {"Russia"}
    s = ann.sentences.set_index(["article_id", "sent_idx"])
    placed = [s.loc[(GUARDIAN, r.sent_idx), "text"] for r in moscow.itertuples() if r.actor is None or str(r.actor) == "<NA>"]
    assert all(" in Moscow" in t for t in placed)


def test_actor_table_counts_and_sides(ann):
    top = ann.actors.head(3)["actor"].tolist()
    assert top[0] == "Russia" and "NATO" in top
    assert ann.actors.set_index("actor").loc["NATO", "kind"] == "bloc"
    assert ann.actors["n_mentions"].is_monotonic_decreasing


def _alias_rows() -> list[dict[str, str]]:
    text = resources.files("toolkit").joinpath("data/actors.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_alias_file_never_merges_two_canonicals():
    aliases = load_aliases()
    for row in _alias_rows():
        assert aliases.lookup(row["alias"]) == row["canonical"], row


@pytest.mark.parametrize("row", [r for r in _alias_rows() if r["kind"] == "person" and " " in r["alias"]][::4])
def test_people_resolve_in_a_sentence(nlp, row):
    doc = parse_one(nlp, f"On Monday, {row['alias']} said the talks had failed.")
    actors = {m.actor for m in find_mentions(doc, load_aliases())}
    assert row["canonical"] in actors


def test_user_alias_file_extends(tmp_path, nlp):
    path = tmp_path / "mine.csv"
    path.write_text("canonical,alias,kind,side,role,metonym\nYuri Ushakov,Ushakov,person,Russia,Kremlin aide,0\n"
                    "Yuri Ushakov,Yuri Ushakov,person,Russia,Kremlin aide,0\n", encoding="utf-8")
    aliases = load_aliases(path)
    assert aliases.info["Yuri Ushakov"].role == "Kremlin aide"
    assert aliases.lookup("Lavrov") == "Sergey Lavrov"  # the packaged rows are still there


def test_actor_table_explains_merges(ann):
    """Every mention's rule is kept; the actors table sums them and lists the surface forms seen."""
    m = ann.mentions.dropna(subset=["actor"])
    assert set(m["how"]) <= {"alias", "metonym", "surname", "fuzzy", "self"}
    assert set(m.loc[m["text"].eq("Moscow"), "how"]) == {"metonym"}
    actors = ann.actors.set_index("actor")
    for actor, group in m.groupby("actor"):
        assert actors.loc[actor, "aliases"] == "; ".join(sorted(set(group["text"])))
        counts = dict(part.rsplit(" ", 1) for part in actors.loc[actor, "why"].split("; "))
        assert {k: int(v) for k, v in counts.items()} == group["how"].value_counts().to_dict()
        dates = ann.articles.loc[ann.articles["article_id"].isin(group["article_id"]), "published"]
        assert actors.loc[actor, "first_seen"] is pd.NaT if dates.isna().all() else actors.loc[actor, "first_seen"] == dates.min()

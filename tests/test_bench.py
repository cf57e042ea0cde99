"""The bench scripts keep up with the engine they measure (their figures are quoted in docs/)."""

from __future__ import annotations

import json
from pathlib import Path

from bench import annotate_speed, eval_quotes, polnear_gold
from toolkit.ingest import load

from .conftest import SEEDS


def test_annotate_speed_times_every_stage_on_the_seeds() -> None:
    spent = annotate_speed._instrumented(load(SEEDS, progress=False), batch_size=64)
    assert set(annotate_speed._BUDGETS) <= set(spent)
    assert spent["spaCy parse"] > 0 and all(seconds >= 0 for seconds in spent.values())


def _brat(row: dict) -> str:
    """A brat ``.ann`` file holding the gold attributions of one ``dev.jsonl`` line (the format PolNeAR ships)."""
    lines, n = [], 0
    for k, att in enumerate(row["attributions"], 1):
        args = []
        for role in ("Content", "Source", "Cue"):
            if att[role.lower()]:
                n += 1
                offsets = ";".join(f"{a} {b}" for a, b in att[role.lower()])
                words = " ".join(row["text"][a:b] for a, b in att[role.lower()])
                lines.append(f"T{n}\t{role} {offsets}\t{words}")
                args.append(f"{role}:T{n}")
        lines.append(f"E{k}\tAttribution:T{n} " + " ".join(args))
    return "\n".join(lines) + "\n"


def test_polnear_brat_files_convert_to_the_dev_gold_format(shared: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (shared / "eval" / "quotes" / "dev.jsonl").read_text().splitlines()][:3]
    (tmp_path / "text").mkdir()
    (tmp_path / "ann").mkdir()
    for row in rows:
        (tmp_path / "text" / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
        (tmp_path / "ann" / f"{row['id']}_4b22.ann").write_text(_brat(row), encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    assert polnear_gold.main([str(tmp_path / "text"), str(tmp_path / "ann"), "-o", str(out)]) == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(g["id"], g["text"], g["attributions"]) for g in got] == [
        (r["id"], r["text"], r["attributions"]) for r in sorted(rows, key=lambda r: r["id"])]
    # a text that no longer matches its annotations is reported and left out, not converted wrongly
    first = sorted(rows, key=lambda r: r["id"])[0]
    (tmp_path / "text" / f"{first['id']}.txt").write_text("x" + first["text"], encoding="utf-8")
    assert polnear_gold.main([str(tmp_path / "text"), str(tmp_path / "ann"), "-o", str(out)]) == 1
    assert first["id"] not in out.read_text(encoding="utf-8")


def test_gold_kinds_counting_two_apostrophes_as_marks(shared: Path) -> None:
    # dev: an NYT archive text writes ''…'' — by the scorer's rule none of its attributions is direct; counted as
    # marks, ''This isn't tax reform,'' is; texts with other marks keep their kinds
    scorer = shared / "eval" / "quotes" / "score.py"
    rows = [json.loads(line) for line in (shared / "eval" / "quotes" / "dev.jsonl").read_text().splitlines()]
    recounted = {r["id"]: r for r in eval_quotes.count_two_apostrophes(rows, scorer)}
    for row in rows:
        kinds = [a["kind"] for a in row["attributions"]]
        new = [a["kind"] for a in recounted[row["id"]]["attributions"]]
        if row["id"].startswith("nyt_2016-09-16_clinton-plan"):
            assert "direct" not in kinds and new.count("direct") >= 5
        elif not eval_quotes.two_apostrophe_marks(row["text"]):
            assert new == kinds

"""The bench scripts keep up with the engine they measure (their figures are quoted in docs/)."""

from __future__ import annotations

from bench import annotate_speed
from toolkit.ingest import load

from .conftest import SEEDS


def test_annotate_speed_times_every_stage_on_the_seeds() -> None:
    spent = annotate_speed._instrumented(load(SEEDS, progress=False), batch_size=64)
    assert set(annotate_speed._BUDGETS) <= set(spent)
    assert spent["spaCy parse"] > 0 and all(seconds >= 0 for seconds in spent.values())

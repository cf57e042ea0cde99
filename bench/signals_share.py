"""Signal finding's share of annotate time: `annotate` with the signals component against `annotate` without it.

Both annotate the same articles in one process (``jobs=1``) with no cache; "without" replaces the signals stage
(``engine._signal_rows``) by one that finds nothing, so the difference is what signal finding (matching,
modality, actor/target, canonical names and table rows) costs. The corpus is cut into chunks and each chunk is annotated both ways, alternating which
goes first, so a machine shared with other work slows both alike. The "with" runs also time every call of the
signals stage: its share measured inside the same runs. Target: signal finding adds at most 10 %.

    .venv/bin/python bench/signals_share.py [PATH ...] [--limit N] [--chunk N]

Default PATH: ``../shared/data/bench`` (BBC News, 2,225 articles).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toolkit import engine, pipeline
from toolkit.ingest import Corpus, load
from toolkit.nlp import load_model

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bench"


def _timed(find: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return find(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0
    return wrapper


def _annotate(corpus: Corpus, stage: Callable[..., Any]) -> tuple[float, int]:
    """Seconds to annotate ``corpus`` (no cache, one process) with ``stage`` as the signals stage, and the signals."""
    original = engine._signal_rows
    engine._signal_rows = stage
    try:
        t0 = time.perf_counter()
        ann = pipeline.annotate(corpus, cache=False, jobs=1, progress=False)
        return time.perf_counter() - t0, len(ann.signals)
    finally:
        engine._signal_rows = original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(BENCH)])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--chunk", type=int, default=100, help="articles per chunk (each annotated both ways)")
    args = parser.parse_args()
    articles = load(args.paths, progress=False).articles
    if args.limit:
        articles = articles.head(args.limit)
    articles = articles.reset_index(drop=True)
    words = int(articles["n_words"].sum())
    load_model()("Warm up: Russia massed troops on the border.")
    _annotate(Corpus(articles.head(5).reset_index(drop=True)), engine._signal_rows)

    spent, without, with_signals, n_signals = [0.0], 0.0, 0.0, 0
    stages = {"without": lambda *args: [], "with": _timed(engine._signal_rows, spent)}
    for i in range(0, len(articles), args.chunk):
        chunk = Corpus(articles.iloc[i:i + args.chunk].reset_index(drop=True))
        for name in (("without", "with") if i // args.chunk % 2 == 0 else ("with", "without")):
            seconds, found = _annotate(chunk, stages[name])
            if name == "with":
                with_signals, n_signals = with_signals + seconds, n_signals + found
            else:
                without += seconds

    print(f"{len(articles)} articles, {words} words, {n_signals} signals")
    print(f"annotate without signals  {without:8.2f} s  {words / without:8.0f} words/s")
    print(f"annotate with signals     {with_signals:8.2f} s  {words / with_signals:8.0f} words/s  "
          f"ratio {with_signals / without:.3f}x (signals add {100 * (with_signals / without - 1):.1f} %)")
    print(f"time inside the signals stage (same runs) {spent[0]:.2f} s = {100 * spent[0] / with_signals:.1f} % of "
          f"annotate, {100 * spent[0] / (with_signals - spent[0]):.1f} % added to the rest")


if __name__ == "__main__":
    main()

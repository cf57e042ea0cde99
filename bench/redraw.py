"""Time the explorer's redraw (a filter change: tables → Vega-Lite spec) on a large synthetic corpus.

The crisis corpus (``../shared/data/crisis``, 178 Guardian articles) is annotated once (cached), then its tables
are repeated with distinct article ids until they hold ``--articles`` articles (default 10,000). For each filter
change, :meth:`toolkit.widgets.Explorer.view`, its spec as JSON (what the widget sends to the browser) and the
quote and signal lists (:meth:`~toolkit.widgets.Explorer.lines`) are timed; the target is < 300 ms. The baseline, in the same run, is the same redraw on the 178 articles themselves.

    python bench/redraw.py                 # 10,000 articles
    python bench/redraw.py --articles 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from toolkit.ingest import load
from toolkit.pipeline import Annotations, annotate
from toolkit.widgets import Explorer, Filters

CRISIS = Path(__file__).resolve().parents[2] / "shared" / "data" / "crisis"  # ../shared beside the repo
TARGET_MS = 300.0


def repeat(ann: Annotations, n_articles: int) -> Annotations:
    """``ann`` with its articles repeated (ids suffixed ``~k``) until it holds ``n_articles`` articles."""
    copies = -(-n_articles // max(len(ann.articles), 1))
    frames = {}
    for name, df in ann.tables().items():
        if name == "actors":
            continue
        parts = [df.assign(article_id=df["article_id"] + f"~{k}") for k in range(copies)]
        frames[name] = pd.concat(parts, ignore_index=True)
    keep = set(frames["articles"]["article_id"].head(n_articles))
    frames = {name: df[df["article_id"].isin(keep)].reset_index(drop=True) for name, df in frames.items()}
    scale = len(keep) / max(len(ann.articles), 1)
    actors = ann.actors.assign(n_mentions=(ann.actors["n_mentions"] * scale).round().astype("Int64"),
                               n_articles=(ann.actors["n_articles"] * scale).round().astype("Int64"))
    return replace(ann, **frames, actors=actors)


def _filters(ex: Explorer) -> dict[str, Filters]:
    days = ex.days
    top_outlet = pd.Series(ex.outlets).value_counts().index[0]
    return {
        "no filter": Filters(),
        "date range (middle third)": Filters(days=(pd.Timestamp(days[len(days) // 3]),
                                                   pd.Timestamp(days[2 * len(days) // 3]))),
        "outlet": Filters(outlets=(top_outlet,)),
        "sides Russia+Ukraine": Filters(sides=("Russia", "Ukraine")),
        "actor search 'putin'": Filters(actor="putin"),
        "escalation only": Filters(escalation_only=True),
        "no match": Filters(actor="no such actor"),
    }


def _time(ex: Explorer, f: Filters, repeat_n: int) -> tuple[float, int]:
    """Median ms of view(f) + the spec as JSON + the two lists, and the spec's JSON size in bytes."""
    times, size = [], 0
    for _ in range(repeat_n):
        t0 = time.perf_counter()
        size = len(json.dumps(ex.view(f).spec))
        ex.lines("quote", f), ex.lines("signal", f)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CRISIS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus} not found: the crisis corpus lives in ../shared/data/crisis")
    base = annotate(load(args.corpus))
    big = repeat(base, args.articles)
    t0 = time.perf_counter()
    ex_big = Explorer(big)
    prep = time.perf_counter() - t0
    ex_base = Explorer(base)
    rows = {name: len(df) for name, df in big.tables().items()}
    print(f"{len(big.articles):,} articles: " + ", ".join(f"{n:,} {name}" for name, n in rows.items()))
    print(f"Explorer(...) preparation, once per corpus: {prep:.1f} s")
    print(f"{'filter change':28} {'base ms':>8} {'big ms':>8} {'ratio':>6} {'spec KB':>8}  (target < {TARGET_MS:.0f} ms)")
    worst = 0.0
    for name, f in _filters(ex_big).items():
        base_ms, _ = _time(ex_base, f, args.repeat)
        big_ms, size = _time(ex_big, f, args.repeat)
        worst = max(worst, big_ms)
        print(f"{name:28} {base_ms:8.0f} {big_ms:8.0f} {big_ms / base_ms:6.2f} {size / 1024:8.0f}")
    print(f"worst: {worst:.0f} ms on {len(big.articles):,} articles -> {'OK' if worst < TARGET_MS else 'OVER'} "
          f"the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()

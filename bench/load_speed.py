"""Loading speed: `toolkit.load` on a corpus against reading the same files' bytes alone.

Prints both times, articles/s and their ratio (same run, same machine; CPU seconds, the best of --repeat runs
each, so the OS file cache is warm for both). Usage: `python bench/load_speed.py [PATH] [--repeat N]`
(default: ../shared/data/bench, the 2,225-article BBC corpus).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from toolkit.ingest import load

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: steady on a shared machine, and the reads hit the OS cache
        run()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = Path(args.path)
    if not root.exists():
        raise SystemExit(f"error: {root} does not exist (the bench corpus lives in ../shared/data/bench)")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in files)

    read = _best(lambda: [p.read_bytes() for p in files], args.repeat)
    corpus = load(root)
    loaded = _best(lambda: load(root), args.repeat)
    n = len(corpus.articles)
    print(f"corpus: {root} — {len(files)} files, {size / 1e6:.1f} MB, {corpus.summary()}")
    print(f"read bytes only : {read:7.3f} s")
    print(f"toolkit.load    : {loaded:7.3f} s  ({n / loaded:,.0f} articles/s, {size / 1e6 / loaded:.1f} MB/s)")
    print(f"ratio load / read: {loaded / read:.1f}x")


if __name__ == "__main__":
    main()

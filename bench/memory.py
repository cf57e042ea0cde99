"""Peak memory of annotating 10,000 articles (the BBC bench corpus repeated with distinct ids).

Two measurements, each in a fresh process so peaks do not mix:

- ``parse``: an uncached annotate of ``--parse`` articles: the model plus one batch of Docs in flight (Docs are
  turned into rows and dropped as they come; none are held);
- ``tables``: annotate of all ``--n`` articles whose rows come from the cache (filled by the first step's
  texts, repeated): what holding the rows and building the tables costs at 10,000 articles.

The peak of a full uncached 10,000-article run is at most the larger of the two plus the rows (the second
measurement). Usage: `python bench/memory.py [PATH] [--n 10000] [--parse 2225]`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"


def _child(path: str, n: int, cached: bool) -> None:
    import pandas as pd

    from toolkit.ingest import Corpus, load
    from toolkit.pipeline import annotate

    base = load(path).articles
    frames = []
    for i in range(-(-n // len(base))):
        copy = base.copy()
        copy["article_id"] = copy["article_id"] + f"#{i}"
        frames.append(copy)
    articles = pd.concat(frames, ignore_index=True).head(n)
    t0 = time.perf_counter()
    ann = annotate(Corpus(articles), cache=cached, jobs=1, progress=False)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    print(json.dumps({"articles": len(articles), "seconds": round(seconds, 1), "peak_mib": round(peak),
                      "rows": {k: len(v) for k, v in ann.tables().items()}}))


def _run(path: str, n: int, cached: bool, cache: str) -> dict:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, __file__, "--child", path, str(n), str(int(cached))],
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]), bool(int(sys.argv[4])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--parse", type=int, default=2225, help="articles parsed (cache filled) in step 1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        parsed = _run(args.path, args.parse, True, cache)
        print(f"parse : {parsed['articles']:6d} articles uncached  {parsed['seconds']:7.1f} s  "
              f"peak RSS {parsed['peak_mib']:5d} MiB")
        tables = _run(args.path, args.n, True, cache)
        print(f"tables: {tables['articles']:6d} articles from cache {tables['seconds']:7.1f} s  "
              f"peak RSS {tables['peak_mib']:5d} MiB  rows {tables['rows']}")
        print(f"budget: < 2048 MiB -> {'OK' if max(parsed['peak_mib'], tables['peak_mib']) < 2048 else 'OVER'}")


if __name__ == "__main__":
    main()

"""Score :func:`toolkit.quotes.find_quotes` on the PolNeAR dev split (or any gold JSONL of the same format).

    .venv/bin/python bench/eval_quotes.py [GOLD.jsonl] [-o PRED.jsonl] [--cache DOCS.spacy]

Parses the gold texts with :mod:`toolkit.nlp` (or reads a DocBin cache written by an earlier run), writes one
prediction line per quote and prints the scorer's table, whose last line is ``QUOTES direct_f1=.. ...``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from toolkit.nlp import load_model, parse
from toolkit.quotes import find_quotes

_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes"  # ../shared beside the repo


def _docs(texts: list[str], cache: Path | None) -> list:
    """Parsed Docs for ``texts``, read from / written to the DocBin ``cache`` when given."""
    nlp = load_model()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(parse(nlp, texts))
    if cache is not None:
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def main(argv: list[str] | None = None) -> int:
    """Predict, write, score; return the scorer's exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=_EVAL / "dev.jsonl")
    ap.add_argument("-o", "--out", type=Path, default=Path("/tmp/quotes_pred.jsonl"))
    ap.add_argument("--cache", type=Path, default=None, help="DocBin file caching the parsed texts")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    tic = time.perf_counter()
    docs = _docs([r["text"] for r in rows], args.cache)
    parsed = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        for row, doc in zip(rows, docs):
            for q in find_quotes(doc):
                out.write(json.dumps({"id": row["id"], "quote_start": q.start, "quote_end": q.end,
                                      "speaker": q.speaker, "speaker_start": q.speaker_start,
                                      "speaker_end": q.speaker_end, "cue": q.cue, "kind": q.kind}) + "\n")
    done = time.perf_counter()
    print(f"parse {parsed - tic:.1f}s, find_quotes {done - parsed:.1f}s for {len(rows)} articles", file=sys.stderr)
    return subprocess.call([sys.executable, str(args.gold.parent / "score.py"), str(args.gold), str(args.out)])


if __name__ == "__main__":
    raise SystemExit(main())

"""Score :func:`toolkit.quotes.find_quotes` on the PolNeAR dev split (or any gold JSONL of the same format).

    .venv/bin/python bench/eval_quotes.py [GOLD.jsonl] [-o PRED.jsonl] [--cache DOCS.spacy] [--count-two-apostrophes]

Parses the gold texts with :mod:`toolkit.nlp` (or reads a DocBin cache written by an earlier run), writes one
prediction line per quote and prints the scorer's table for each part of the gold set, each ending in a line
``QUOTES direct_f1=.. ...``:

- **tune**: the articles rules may be tuned on;
- **held-out**: a fixed quarter of the articles (``sha1(article id) % 4 == 0``: 28 of the 84 dev articles,
  614 of 2,192 attributions), only looked at as a score, never to write rules;
- **all**: both;
- the same three parts without the articles that write quotation marks as ``''`` (7 NYT archive texts):
  the gold's kind rule does not count ``''`` as quotation marks, so their quotes are ``indirect``/``mixed`` in
  the gold while :func:`find_quotes` gives them as the direct quotes a reader sees (see docs/quotes.md).
  ``--count-two-apostrophes`` scores with gold kinds that count ``''`` as a quotation mark instead.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from toolkit.actors import load_aliases, person_spans
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


def held_out(article_id: str) -> bool:
    """Whether an article belongs to the held-out part (a fixed quarter of the articles, by id hash)."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 4 == 0


def two_apostrophe_marks(text: str) -> bool:
    """Whether ``text`` writes quotation marks as ``''`` (older NYT archive texts)."""
    return re.search(r"(?:^|\s)''\w", text) is not None


def count_two_apostrophes(rows: list[dict], scorer: Path) -> list[dict]:
    """Gold ``rows`` whose kinds count ``''`` as a quotation mark: the scorer's own kind rule on the text with each
    ``''`` read as ``"`` (offsets unchanged)."""
    spec = importlib.util.spec_from_file_location("polnear_score", scorer)
    assert spec is not None and spec.loader is not None
    rule = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rule)
    out = []
    for row in rows:
        text = row["text"].replace("''", '" ')
        mask = rule.quoted_mask(text)
        out.append({**row, "attributions": [{**a, "kind": rule.kind_of(text, a["content"], mask)}
                                            for a in row["attributions"]]})
    return out


def _score(scorer: Path, rows: list[dict], pred: Path, label: str) -> int:
    """Write the gold ``rows`` and their predictions beside ``pred``, score that part; return the exit code."""
    ids = {r["id"] for r in rows}
    name = re.sub(r"\W+", "-", label).strip("-")
    gold, part = pred.with_name(f"{pred.stem}.{name}.gold.jsonl"), pred.with_name(f"{pred.stem}.{name}.jsonl")
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    part.write_text("".join(line + "\n" for line in pred.read_text(encoding="utf-8").splitlines()
                            if json.loads(line)["id"] in ids), encoding="utf-8")
    print(f"\n## {label}: {len(rows)} articles, {sum(len(r['attributions']) for r in rows)} attributions", flush=True)
    return subprocess.call([sys.executable, str(scorer), str(gold), str(part)])


def main(argv: list[str] | None = None) -> int:
    """Predict, write, score; return the scorer's exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=_EVAL / "dev.jsonl")
    ap.add_argument("-o", "--out", type=Path, default=Path("/tmp/quotes_pred.jsonl"))
    ap.add_argument("--cache", type=Path, default=None, help="DocBin file caching the parsed texts")
    ap.add_argument("--count-two-apostrophes", action="store_true", help="gold kinds count '' as quotation marks")
    args = ap.parse_args(argv)
    scorer = args.gold.parent / "score.py"  # the scorer beside the gold file, else the dev split's
    scorer = scorer if scorer.exists() else _EVAL / "score.py"
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.count_two_apostrophes:
        rows = count_two_apostrophes(rows, scorer)
    tic = time.perf_counter()
    docs = _docs([r["text"] for r in rows], args.cache)
    parsed = time.perf_counter()
    aliases = load_aliases()
    with args.out.open("w", encoding="utf-8") as out:
        for row, doc in zip(rows, docs):
            for q in find_quotes(doc, person_spans(doc, aliases)):
                out.write(json.dumps({"id": row["id"], **q.to_json(doc.text)}) + "\n")
    done = time.perf_counter()
    print(f"parse {parsed - tic:.1f}s, actors + find_quotes {done - parsed:.1f}s for {len(rows)} articles",
          file=sys.stderr)
    parts = [("tune", [r for r in rows if not held_out(r["id"])]), ("held-out", [r for r in rows if held_out(r["id"])]),
             ("all", rows)]
    parts += [(f"{label} without ''", [r for r in part if not two_apostrophe_marks(r["text"])]) for label, part in parts]
    return max(_score(scorer, part, args.out, label) for label, part in parts if part)


if __name__ == "__main__":
    raise SystemExit(main())

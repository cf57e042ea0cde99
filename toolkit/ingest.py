"""Load article files into the ``articles`` table, with a report on every input.

Inputs: a folder (searched recursively), a file, a glob, or a list of these. ``.txt`` and ``.md`` files are
articles; a ``metadata.csv`` sidecar (columns ``file`` — path relative to the CSV —, ``outlet``,
``published``, ``title``, ``url`` and any others) is read when present. Text is decoded and normalised
(see :func:`normalise`), boilerplate lines are removed (``data/boilerplate.txt``) and recorded, exact
duplicates are reported and loaded once. All later offsets index into the cleaned ``articles.text``.

>>> corpus = load("seeds/")
>>> len(corpus.articles), corpus.summary()
(5, 'loaded 5, skipped 0')
"""

from __future__ import annotations

import csv
import glob as _glob
import hashlib
import html
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from . import tables

__all__ = ["ARTICLE_SUFFIXES", "Corpus", "LoadEntry", "decode", "load", "load_boilerplate", "normalise"]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")  # become plain spaces
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0000]")  # are deleted
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")
_BINARY_MAGIC = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
                 b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive"}
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u20ac\u201a-\u201e\u2018-\u2022\u2026\u2030\u2039\u203a]")


@dataclass(frozen=True)
class LoadEntry:
    """What happened to one input: ``status`` is ``loaded`` or ``skipped``; ``reason`` says why."""

    path: str
    status: str
    reason: str = ""
    article_id: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class Corpus:
    """Loaded articles (the ``articles`` table) and the per-input load report."""

    articles: pd.DataFrame
    report: list[LoadEntry] = field(default_factory=list)
    boilerplate: str | None = None  # the user's boilerplate file, if one replaced data/boilerplate.txt

    def summary(self) -> str:
        """One line such as ``loaded 212, skipped 3: 1 empty, 1 binary, 1 duplicate``."""
        loaded = sum(e.status == "loaded" for e in self.report)
        skipped = [e.reason.split(":")[0] for e in self.report if e.status == "skipped"]
        line = f"loaded {loaded}, skipped {len(skipped)}"
        if skipped:
            line += ": " + ", ".join(f"{n} {why}" for why, n in sorted(Counter(skipped).items()))
        return line

    def report_records(self) -> list[dict]:
        """The load report as JSON-ready dicts, in input order."""
        return [{**asdict(e), "warnings": list(e.warnings)} for e in self.report]

    def problems(self) -> pd.DataFrame:
        """Inputs skipped or loaded with warnings: ``path``, ``status``, ``reason`` (columns fixed, maybe no rows).

        >>> load("seeds/").problems().empty
        True
        """
        rows = [{"path": e.path, "status": e.status, "reason": "; ".join(filter(None, (e.reason, *e.warnings)))}
                for e in self.report if e.status != "loaded" or e.warnings]
        return pd.DataFrame(rows, columns=["path", "status", "reason"]).astype("string")

    def __repr__(self) -> str:
        return f"Corpus({self.summary()})"

    def _repr_html_(self) -> str:
        """In a notebook: the summary line and a table of what was skipped or loaded with warnings."""
        head = f"<p><b>{html.escape(self.summary())}</b> — {len(self.articles)} articles in the table</p>"
        problems = self.problems()
        return head + (problems.to_html(index=False) if len(problems) else "<p>No load problems.</p>")


class _Skip(Exception):
    """An input that cannot become an article; the message is the reason shown to the user."""


def load_boilerplate(path: str | Path | None = None) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """Read boilerplate patterns: returns (line patterns, end-of-article patterns)."""
    text = (Path(path).read_text(encoding="utf-8") if path
            else resources.files("toolkit").joinpath("data/boilerplate.txt").read_text(encoding="utf-8"))
    lines, ends = [], []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        target = ends if raw.startswith("END ") else lines
        target.append(re.compile(raw.removeprefix("END ").strip(), re.IGNORECASE))
    return lines, ends


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used: BOM, strict UTF-8, cp1252, then a detector.

    >>> decode("“Café”".encode("cp1252"))
    ('“Café”', 'cp1252')
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break  # a BOM on bytes that are not that encoding: try the rest
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise _Skip(f"binary: {what}, not text")
    if data.count(b"\x00") > max(2, len(data) // 100):
        raise _Skip("binary: file holds NUL bytes, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _Skip("undecodable: no text encoding fits these bytes")
    return str(best), best.encoding


def normalise(text: str) -> str:
    """Normalise text for reading and offsets: LF line ends, NFC, plain spaces, no invisible characters.

    Trailing spaces are trimmed, runs of blank lines collapse to one. Idempotent.

    >>> normalise("Nato\\u00a0chief\\r\\nsaid\\u200b so.\\r\\n\\r\\n\\r\\nNext")
    'Nato chief\\nsaid so.\\n\\nNext'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if text.isascii():  # the only odd characters ASCII can hold (a fast path: most news text is ASCII)
        text = text.replace("\x00", "").replace("\t", " ")
    else:
        text = _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text))
    lines = [line.strip() for line in _SPACE_RUN.sub(" ", text).split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def _strip_boilerplate(text: str, patterns: tuple[list[re.Pattern[str]], list[re.Pattern[str]]],
                       outlet: str) -> tuple[str, list[str]]:
    line_pats, end_pats = patterns
    lines = text.split("\n")
    removed: list[str] = []
    half = len(text) // 2
    pos, cut = 0, len(lines)
    for i, line in enumerate(lines):
        if pos >= half and any(p.fullmatch(line) for p in end_pats):
            cut = i
            break
        pos += len(line) + 1
    removed.extend(line for line in lines[cut:] if line)
    kept = []
    masthead = _words(outlet)
    for i, line in enumerate(lines[:cut]):
        edge = i < 3 or i >= cut - 3
        if line and (any(p.fullmatch(line) for p in line_pats + end_pats)
                     or (edge and masthead and set(_words(line)) <= set(masthead) and len(_words(line)) >= 2)):
            removed.append(line)
        else:
            kept.append(line)
    return normalise("\n".join(kept)), removed


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def _split_title(text: str, title: str) -> tuple[str, str, list[str]]:
    """Return (title, body, removed): the title is the first line unless metadata gave one."""
    paras = text.split("\n")
    removed: list[str] = []
    first = next((line for line in paras if line), "")
    if not title:
        title = first.lstrip("#").strip()
        paras.remove(first)
    # a title repeated as the first body line (any case) is dropped once
    nxt = next((line for line in paras if line), None)
    if nxt is not None and _words(nxt) == _words(title):
        paras.remove(nxt)
        removed.append(nxt)
    return title, normalise("\n".join(paras)), removed


def _read_metadata(csv_path: Path) -> tuple[dict[Path, dict[str, str]], list[LoadEntry]]:
    """Metadata by resolved article path, and a report entry for each row or file that cannot be used."""
    try:
        text, _ = decode(csv_path.read_bytes())
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = list(reader)
    except (OSError, csv.Error, _Skip) as err:
        return {}, [LoadEntry(str(csv_path), "skipped", f"unreadable metadata: {err}; articles load without it")]
    if "file" not in [(f or "").strip() for f in reader.fieldnames or []]:
        return {}, [LoadEntry(str(csv_path), "skipped", "unreadable metadata: no 'file' column; articles load without it")]
    meta: dict[Path, dict[str, str]] = {}
    problems = []
    for n, row in enumerate(rows, 2):
        fields = {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
        name = fields.get("file", "")
        if not name:
            continue
        path = (csv_path.parent / name).resolve()
        if not path.is_file():
            problems.append(LoadEntry(f"{csv_path}:{n}", "skipped", f"unknown file: row {n} names {name!r}, "
                                      "which is not there; its metadata is not used"))
            continue
        meta[path] = fields
    return meta, problems


def _expand(inputs: Iterable[str | Path]) -> tuple[list[tuple[Path, Path]], list[LoadEntry]]:
    """Expand inputs into (file, root) pairs, root being the folder ids are made relative to."""
    files: list[tuple[Path, Path]] = []
    problems: list[LoadEntry] = []
    for item in inputs:
        item = str(item)
        if any(ch in item for ch in "*?["):
            matches = sorted(Path(p) for p in _glob.glob(item, recursive=True))
            if not matches:
                problems.append(LoadEntry(item, "skipped", "missing: the pattern matches no file"))
            root = Path(_glob.escape(item).split("*")[0] or ".")
            root = root if root.is_dir() else root.parent
            files.extend((p, root) for p in matches if p.is_file())
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in _JUNK_NAMES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            other = [p for p in found if p.suffix.lower() not in ARTICLE_SUFFIXES]
            problems.extend(LoadEntry(str(p), "skipped", f"unsupported: {p.suffix or 'no extension'} files are not "
                                      f"read (articles are {', '.join(ARTICLE_SUFFIXES)})") for p in other)
            if not found:
                problems.append(LoadEntry(item, "skipped", "empty folder: no article files (.txt, .md, .html, .jsonl, .csv)"))
            files.extend((p, path) for p in found if p not in other)
        elif path.is_file():
            files.append((path, path.parent))
        else:
            problems.append(LoadEntry(item, "skipped", "missing: no such file or folder"))
    return files, problems


def load(paths: str | Path | Sequence[str | Path], *, boilerplate: str | Path | None = None,
         progress: bool | None = None) -> Corpus:
    """Load articles from folders, files or globs into a :class:`Corpus`.

    Nothing is dropped silently: every input (and every line of a JSONL/CSV file) appears in ``corpus.report``
    as loaded or skipped with a reason. ``progress`` shows a bar (None: for more than 500 files).
    """
    from tqdm.auto import tqdm

    inputs = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files, report = _expand(inputs)
    patterns = load_boilerplate(boilerplate)
    meta: dict[Path, dict[str, str]] = {}
    for csv_path in sorted({root / "metadata.csv" for _, root in files} | {p.parent / "metadata.csv" for p, _ in files}):
        if csv_path.is_file():
            found, problems = _read_metadata(csv_path)
            meta.update(found)
            report.extend(problems)
    records: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    ids: set[str] = set()
    ordered = sorted(set(files), key=lambda pr: str(pr[0]))
    show = progress or (progress is None and len(ordered) > 500)
    for path, root in tqdm(ordered, desc="load", unit="file", disable=not show):
        if path.name in _JUNK_NAMES or path.name == "metadata.csv" or path.name.startswith("."):
            continue
        try:
            raws = list(_read(path, root, meta.get(path.resolve(), {})))
        except _Skip as why:
            report.append(LoadEntry(str(path), "skipped", str(why)))
            continue
        except OSError as err:
            report.append(LoadEntry(str(path), "skipped", f"unreadable: {err.strerror or err}"))
            continue
        for raw in raws:
            try:
                if isinstance(raw, _Skip):
                    raise raw
                rec = _clean_record(raw, patterns)
            except _Skip as why:
                report.append(LoadEntry(raw.where, "skipped", str(why)))
                continue
            if rec["sha256"] in seen:
                report.append(LoadEntry(raw.where, "skipped", f"duplicate: same text as {seen[rec['sha256']]}"))
                continue
            if rec["article_id"] in ids:  # same id, different text (e.g. a.txt and a.md): keep both, distinctly
                rec["article_id"] = f"{rec['article_id']}~{len(records)}"
            ids.add(rec["article_id"])
            seen[rec["sha256"]] = rec["article_id"]
            records.append(rec)
            report.append(LoadEntry(raw.where, "loaded", "", rec["article_id"], tuple(raw.warnings)))
    articles = tables.validate("articles", tables.from_records("articles", records))
    return Corpus(articles, report, str(boilerplate) if boilerplate else None)


@dataclass
class _Raw:
    """One article as read from a file, before cleaning."""

    where: str  # file, or file:line for multi-article files
    article_id: str
    path: str
    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class _BadLine(_Skip):
    """A malformed record inside a multi-article file."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(reason)
        self.where = where


def _decoded(path: Path) -> tuple[str, str, list[str]]:
    data = path.read_bytes()
    if not data:
        raise _Skip("empty: the file has no bytes")
    text, encoding = decode(data)
    warnings = []
    if "\x00" in text:
        warnings.append(f"removed {text.count(chr(0))} NUL character(s)")
    if _MOJIBAKE.search(text):
        import ftfy

        text = ftfy.fix_encoding(text)
        warnings.append("text looked double-encoded (mojibake); repaired")
    return text, encoding, warnings


def _read(path: Path, root: Path, meta: dict[str, str]) -> Iterator[_Raw | _BadLine]:
    """The raw articles of one file: one for .txt/.md/.html, one per record for .jsonl/.csv."""
    rel = (path.relative_to(root) if path.is_relative_to(root) else Path(path.name)).with_suffix("").as_posix()
    suffix = path.suffix.lower()
    text, encoding, warnings = _decoded(path)
    if suffix in (".txt", ".md"):
        yield _Raw(str(path), rel, str(path), text, encoding, meta, warnings)
    elif suffix in (".html", ".htm"):
        yield _from_html(path, rel, text, encoding, meta, warnings)
    elif suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
            except ValueError as err:
                yield _BadLine(f"{path}:{n}", f"malformed: line {n} is not valid JSON ({err})")
                continue
            yield _from_fields(obj, f"{path}:{n}", rel, str(path), encoding, warnings, f"line {n}")
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not {"text", "body"} & {(f or "").strip() for f in reader.fieldnames or []}:
            raise _Skip("not an article table: the CSV has no 'text' or 'body' column")
        for n, row in enumerate(reader, 2):
            yield _from_fields(row, f"{path}:{n}", rel, str(path), encoding, warnings, f"row {n}")


def _from_fields(obj: dict[str, Any], where: str, rel: str, path: str, encoding: str, warnings: list[str],
                 pos: str) -> _Raw | _BadLine:
    fields = {str(k).strip(): ("" if v is None else str(v)) for k, v in obj.items() if k is not None}
    body = fields.pop("text", "") or fields.pop("body", "")
    if not body.strip():
        return _BadLine(where, f"empty: {pos} has no text field")
    ident = fields.pop("id", "").strip() or pos.replace(" ", "")
    title = fields.get("title", "").strip()
    return _Raw(where, f"{rel}/{ident}", path, f"{title}\n\n{body}" if title else body, encoding,
                {**fields, "title": title, "source_record": pos}, list(warnings))


def _from_html(path: Path, rel: str, html: str, encoding: str, meta: dict[str, str], warnings: list[str]) -> _Raw:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise _Skip("no article: no article body found in this HTML page")
    found = {"title": doc.title or "", "outlet": doc.sitename or "", "published": doc.date or "", "url": doc.url or ""}
    merged = {**{k: v for k, v in found.items() if v}, **{k: v for k, v in meta.items() if v}}
    body = doc.text.replace("\n", "\n\n")
    title = merged.get("title", "")
    return _Raw(str(path), rel, str(path), f"{title}\n\n{body}" if title else body, encoding, merged, warnings)


def _clean_record(raw: _Raw, patterns: tuple[list[re.Pattern[str]], list[re.Pattern[str]]]) -> dict[str, Any]:
    meta, warnings = raw.meta, raw.warnings
    text = normalise(raw.text)
    if not text:
        raise _Skip("empty: no text (whitespace only)")
    outlet = meta.get("outlet", "")
    text, removed = _strip_boilerplate(text, patterns, outlet)
    if not _WORD.search(text):
        raise _Skip("boilerplate only: nothing left after removing boilerplate")
    title, body, again = _split_title(text, normalise(meta.get("title", "")))
    removed += again
    if not _WORD.search(body):
        raise _Skip("no body: only a title line")
    extra = {k: v for k, v in meta.items() if k not in {"file", "outlet", "published", "title"}}
    published = pd.to_datetime(meta.get("published") or None, errors="coerce", utc=True)
    if meta.get("published") and pd.isna(published):
        warnings.append(f"unreadable date {meta['published']!r}; published left empty")
    return {
        "article_id": raw.article_id,
        "path": raw.path,
        "outlet": outlet or None,
        "published": None if pd.isna(published) else published.tz_localize(None).normalize(),
        "title": title,
        "text": body,
        "n_words": len(_WORD.findall(body)),
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "encoding": raw.encoding,
        "removed": "\n".join(removed),
        **extra,
    }

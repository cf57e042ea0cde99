"""Actor mentions and their canonical names.

Mentions come from spaCy's named entities (PERSON, ORG, GPE, NORP, LOC, FAC) plus phrases of the alias file
(``data/actors.csv``: canonical, alias, kind, side, role, metonym) that the model missed ("the Kremlin",
"the alliance"). Each mention gets a canonical actor by, in order: the alias file (honorifics and possessives
dropped, transliterations folded: Sergei/Sergey, Dmitri/Dmitry, Zelensky/Zelenskiy); a surname or a one-letter
typo of a person named earlier in the same article ("Mr Stoltenberg", "Jen Stoltenberg"); otherwise the
mention's own cleaned text. A capital used as a place ("talks in Moscow") is not an actor.

>>> from toolkit.nlp import load_model, parse_one
>>> doc = parse_one(load_model(), "Sergei Lavrov met Mr Blinken. Lavrov said the Kremlin was ready.")
>>> [(m.text, m.actor) for m in find_mentions(doc, load_aliases())]
[('Sergei Lavrov', 'Sergey Lavrov'), ('Blinken', 'Antony Blinken'), ('Lavrov', 'Sergey Lavrov'), ('Kremlin', 'Russia')]
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["ActorInfo", "Aliases", "Mention", "find_mentions", "load_aliases"]

LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_KIND_BY_LABEL = {"PERSON": "person", "GPE": "country", "ORG": "organisation"}
_HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|sir|dame|prof|president|prime minister|chancellor|minister|secretary|"
    r"general|gen|col|lt|senator|sen|rep|ambassador|spokesman|spokeswoman)\.?\s+)+", re.IGNORECASE)
_PLACE_PREPS = {"in", "at", "to", "from", "near", "outside", "into", "via", "around", "across", "between", "on"}


@dataclass(frozen=True)
class ActorInfo:
    """What the alias file says about a canonical actor."""

    kind: str
    side: str
    role: str


@dataclass(frozen=True)
class Mention:
    """One actor mention: char offsets into doc.text, the spaCy label, and the canonical actor (or None)."""

    start: int
    end: int
    text: str
    label: str
    actor: str | None
    how: str  # why this canonical name: alias, metonym, surname, fuzzy, self, place, unknown


class Aliases:
    """The alias table: folded alias key → canonical name, and canonical → :class:`ActorInfo`."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.by_key: dict[str, str] = {}
        self.info: dict[str, ActorInfo] = {}
        self.metonyms: set[str] = set()
        self.phrases: list[str] = []
        for row in rows:
            canonical, alias = row["canonical"].strip(), row["alias"].strip()
            self.info.setdefault(canonical, ActorInfo(row["kind"].strip(), row["side"].strip(), row["role"].strip()))
            for name in (canonical, alias):
                self.by_key.setdefault(_key(name), canonical)
            if row.get("metonym", "0").strip() == "1":
                self.metonyms.add(_key(alias))
            self.phrases.append(alias)
        self._matchers: dict[int, PhraseMatcher] = {}

    def matcher(self, doc: Doc) -> PhraseMatcher:
        """A case-sensitive phrase matcher of every alias, built once per vocabulary."""
        if id(doc.vocab) not in self._matchers:
            from spacy.lang.en import English

            tokenizer = English().tokenizer
            matcher = PhraseMatcher(doc.vocab)
            matcher.add("ALIAS", [Doc(doc.vocab, words=[t.text for t in tokenizer(p)],
                                      spaces=[bool(t.whitespace_) for t in tokenizer(p)]) for p in self.phrases])
            self._matchers[id(doc.vocab)] = matcher
        return self._matchers[id(doc.vocab)]

    def lookup(self, name: str) -> str | None:
        """Canonical name for ``name`` if the alias file knows it (honorifics, 's and transliteration ignored)."""
        return self.by_key.get(_key(name))


def load_aliases(path: str | Path | None = None) -> Aliases:
    """Load the alias file: the packaged ``data/actors.csv``, or a user file that extends/overrides it."""
    packaged = resources.files("toolkit").joinpath("data/actors.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(packaged)))
    if path is not None:
        user = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
        overridden = {_key(r["alias"]) for r in user}
        rows = user + [r for r in rows if _key(r["alias"]) not in overridden]
    return Aliases(rows)


def _fold(word: str) -> str:
    """Fold transliteration variants of one lower-case word: Sergei→sergey, Zelenskyy→zelensky, Kiev→kyiv."""
    word = re.sub(r"(?:iy|yy|ii)$", "y", word)
    word = re.sub(r"(?<=[^aeiou])i$", "y", word)
    word = re.sub(r"ei$", "ey", word)
    return {"kiev": "kyiv"}.get(word, word)


def _clean(name: str) -> str:
    name = re.sub(r"['’]s?$", "", name.strip())
    return _HONORIFICS.sub("", name).strip()


def _key(name: str) -> str:
    words = re.findall(r"[\w.-]+", _clean(name).lower())
    words = [w.strip(".") for w in words if w not in {"the"}]
    return " ".join(_fold(w) for w in words if w)


def _near(a: str, b: str) -> bool:
    """True if two words differ by at most one edit and share the first letter."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _is_place(span: Span) -> bool:
    head = span.root
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS


def _candidate_spans(doc: Doc, aliases: Aliases) -> list[Span]:
    ents = [e for e in doc.ents if e.label_ in LABELS]
    extra = [Span(doc, s, e, label="ALIAS") for _, s, e in aliases.matcher(doc)(doc)]
    taken = {i for e in ents for i in range(e.start, e.end)}
    extra = [s for s in filter_spans(extra) if not taken.intersection(range(s.start, s.end))]
    return sorted(ents + extra, key=lambda s: (s.start, s.end))


def find_mentions(doc: Doc, aliases: Aliases) -> list[Mention]:
    """All actor mentions in ``doc`` with canonical names, in text order."""
    out: list[Mention] = []
    people: list[tuple[list[str], str]] = []  # (folded words of a full name, canonical) seen so far
    for span in _candidate_spans(doc, aliases):
        text = span.text.strip()
        label = span.label_
        if label == "ALIAS":
            label = "PERSON" if aliases.info.get(aliases.lookup(text) or "", ActorInfo("", "", "")).kind == "person" else "ORG"
        key = _key(text)
        if not key:
            continue
        actor, how = aliases.lookup(text), "alias"
        if key in aliases.metonyms and _is_place(span):
            actor, how = None, "place"
        elif key in aliases.metonyms:
            how = "metonym"
        elif label == "PERSON":
            actor, how = _person(_clean(text), actor, people, aliases)
        elif actor is None:
            if label in {"NORP", "LOC", "FAC"}:
                actor, how = None, "unknown"
            else:
                actor, how = _clean(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)), "self"
        out.append(Mention(span.start_char, span.start_char + len(span.text.rstrip()), span.text.rstrip(), label, actor, how))
    return out


def _person(name: str, known: str | None, people: list[tuple[list[str], str]],
            aliases: Aliases) -> tuple[str, str]:
    words = _key(name).split()
    if known is not None and len(words) > 1:
        people.append((words, known))
        return known, "alias"
    for full, canonical in reversed(people):
        if len(words) == 1 and words[0] == full[-1]:
            return canonical, "surname"
        if len(words) == len(full) and words[-1] == full[-1] and all(map(_near, words, full)):
            return canonical, "fuzzy"
    if known is not None:
        return known, "alias"
    for alias_key, canonical in aliases.by_key.items():
        parts = alias_key.split()
        if len(parts) == len(words) > 1 and parts[-1] == words[-1] and all(map(_near, words, parts)):
            people.append((words, canonical))
            return canonical, "fuzzy"
    if len(words) > 1:
        people.append((words, name))
    return name, "self"

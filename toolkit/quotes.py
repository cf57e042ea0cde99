"""Quotations in news text: direct, indirect and mixed, with cue verb and speaker.

:func:`find_quotes` reads one parsed article and returns :class:`Quote` records, sorted by ``start``:

- **direct**: text in quotation marks (straight, curly double, curly single, guillemets) credited by a
  cue clause after it (``"…," Lavrov said``, ``said Mr Stoltenberg``) or before it (``He told reporters: "…"``,
  ``Peskov: "…"``). An interrupted quote (``"A," he said. "B."``) and a quote running over several
  paragraphs are one quote from the first opening mark to the last closing one. The turns of a transcript
  (``PENCE: …``, ``MR PRICE: …``) are direct quotes of their labels' speakers, quotation marks or not.
- **indirect**: the clause governed by a cue verb (``X said (that) …``, ``X warned Y that …``) or the rest of
  a sentence holding ``according to X``; **mixed** when that clause contains quoted words.

Speakers are the cue's grammatical subject; pronouns and descriptions ("he", "the minister") are resolved
to the nearest preceding person in subject position (gender from Mr/Ms titles, role nouns, pronouns and
given names). Cue verbs are data: ``toolkit/data/cues.csv`` (see :func:`load_cues`).

>>> from toolkit.nlp import load_model, parse_one
>>> doc = parse_one(load_model(), "“We do not want war,” Lavrov said.")
>>> q = find_quotes(doc)[0]
>>> (doc.text[q.start:q.end], q.kind, q.cue, q.speaker)
('“We do not want war,”', 'direct', 'say', 'Lavrov')
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from toolkit.actors import load_first_names, load_roles

__all__ = ["Quote", "find_quotes", "load_cues"]


@dataclass(frozen=True)
class Quote:
    """One attribution: content span, kind, cue lemma and speaker (char offsets into ``doc.text``, end exclusive);
    ``cue_start``/``cue_end`` locate the cue verb as written (None for ``according to``, colon attributions and
    signed quotes)."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_json(self, text: str) -> dict[str, int | str | None]:
        """The quote as a line of ``python -m toolkit quotes`` (the scorer's format), the cue as written in ``text``.

        >>> Quote(0, 6, "direct", "say", "Lavrov", 7, 13, 14, 18).to_json('"Yes," Lavrov said.')["cue"]
        'said'
        """
        return {"quote_start": self.start, "quote_end": self.end, "speaker": self.speaker,
                "speaker_start": self.speaker_start, "speaker_end": self.speaker_end,
                "cue": text[self.cue_start:self.cue_end] if self.cue_start is not None else self.cue,
                "kind": self.kind}


_MARKS = re.compile(r"''|[\"“”«»„‘’‹›]")
_OPENERS = "“«„‹"
_CLOSERS = "”»›"
_OPENING_MARKS = {"“", '"', "«", "„", "‹", "‘", "''"}
_SENT_END = {".", "!", "?"}
_TRAIL = re.compile(r"(?:[^\S\n]|[,.;!?])*")  # spaces (also no-break) and punctuation, not a line end
_WORD = re.compile(r"\w+(?:['’]\w+)*")  # a word as the scorer counts it: "don't" is one
_SPACES = " \t\r\f\v\xa0\u2009\u202f\u3000"  # spaces within a line, also no-break and thin ones
_GAP = re.compile(r"[\s.,;!?]*")  # nothing but spaces (any, also no-break) and sentence punctuation
_RESUME = re.compile(r"[\s.,;!?]*(?:(?:But|And)[^\S\n]+)?")  # ``he said. But “…”``: the quote goes on
_TAIL = re.compile(r"[”’\"]?(?:[,\s]+[^\W\d][^.!?\n“”\"]{0,60})?[.!?][\s]*")  # ``on Friday.``: the rest of a sentence
_MARK_TOKENS = frozenset([*"\"“”«»„‘’‹›'", "''", "``"])  # tokens that are quotation marks
_QUOTE_PUNCT = " .,;:!?…\"'“”«»„‘’‹›"
_STOP_INSIDE = re.compile(r"[.!?…][\"'’”»›]+$")  # ``."`` ``?”``: the quoted words end a sentence
# ``,"`` ``,'"`` ``?”`` and ``, ”`` (a stray space after the comma): the quote ends its clause
_CLOSING_PUNCT = re.compile(r"(?:[,.!?…—–:;-]|,[ \xa0])[\"'’”»›]*\W$")
_DASHES = {"-", "–", "—", "―"}
_NAME_POS = {"PROPN", "NOUN", "DET", "ADJ", "NUM", "PART", "PUNCT"}  # a noun phrase without verb or preposition
_BRACKETS = {")": "(", "]": "["}
_SIGNATURE = re.compile(r"[ \t]*\n[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})"  # a name on the next line,
                        r"(,[^\n\"”]{0,100}?)?[ \t.]*[\"”][ \t]*(?=\n|$)")  # a description, the closing mark
_DASH_NAME = re.compile(r"[ \t]*[―—–]+[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t.]*(?=\n|$)")
# a transcript turn: ``PENCE: …``, ``"RAMOS:  …`` (a quoted transcript), ``Vladimir Putin: …`` at a line start
_TURN = re.compile(r"[^\S\n]*(?:''|[\"“‘])?[^\S\n]*"  # an opening mark of a quoted transcript
                   r"([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})[^\S\n]*:[^\S\n]+(?=\S)")
_QUESTIONER = {"Q", "QUESTION", "QUESTIONER"}  # a reporter's question: a turn with no one to credit
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_TITLES = {"mr": "m", "mr.": "m", "sir": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f"}
_ROLE_GENDER = {"spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "woman": "f",
                "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "man": "m"}
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "parataxis", "ccomp"}
_PREPS = {"in", "on", "at", "during", "after", "before", "alongside", "with", "to", "from", "while"}
_RELATIVES = {"who", "that", "which", "whose"}
_SUFFIXES = (("ed", ("", "e")), ("ing", ("", "e")), ("s", ("",)))  # regular verb endings and the stems they leave
_CONDITIONS = {"if", "unless", "because", "although", "though", "whether"}  # a condition, not a speech act
_COMPLEMENTS = {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd", "dative"}
_SCOPES = frozenset({"any", "both", "direct", "object", "noun", "none"})  # of cues.csv (see load_cues)


def load_cues(path: str | Path | None = None) -> dict[str, str]:
    """Cue lemmas and their scope: the packaged ``cues.csv`` (columns ``cue,scope``), extended and overridden by
    the rows of your CSV at ``path``; scope ``none`` there drops a packaged cue.

    Scope ``any`` cues introduce direct and indirect speech; ``direct`` cues only credit quoted text; ``object``
    cues credit their object (``called the plan “a disaster”``); ``both`` cues are ``any`` cues whose object is
    content too when they have no clause (``demanded the withdrawal of troops``, ``"…," he demanded``); ``noun``
    cues credit the clause of the noun (``his warning that …``).

    >>> load_cues()["say"], load_cues()["according to"]
    ('any', 'any')
    """
    cues = _read_cues(resources.files("toolkit").joinpath("data/cues.csv").read_text(encoding="utf-8"), "cues.csv")
    if path is not None:
        cues.update(_read_cues(Path(path).read_text(encoding="utf-8-sig"), str(path)))
    return {cue: scope for cue, scope in cues.items() if scope != "none"}


def _read_cues(text: str, name: str) -> dict[str, str]:
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    if "cue" not in (rows.fieldnames or []):
        raise ValueError(f"{name}: missing column cue (the first line must be cue,scope)")
    cues = {" ".join(row["cue"].split()).lower(): (row.get("scope") or "any").strip().lower()
            for row in rows if (row["cue"] or "").strip()}
    wrong = sorted(f"{cue},{scope}" for cue, scope in cues.items() if scope not in _SCOPES)
    if wrong:
        raise ValueError(f"{name}: unknown scope in {', '.join(wrong)}; a scope is one of "
                         f"{', '.join(sorted(_SCOPES))}")
    return cues


@lru_cache(maxsize=1)
def _default_cues() -> dict[str, str]:
    return load_cues()


# ---------------------------------------------------------------- quotation marks


def _scan_line(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Quoted spans ``(start, end, closed)`` in ``text[lo:hi]``, marks included; unmatched marks are ignored."""
    spans: list[tuple[int, int, bool]] = []
    start, family = -1, ""
    for m in _MARKS.finditer(text, lo, hi):
        i, j, mark = m.start(), m.end(), m.group()
        before = text[i - 1] if i > lo else " "
        after = text[j] if j < hi else " "
        opens = not after.isspace() and (before.isspace() or before in "([{—–-/" or before in _OPENERS)
        closes = not before.isspace() and (after.isspace() or not after.isalnum())
        if start < 0:
            if mark in _OPENERS or (mark in ('"', "''") and opens) or (mark in _CLOSERS and opens and not closes):
                start, family = i, "d"
            elif mark == "‘" and not after.isspace() and not before.isalnum():  # not "Review‘s": an apostrophe
                start, family = i, "s"
        elif family == "d" and (mark in _CLOSERS or mark in ('"', "''")):
            if mark in ('"', "''") and opens and not closes:
                continue  # a quote re-opened without being closed: the next paragraph of it, run into this line
            spans.append((start, j, True))
            start = -1
        elif family == "s" and mark == "’" and closes and not (before.isalnum() and after.isalnum()):
            spans.append((start, j, True))
            start = -1
    if start >= 0 and family == "d":
        spans.append((start, _rstrip_end(text, hi), False))
    return spans


def _rstrip_end(text: str, i: int) -> int:
    """``len(text[:i].rstrip())`` without copying the text."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _line_rest(text: str, e: int) -> str:
    """``text[e:]`` up to (not including) the next newline."""
    stop = text.find("\n", e)
    return text[e:] if stop < 0 else text[e:stop]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """All quoted spans of ``text``; a quote left open at a line end continues on the next line that opens one."""
    lines: list[list[tuple[int, int, bool]]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append(_scan_line(text, pos, pos + len(line)))
        pos += len(line) + 1
    out: list[tuple[int, int]] = []
    carry: tuple[int, int] | None = None
    for line_spans in lines:
        for k, (s, e, closed) in enumerate(line_spans):
            if carry is not None:
                if k == 0 and not text[text.rfind("\n", 0, s) + 1:s].strip():
                    s = carry[0]
                else:
                    out.append(carry)
                carry = None
            if closed or k < len(line_spans) - 1:
                out.append((s, e))
            else:
                carry = (s, e)
        if carry is not None and not line_spans:
            out.append(carry)
            carry = None
    if carry is not None:
        out.append(carry)
    return out


# ---------------------------------------------------------------- token helpers


class _Index:
    """Char → token lookup, quoted-span membership and line boundaries for one Doc, and the cue list."""

    def __init__(self, doc: Doc, spans: list[tuple[int, int]], cues: dict[str, str]) -> None:
        self.doc = doc
        self.cues = cues
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.starts = [t.idx for t in doc]
        self.spans = spans
        self.span_starts = [s for s, _ in spans]
        self.inside = [False] * len(doc)
        for s, e in spans:
            for i in range(self.tok(s), self.tok(e - 1) + 1):
                self.inside[i] = True

    def tok(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def line_of(self, i: int) -> tuple[int, int]:
        """Token range ``[a, b)`` of the line (no newline inside) holding token ``i``."""
        doc, a, b = self.doc, i, i + 1
        while a > 0 and "\n" not in doc[a - 1].text and "\n" not in doc[a - 1].whitespace_:
            a -= 1
        while b < len(doc) and "\n" not in doc[b - 1].whitespace_ and "\n" not in doc[b].text:
            b += 1
        return a, b


def _is_cue(tok: Token, cues: dict[str, str], scopes: tuple[str, ...]) -> bool:
    return _verbal(tok) and _cue_scope(tok, cues) in scopes


def _verbal(tok: Token) -> bool:
    """A verb, or a noun with a subject and a clause or colon after it: a verb the tagger took for a noun
    (``Article 33 affirms: “…”``; not ``Parenting plans to give advice``)."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    return tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children) and (
        any(c.dep_ == "ccomp" for c in tok.children) or tok.i + 1 < len(tok.doc) and tok.nbor().text == ":")


def _speech_cue(ix: _Index, tok: Token) -> bool:
    """Whether ``tok`` is a cue that can credit a quote next to it: any ``any`` cue; a ``direct`` cue (``continue``,
    ``laugh`` …) only as a speech act of its own, without a complement outside quotes and not under a condition
    (``the army will continue to remain stocked``, ``even if the war continued, “…”`` are none)."""
    scope = _cue_scope(tok, ix.cues) if _verbal(tok) else None
    if scope != "direct":
        return scope == "any"
    return not any(c.dep_ == "mark" and c.lower_ in _CONDITIONS or c.dep_ in ("xcomp", "ccomp", "dobj")
                   and not ix.inside[c.i] and c.pos_ != "PRON" and _cue_scope(c, ix.cues) is None
                   for c in tok.children)  # "as he put it, “…”"; "shouted, “…” Beck joked" is two speech acts


def _cue_scope(tok: Token, cues: dict[str, str]) -> str | None:
    """The scope of ``tok``'s cue (see :func:`_cue_lemma`; ``both`` counts as ``any``), None when it is no cue."""
    lemma = _cue_lemma(tok, cues)
    return None if lemma is None else "any" if cues[lemma] == "both" else cues[lemma]


def _cue_lemma(tok: Token, cues: dict[str, str]) -> str | None:
    """The listed cue ``tok`` is a form of: its lemma with its particle (``go on``), its lemma, or the stem of a
    regular form the lemmatizer misses (``texted`` → ``texte``, stem ``text``)."""
    lemma = tok.lemma_.lower()
    for prt in tok.children:  # a phrasal verb: ``went on``, ``fired back`` (``shot back``: parsed as an adverb)
        if (prt.dep_ == "prt" or prt.dep_ == "advmod" and prt.i == tok.i + 1 or tok.i < prt.i <= tok.i + 2
                and prt.i == getattr(_adjective(tok), "i", None)) \
                and f"{lemma} {prt.lower_}" in cues:  # or a verb-adjective cue: ``made (it) clear``
            return f"{lemma} {prt.lower_}"
    if lemma in cues:
        return lemma
    word = tok.lower_
    for suffix, stems in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            for stem in stems:
                if word[:-len(suffix)] + stem in cues:
                    return word[:-len(suffix)] + stem
    return None


def _adjective(verb: Token) -> Token | None:
    """The adjective of a verb-adjective cue (``made clear that``, ``made it clear that``), or None."""
    adj = next((c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp") and c.pos_ == "ADJ"), None)
    return adj if adj is not None and verb.i < adj.i <= verb.i + 2 else None


def _clauses(verb: Token, cues: dict[str, str]) -> list[Token]:
    """The clausal complements of ``verb``; for ``made (it) clear that …`` (a listed verb-adjective cue) the
    clause, which the parser hangs on the verb or on the adjective; a ``that`` clause right after the cue's own
    words that the parser hung on the verb above (``It came as Moscow clarified on Friday that it wants …``)."""
    adj = _adjective(verb)
    if adj is None or f"{verb.lemma_.lower()} {adj.lower_}" not in cues:
        return [c for c in verb.children if c.dep_ == "ccomp"] or [
            c for c in verb.head.children if c.dep_ == "ccomp" and c.left_edge.i == verb.right_edge.i + 1
            and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark" and verb.dep_ == "advcl"
            and not _is_cue(verb.head, cues, ("any", "object"))]
    return [c for c in verb.children if c.dep_ == "ccomp" and c.i != adj.i] or [
        c for c in adj.children if c.dep_ in ("csubj", "advcl", "ccomp") and c.i > adj.i][:1]


def _subject(verb: Token, cues: dict[str, str]) -> Token | None:
    """The grammatical subject of ``verb``, inherited from governing verbs through conj/xcomp/advcl and from the
    verb whose object a participle describes (``issued a statement saying``); for a participle right after a person
    object, that person (``footage of Hillary Clinton asking, “…”``)."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and prev is not None and prev.ent_type_ == "PERSON" and prev.dep_ in ("pobj", "dobj"):
        return prev
    for _ in range(3):
        for child in verb.children:  # not a participle the parser took for one ("Speaking in parliament …, X said")
            if child.dep_ in ("nsubj", "nsubjpass") and not child.is_punct and child.tag_ != "VBG":
                return child
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and not any(c.tag_ == "MD" for c in verb.children) \
                and _is_cue(verb, cues, ("any",)) and _is_cue(head.head, cues, ("any",)):
            verb = head.head  # "Lavrov said Putin was prepared but said …": the parser joined the second cue to
            continue  # what the first one reports; both are the first cue's subject's (not "… or should have learned")
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if verb.pos_ == "VERB" and prev is not None and prev.dep_ == "compound" and prev.head.i == verb.i \
                and prev.pos_ == "PROPN":  # a name the parser hung on the verb: "Beck/compound joked"
            return prev
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "Tass cited X as saying", "quoted X as saying"
            obj = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "… before asking her"
            verb = verb.head
        elif verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj":  # "issued a statement saying"
            verb = verb.head
        elif verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ") and verb.head.dep_ == "dobj":
            verb = verb.head  # a verb the parser joined to an object: "He adopted an accent and joked, “…”"
        elif verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.i == verb.i - 1 \
                and verb.head.pos_ in ("NOUN", "PROPN") and verb.i + 1 < len(verb.doc) and verb.nbor().is_quote \
                and not any(c.dep_ == "oprd" for c in verb.children):
            # a finite verb hung on the noun before it: "a man yelled “…”", not "a documentary called '…'"
            return verb.head
        elif verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _passive(verb: Token) -> bool:
    """Whether ``verb`` is passive (``Blumenthal was asked``, ``Russia was accused of …``), also a participle
    without a subject of its own opening its sentence (``Asked about the suits, Artemyev said …``) or right after
    the noun it describes (``voters asked whether …``)."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    opens = all(t.is_punct or t.is_space for t in verb.doc[verb.sent.start:verb.i])  # ``Asked about …, he said``
    reduced = verb.dep_ == "acl" and verb.head.i < verb.i and not any(  # ``voters asked whether …``
        t.text == "," for t in verb.doc[verb.head.i:verb.i])
    return verb.tag_ == "VBN" and (reduced or opens and verb.dep_ in ("advcl", "ROOT")) \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)


def _agent(verb: Token) -> Token | None:
    """Who a passive cue's speech act is by (``was told by X``): its subject is the addressee or topic, not the
    speaker, so without a ``by`` phrase it has none."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _np(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head``, without relative or other clauses."""
    while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # not up to a verb the parser hung a name on (``Trump/compound barked``)
    keep = [head.i]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ not in _CLAUSE_DEPS and child.pos_ not in ("VERB", "AUX") and child.lower_ not in _PREPS:
                keep.append(child.i)
                stack.append(child)
    a, b = min(keep), max(keep) + 1
    doc = head.doc
    end = b  # never half a name: the French region of Île-de-France
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].pos_ not in ("VERB", "AUX") and doc[end].text != ",":
        end += 1
    if end > b and (end == len(doc) or doc[end].ent_iob_ != "I"):
        b = end
    while b > a + 1 and (doc[b - 1].is_punct or doc[b - 1].dep_ in ("cc", "case") or doc[b - 1].is_space):
        b -= 1
    while a < b - 1 and (doc[a].is_punct or doc[a].is_space):
        a += 1
    return a, b


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop punctuation (but not quotation marks, nor a bracket closing one opened inside: ``… in Europe (OSCE)``)
    and spaces at both ends of token range ``[a, b)``, and a conjunction left dangling at its end (``… of Russia’s
    intervention and`` where the parse hangs the next clause elsewhere)."""
    while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in _MARK_TOKENS)):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].dep_ == "cc"
                     or doc[b - 1].is_punct and doc[b - 1].text not in _MARK_TOKENS):
        close = doc[b - 1].text
        if close in _BRACKETS and doc[a:b - 1].text.count(_BRACKETS[close]) > doc[a:b - 1].text.count(close):
            break
        b -= 1
    return a, b


# ---------------------------------------------------------------- drafts


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    cue: Token | None
    speaker: tuple[int, int] | None
    claim: tuple[int, int]   # token range used by the attribution (content, cue and source)
    free: tuple[int, int] | None = None  # a part of ``claim`` left to other attributions (``…, adding that …``)
    label: str | None = None  # the cue when it is not a token's lemma (``according to``)
    name: str | None = None  # the speaker's name when it is not read off the speaker span (a transcript's label)


def _attribution_after(ix: _Index, i: int) -> tuple[Token, tuple[int, int] | None, int, int] | None:
    """A cue clause right after a closing mark at token ``i``: (cue, speaker range, end of its sentence, end of the
    cue clause)."""
    doc = ix.doc
    _, line_end = ix.line_of(i)
    j = i + 1
    while j < line_end and doc[j].text in (",", "-", "—", "–"):
        j += 1
    if j < line_end and doc[i - 1].text == "." and doc[j].is_title \
            and (doc[j].pos_ not in ("PROPN", "PRON", "DET", "NOUN") or doc[j].lower_ in _PRONOUNS):
        return None  # a new sentence: "….” To which she said, …", "….” He reassured reporters …"
    if j >= line_end or doc[i + 1].is_alpha and not _CLOSING_PUNCT.search(ix.text, max(0, doc[i].idx - 4),
                                                                          doc[i].idx + 1) \
            and not (_is_cue(doc[i + 1], ix.cues, ("any", "direct")) and i + 2 < line_end
                     and doc[i + 2].pos_ in ("PROPN", "DET")):  # "“…” says Feygin." without a comma
        return None
    end = _sentence_end(doc, j, line_end)
    if doc[i - 1].text in _SENT_END and _introduces(ix, j, end):
        return None  # "“We are not terrorists.” Mr. Zahed said: “The attack …”": his cue opens the next quote
    lead = doc[j].head if doc[j].dep_ in ("compound", "flat") else doc[j]
    said = lead.head  # "“…,” Trump, the frontrunner … after winning …, said.": however long the subject
    if lead.dep_ == "nsubj" and j < said.i < end and not ix.inside[said.i] and _speech_cue(ix, said) \
            and not any(c.dep_ in ("ccomp", "xcomp") and not ix.inside[c.i] for c in said.children):
        return said, _np(lead), end, _cue_clause_end(ix, said, end)
    verbs = 0
    for k in range(j, min(end, j + 30)):  # past 14 tokens only through a long subject (`X, the head of … at …, told`)
        if ix.inside[k]:
            continue
        if k >= j + 14 and verbs:
            break
        if _speech_cue(ix, doc[k]):
            verb = doc[k]
            if doc[i - 1].text in _SENT_END and any(c.dep_ == "ccomp" and c.i > verb.i and not ix.inside[c.i]
                                                    for c in verb.children):
                return None  # "….” Hassall made it clear that …": a new sentence reporting something else
            cut = _cue_clause_end(ix, verb, end)
            if _passive(verb):
                agent = _agent(verb)
                return verb, _np(agent) if agent is not None and agent.i < cut else None, end, cut
            subj = _subject(verb, ix.cues)
            if subj is not None and j <= subj.i < cut and not ix.inside[subj.i]:
                return verb, _np(subj), end, cut
            near = [t for t in doc[j:cut] if t.pos_ in ("PROPN", "PRON", "NOUN") and t.i != k and not ix.inside[t.i]]
            if near:  # the first noun before the cue (`Flynn, a top Trump surrogate, said`), else the nearest after it
                pick = near[0] if near[0].i < k else min(near, key=lambda t: abs(t.i - k))
                while pick.dep_ in ("poss", "compound") and j <= pick.head.i < k:  # "Obama's former strategist"
                    pick = pick.head
                return verb, _np(pick), end, cut
            return verb, None, end, cut
        verbs += doc[k].pos_ in ("VERB", "AUX")
    return _unlisted_cue(ix, i, j, end)


def _unlisted_cue(ix: _Index, i: int, j: int, end: int) -> tuple[Token, tuple[int, int], int, int] | None:
    """A verb not in the cue list that credits the quote closing at token ``i`` because the clause after it is
    nothing but a speaker and that verb, used without an object: ``“…,” an angry Hollande retaliated.``,
    ``"…," exhorted Clinton's introducer, actress Jamie Lee Curtis.``"""
    doc = ix.doc
    if doc[i - 1].text not in (",", "?", "!") or end - j > 12:
        return None
    first = doc[j]
    if first.pos_ == "VERB" and first.tag_ in ("VBD", "VBZ"):  # inverted: the parser may take the speaker for an object
        after = [c for c in first.children if c.i > j and not c.is_punct]
        if len(after) == 1 and after[0].dep_ in ("nsubj", "dobj") and after[0].pos_ in ("NOUN", "PROPN") \
                and all(t.is_punct for t in doc[after[0].right_edge.i + 1:end + 1]):
            return first, _np(after[0]), end, end
    for verb in doc[j:min(end, j + 8)]:
        subj = _subject(verb, ix.cues) if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") else None
        if subj is None or not j <= subj.i < end or subj.lower_ in _RELATIVES or ix.inside[verb.i] or any(
                (c.dep_ in _COMPLEMENTS or c.dep_ == "agent") and not ix.inside[c.i] for c in verb.children):
            continue
        a, b = _np(subj)
        rest = [t for t in doc[j:end] if not (a <= t.i < b or t.i == verb.i or t.is_punct or t.head.i == verb.i
                                              and t.dep_ in ("advmod", "prep", "npadvmod") or t.head.dep_ == "prep")]
        if not rest:
            return verb, (a, b), end, end
    return None


def _introduces(ix: _Index, j: int, end: int) -> bool:
    """Whether tokens ``j:end`` hold a colon right before an opening quotation mark."""
    doc = ix.doc
    for colon in (t.i for t in doc[j:end] if t.text == ":" and not ix.inside[t.i]):
        k = colon + 1
        while k < len(doc) and doc[k].is_space:
            k += 1
        if k < len(doc) and ix.inside[k]:
            return True
    return False


def _adjunct(verb: Token, tail: Span) -> bool:
    """Whether ``tail`` is one comma-fenced participle phrase on ``verb`` (``Beck joked, again using an exaggerated
    Southern accent, “…”``)."""
    if len(tail) < 2 or len(tail) > 12 or tail[0].text != ",":
        return False
    part = next((c for c in verb.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and c.i > tail[0].i), None)
    return part is not None and part.left_edge.i == tail[1].i and part.right_edge.i == tail[-1].i


def _noun_before(verb: Token, a: int) -> tuple[int, int] | None:
    """The noun phrase right before a cue verb the parser left without a subject (``the former permanent secretary at
    the Ministry of Defence said: “…”``): from the last noun before it up through prepositions to the noun they
    modify, stopping at a person's name."""
    doc = verb.doc
    k = verb.i - 1
    while k >= a and doc[k].pos_ in ("ADV", "PUNCT", "AUX", "PART"):
        k -= 1
    if k < a or doc[k].pos_ not in ("PROPN", "NOUN"):
        return None
    tok = doc[k]
    while tok.ent_type_ != "PERSON" and tok.dep_ in ("pobj", "compound") and tok.head.i >= a:
        tok = tok.head.head if tok.head.dep_ == "prep" and tok.head.head.i >= a else tok.head
        if tok.pos_ not in ("PROPN", "NOUN"):
            return None
    return _np(tok)


def _cue_clause_end(ix: _Index, verb: Token, end: int) -> int:
    """Where the cue clause of ``verb`` ends: before a further cue verb with unquoted content of its own
    (``"…," he said, adding that "…"`` leaves ``adding that …`` to be a quote of its own), else ``end``."""
    doc = ix.doc
    for c in verb.children:
        if not (verb.i < c.i < end and c.dep_ in ("advcl", "conj", "xcomp")):
            continue
        chain = [c] + [g for g in c.children if g.dep_ == "xcomp"]  # "…, going on to say that …"
        if any(_is_cue(v, ix.cues, ("any", "object")) and any(
                g.dep_ == "ccomp" and not ix.inside[g.left_edge.i] for g in v.children) for v in chain):
            k = c.left_edge.i
            while k > verb.i + 1 and (doc[k - 1].is_punct or doc[k - 1].dep_ == "cc"):
                k -= 1
            return k
    return end


def _sentence_end(doc: Doc, j: int, line_end: int) -> int:
    """The first token at or after ``j`` that ends a sentence (``.``, ``!``, ``?`` before a capital or a mark)."""
    end = j
    while end < line_end:
        tok = doc[end]
        if tok.text in _SENT_END and (end + 1 == line_end or (tok.whitespace_ and not doc[end + 1].is_lower)):
            return end
        end += 1
    return end


def _ends_sentence(ix: _Index, e: int) -> bool:
    """True when only punctuation follows the quote ending at char ``e`` up to its line or sentence end."""
    text = ix.text
    stop = _TRAIL.match(text, e).end()
    gap = text[e:stop]
    return stop == len(text) or text[stop] == "\n" or ("." in gap or "!" in gap or "?" in gap) \
        or text[stop] in _OPENERS + '"' or text.startswith("''", stop)


def _attribution_before(ix: _Index, i: int, e: int) -> tuple[Token | None, tuple[int, int] | None, int, bool] | None:
    """A clause introducing the quote that opens at token ``i`` and ends at char ``e``: (cue, speaker, window start,
    whether the cue is a listed cue verb).

    The clause ends in ``:`` or ``,`` right before the quote (``He told reporters: "…"``, ``Lavrov said, "…"``,
    ``Peskov: "…"``), or in ``:`` at the end of the previous paragraph (``He said:`` / new paragraph ``"…"``);
    a listed cue verb may also take the quote as its object (``protesters chanted "What curfew?"``). A colon
    clause without a listed cue credits its verb's subject (``McCaskill scolded him: "…"``) when the quote ends
    its sentence.
    """
    doc = ix.doc
    line_start, _ = ix.line_of(i)
    stop = i
    while stop > line_start and doc[stop - 1].is_space:  # ``McDonald:  “…”``: a run of spaces is a token
        stop -= 1
    if line_start == stop:  # the quote opens its paragraph: a colon ending the previous paragraph introduces it
        stop = i - 1
        while stop >= 0 and (doc[stop].is_space or not doc[stop].text.strip()):
            stop -= 1
        if stop < 0 or doc[stop].text != ":":
            return None
        stop += 1
        line_start, _ = ix.line_of(stop - 1)
    a = max(doc[stop - 1].sent.start, line_start) if stop > 0 else 0
    for k in range(stop - 1, a - 1, -1):
        if ix.inside[k] or doc[k].text in _SENT_END:
            a = k + 1
            break
    window = doc[a:stop]
    if not window:
        return None
    ends = _ends_sentence(ix, e) or _STOP_INSIDE.search(ix.text, max(0, e - 4), e) is not None
    if window[-1].text not in (":", ","):
        verb = window[-1]
        clause = ix.text[doc[i].idx + len(doc[i])].isupper() or any(  # a sentence, or a clause with its subject
            t.dep_ in ("nsubj", "nsubjpass") for t in doc[i:ix.tok(e - 1)])
        closed = ends or re.search(r",[\"'’”»›]+$", ix.text[max(0, e - 4):e]) is not None  # ``said “…,” before …``
        if closed and clause and _is_cue(verb, ix.cues, ("any", "direct")) \
                and (subj := _subject(verb, ix.cues)) is not None:
            return verb, _np(subj), a, True
        return None
    verbs = [t for t in window if _speech_cue(ix, t)]
    tail = doc[verbs[-1].i + 1:stop - 1] if verbs else window
    if verbs and (not any(t.pos_ in ("VERB", "AUX", "SCONJ") or t.lower_ == "that" for t in tail) and (
            len(tail) <= 6 or len(tail) <= 12 and all(t.pos_ in _NAME_POS for t in tail))  # "told … host Matt Boyle,"
                  or _adjunct(verbs[-1], tail)):
        verb = verbs[-1]
        if _passive(verb):
            agent = _agent(verb)
            return verb, _np(agent) if agent is not None else None, a, True
        subj = _subject(verb, ix.cues)
        if subj is None:  # "Said Ellis: “…”": the name after the cue (the parse hangs the quote on it)
            name = next((t for t in tail if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if name is None:
                return verb, _noun_before(verb, a), a, True
            b = name.i + 1
            while b < tail.end and doc[b].pos_ == "PROPN":
                b += 1
            return verb, (name.i, b), a, True
        return verb, _np(subj), a, True
    if window[-1].text != ":":
        return None
    if (name := _colon_name(window)) is not None:
        return None, name, a, False
    if not ends and _attribution_after(ix, ix.tok(e - 1)) is None:
        return None
    for verb in reversed(window):
        if verb.pos_ == "VERB" and (subj := _subject(verb, ix.cues)) is not None:
            if any(_is_cue(h, ix.cues, ("any",)) for h in verb.ancestors if a <= h.i < stop) \
                    and _attribution_after(ix, ix.tok(e - 1)) is None:
                return None  # "Malyar said the country had … and there was no path …: “…”": the cue's content
            if subj.i >= a and subj.lower_ not in ("there", "it", "this", "that"):
                return verb, _np(subj), a, False
            return None
    return None


def _colon_name(window: Span) -> tuple[int, int] | None:
    """The name ending ``window`` before its colon (``Peskov:``; ``… IN OTHER STATES - Michael P. McDonald:``, after
    a spaced dash when the whole clause is too long): its token range, or None. Not an object (``Cruz called them on
    it:``); the parse may hang the quote on the name, so the range stops before the colon."""
    doc = window.doc
    parts = [window]
    dashes = [t.i for t in window[1:-1] if t.text in _DASHES and t.whitespace_ and doc[t.i - 1].whitespace_]
    if dashes:
        parts.append(doc[dashes[-1] + 1:window.end])
    for part in parts:
        if len(part) <= 6 or (len(part) <= 9 and not any(t.pos_ in ("VERB", "AUX") for t in part)):
            heads = [t for t in part if t.pos_ in ("PROPN", "PRON") and t.dep_ not in ("dobj", "pobj", "dative")]
            if heads:
                np_a, np_b = _np(heads[-1])
                return max(np_a, part.start), min(np_b, window.end - 1)
    return None


def _direct(ix: _Index) -> list[_Draft]:
    """Direct quotes: quoted spans that open a sentence (or follow a cue clause) and have an attribution."""
    doc, text = ix.doc, ix.text
    drafts: list[_Draft] = []
    k = 0
    while k < len(ix.spans):
        s, e = ix.spans[k]
        k += 1
        ts, te = ix.tok(s), ix.tok(e - 1)
        line_start, _ = ix.line_of(ts)
        sent_start = max(doc[ts].sent.start, line_start)
        lead = text[doc[sent_start].idx:s].strip()
        before = _attribution_before(ix, ts, e)
        short_lead = bool(lead) and before is None and ts - sent_start <= 3 and not any(
            t.pos_ in ("VERB", "AUX") for t in doc[sent_start:ts])
        if lead and before is None and not short_lead and not (lead.endswith(":") and doc[te - 1].text == ","):
            continue  # inside a sentence; one opens after a colon (``the most obvious change of all: "…," exhorted X``)
        after = _attribution_after(ix, te)
        free, gaps = None, []
        if before is not None and (before[3] or after is None):
            cue, speaker, claim_a, _ = before
            claim = (claim_a, after[3] if _said_again(ix, te, speaker, after) else te + 1)
            if (fronted := _fronted(ix, claim_a, cue, speaker, s, e)) is not None:
                drafts.append(_Draft(fronted[0], e, _kind(ix, fronted[0], e, [(fronted[1], s)]), cue, speaker,
                                     claim, free))
                continue
        elif after is not None:
            cue, speaker, claim_b, cut = after
            free = (cut, claim_b) if cut < claim_b else None
            parts = [(s, e)]
            while True:
                n = k  # titles quoted inside the cue clause (`said on Fox News’s “Fox and Friends.”`) are passed over
                while n < len(ix.spans) and _embedded(ix, ix.spans[n], te, claim_b):
                    n += 1
                if n >= len(ix.spans) or not _continues(ix, ix.spans[n], te, claim_b, cue):
                    break
                parts.append(ix.spans[n])
                claim_b = max(claim_b, ix.tok(ix.spans[n][1] - 1) + 1)
                k = n + 1
            claim = (sent_start if short_lead else ts, claim_b)
            if len(parts) > 1 and _words(text, parts[0][1], parts[-1][0]) > sum(_words(text, *p) for p in parts):
                # "A," said X, a lawyer at … who represents … . "B.": the parts, not the long middle
                drafts.append(_Draft(s, e, "direct", cue, speaker, claim, free))
                drafts.extend(_Draft(ps, pe, "direct", cue, speaker, (ix.tok(ps), ix.tok(pe - 1) + 1))
                              for ps, pe in parts[1:])
                continue
            e = parts[-1][1]
            gaps = [(a[1], b[0]) for a, b in zip(parts, parts[1:])]  # the cue clause between the parts
        elif not lead and (byline := _dash_speaker(ix, e)) is not None:
            cue, speaker, claim = None, byline, (ts, byline[1])
        elif not lead and (signed := _signed(ix, e)) is not None:
            cue, speaker, claim = None, signed, (ts, signed[1])
        elif not lead and drafts and _follows(ix, drafts[-1], s, e):
            prev = drafts[-1]
            if _goes_on(ix, prev, s, e):
                drafts[-1] = _Draft(prev.start, e, "direct", prev.cue, prev.speaker, (prev.claim[0], te + 1),
                                    prev.free, prev.label)
                continue
            cue, speaker, claim = prev.cue, prev.speaker, (ts, te + 1)
        else:
            continue
        if short_lead:
            s = doc[sent_start].idx
        drafts.append(_Draft(s, e, _kind(ix, s, e, gaps) if short_lead else "direct", cue, speaker, claim, free))
    return drafts


def _said_again(ix: _Index, te: int, speaker: tuple[int, int] | None,
                after: tuple[Token, tuple[int, int] | None, int, int] | None) -> bool:
    """Whether the cue clause ``after`` the quote closing at token ``te`` credits the speaker the clause before it
    named (``Obama said: "A. / "B," Obama said.``): a cue clause right after ``,"``, without content of its own,
    naming the same person or he/she; it is then no attribution of its own."""
    if after is None or after[1] is None or speaker is None or ix.doc[te - 1].text != ",":
        return False
    said, (a, b) = after[0], after[1]
    doc = ix.doc
    return said.i - te <= 4 and not any(c.dep_ in _COMPLEMENTS and not ix.inside[c.i] for c in said.children) and (
        doc[b - 1].lower_ == doc[speaker[1] - 1].lower_ or b - a == 1 and doc[a].lower_ in _PRONOUNS)


def _fronted(ix: _Index, a: int, cue: Token | None, speaker: tuple[int, int] | None,
             s: int, e: int) -> tuple[int, int] | None:
    """``The streets were deserted, he added, “but people need to connect somehow.”``: a quote going on with words
    its clause began before a cue clause set off by commas (the quote opens in lower case and ends at char ``e``,
    with its sentence). Returns the char start of those words (the sentence start, token ``a``, or the last clause
    joined by ``, and`` or ``, which`` before them) and the char start of the cue clause, else None."""
    doc, text = ix.doc, ix.text
    if cue is None or speaker is None or not text[s:s + 3].lstrip("'\"“‘«„")[:1].islower():
        return None
    start, quote = min(speaker[0], cue.i), ix.tok(s)
    if start - 1 <= a or doc[start - 1].text != "," or doc[quote - 1].text != "," or not (
            _ends_sentence(ix, e) or _STOP_INSIDE.search(text, max(0, e - 4), e) is not None):
        return None
    while a < start - 1 and doc[a].is_punct:
        a += 1
    for t in doc[a + 1:start - 1]:
        if doc[t.i - 1].text == "," and (t.pos_ == "CCONJ" or t.lower_ in _RELATIVES):
            a = t.i + (t.pos_ == "CCONJ")
    if not any(t.pos_ not in ("CCONJ", "PUNCT", "SPACE") for t in doc[a:start - 1]):
        return None
    return doc[a].idx, doc[start - 1].idx


def _words(text: str, a: int, b: int) -> int:
    """Number of words in ``text[a:b]``."""
    return len(_WORD.findall(text, a, b))


def _dash_speaker(ix: _Index, e: int) -> tuple[int, int] | None:
    """``“…” ― Name`` (a dash and a short proper name closing the line): the name's token range."""
    m = _DASH_NAME.match(ix.text, e)
    return None if m is None else _proper_name(ix, m.start(1), m.end(1))


def _proper_name(ix: _Index, start: int, end: int) -> tuple[int, int] | None:
    """The token range of chars ``start:end`` when it holds a proper noun, else None."""
    a, b = ix.tok(start), ix.tok(end - 1) + 1
    return (a, b) if any(t.pos_ == "PROPN" for t in ix.doc[a:b]) else None


def _signed(ix: _Index, e: int) -> tuple[int, int] | None:
    """A pull quote signed on its last line, inside the marks (``"I worry that … tax cuts.`` / ``Dean Baker, Center
    for Economic and Policy Research."``): the name's token range when the quote ending at ``e`` was left open at its
    line end and the next line is a short proper name, a description after a comma, and the closing mark."""
    text = ix.text
    if text[e - 1] in "\"'’”»›" or (m := _SIGNATURE.match(text, e)) is None or _words(text, *m.span(2)) > 12:
        return None
    return _proper_name(ix, m.start(1), m.end(1))


def _follows(ix: _Index, prev: _Draft, s: int, e: int) -> bool:
    """Whether the quote ``s:e`` is a whole paragraph right after the paragraph of quote ``prev`` (same speaker)."""
    doc, text = ix.doc, ix.text
    last = doc[prev.claim[1] - 1]
    gap = text[last.idx + len(last):s]
    return gap.count("\n") >= 1 and _GAP.fullmatch(gap) is not None and (
        e == len(text) or text[e:e + 1] == "\n" or not _line_rest(text, e).strip(_SPACES + ".,"))


def _goes_on(ix: _Index, prev: _Draft, s: int, e: int) -> bool:
    """Whether the quoted paragraph ``s:e`` goes on with direct quote ``prev`` as one quote: ``prev`` is credited by
    a cue clause after its quoted words that ends the paragraph before (``“A,” Carson continued.`` / ``“B.”``), and
    the cue clause between has fewer words than the quotes (else they stay two quotes of the same speaker)."""
    text = ix.text
    if prev.kind != "direct" or prev.cue is None or prev.cue.idx < prev.end:
        return False
    return _words(text, prev.end, s) <= _words(text, prev.start, prev.end) + _words(text, s, e)


def _embedded(ix: _Index, span: tuple[int, int], close: int, window_end: int) -> bool:
    """Whether quote ``span`` is a short quoted name inside the cue clause running from token ``close`` to
    ``window_end``: it follows a word, not a comma, colon or full stop (``said on Fox News’s “Fox and Friends.”``)."""
    doc, text = ix.doc, ix.text
    first = ix.tok(span[0])
    return close < first < window_end and "\n" not in text[doc[close].idx:span[0]] \
        and not doc[first - 1].is_punct and _words(text, *span) <= 6


def _continues(ix: _Index, span: tuple[int, int], close: int, window_end: int,
               verb: Token | None = None) -> bool:
    """Whether quote ``span`` continues a quote whose cue clause (cue ``verb``) runs from token ``close`` to
    ``window_end``.

    It does when it follows on the same line, is a whole sentence (or ends the cue's sentence) and has no cue
    clause of its own: ``"A," he said, "B."``, ``"A," he said, but "B."`` and ``"A," he said. "B."``. A second cue
    verb before it in the same sentence makes it a quote of its own (``"A," Trump said, adding later, "B."``).
    """
    doc, text = ix.doc, ix.text
    ns, ne = span
    first = ix.tok(ns)
    if first <= close or "\n" in text[doc[close].idx:ns] or not (
            _ends_sentence(ix, ne) or _STOP_INSIDE.search(text, max(0, ne - 4), ne) is not None):
        return False
    if first < window_end:
        if any((verb is None or t.i != verb.i) and not ix.inside[t.i] and _is_cue(t, ix.cues, ("any", "direct"))
               for t in doc[close + 1:first]):
            return False
        prev = doc[first - 1]
        return prev.text in (",", ":", ".") or (prev.lower_ in ("but", "and") and doc[first - 2].text == ",") or (
            ix.inside[prev.i] and _STOP_INSIDE.search(text, max(0, prev.idx - 3), prev.idx + len(prev)) is not None)
    if any((verb is None or t.i != verb.i) and not ix.inside[t.i] and _is_cue(t, ix.cues, ("any",))
           and any(c.dep_ == "ccomp" and not ix.inside[c.i] and any(m.lower_ == "that" for m in c.children)
                   for c in t.children) for t in doc[close + 1:window_end]):
        return False  # "“A,” he said, adding that he hasn’t spoken to them. “B.”": B goes with what he added
    gap = text[doc[window_end - 1].idx + len(doc[window_end - 1]):ns]
    return _RESUME.fullmatch(gap) is not None and _attribution_after(ix, ix.tok(ne - 1)) is None


def _kind(ix: _Index, start: int, end: int, gaps: Iterable[tuple[int, int]] = ()) -> str:
    """``direct`` when ≥ 90 % of the letters and digits lie inside quotation marks, ``mixed`` when some do; the
    ``gaps`` (a cue clause between the parts of the quote) are not counted."""
    text, starts = ix.text, ix.span_starts
    total = sum(1 for pos in range(start, end) if text[pos].isalnum()) \
        - sum(1 for a, b in gaps for pos in range(a, b) if text[pos].isalnum())
    inside = 0
    for s, e in ix.spans[max(0, bisect.bisect_right(starts, start) - 1):bisect.bisect_left(starts, end)]:
        inside += sum(1 for pos in range(max(s, start), min(e, end)) if text[pos].isalnum())
    if total and inside >= 0.9 * total:
        return "direct"
    return "mixed" if inside else "indirect"


def _according(ix: _Index, tok: Token) -> _Draft | None:
    """``according to X``: source X, content the rest of the sentence."""
    doc = ix.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
    if not objs:
        return None
    src = _np(objs[0])
    sent = tok.sent
    a0, b0 = ix.line_of(tok.i)
    a, b = max(sent.start, a0), min(sent.end, b0)
    left, right = _trim(doc, a, tok.i), _trim(doc, src[1], b)
    ca, cb = left if left[1] - left[0] >= right[1] - right[0] else right
    if cb - ca < 3:
        return None
    return _Draft(doc[ca].idx, doc[cb - 1].idx + len(doc[cb - 1]), "", None, src, (a, b), label="according to")


def _indirect(ix: _Index, claimed: list[tuple[int, int]]) -> list[_Draft]:
    """Indirect and mixed quotes: the clausal complement of a cue verb, or a sentence with ``according to``."""
    doc, cues = ix.doc, ix.cues
    taken = [False] * len(doc)
    for a, b in claimed:
        for i in range(a, b):
            taken[i] = True
    drafts: list[_Draft] = []
    for tok in doc:
        if taken[tok.i] or ix.inside[tok.i]:
            continue
        draft = _according(ix, tok)
        scope = cues.get(_cue_lemma(tok, cues) or "") if draft is None and _verbal(tok) else None
        if scope in ("any", "object", "both"):
            draft = _complement(ix, tok, scope)
        if draft is None and tok.pos_ == "NOUN" and cues.get(tok.lemma_.lower()) in ("noun", "any", "object", "both"):
            draft = _nominal(tok, cues)
        if draft is not None:
            drafts.append(draft)
    covering: dict[int, list[int]] = {}  # token -> drafts whose content holds it
    for n, d in enumerate(drafts):
        lo, hi = _content_tokens(ix, d)
        for i in range(lo, hi):
            covering.setdefault(i, []).append(n)
    reporting = {n for n, d in enumerate(drafts) if d.cue is not None and d.cue.lemma_.lower() == "report"}
    dropped: set[int] = set()  # "Lavrov said …, Reuters reports": the outlet reporting is a source, not the speaker
    for n, d in enumerate(drafts):
        outer = [m for m in covering.get(_cue_index(d), ()) if m != n]
        if outer and d.speaker is not None and n not in reporting and all(m in reporting for m in outer):
            dropped.update(outer)
    out = []
    for n, d in enumerate(drafts):
        if n in dropped or any(m != n and m not in dropped for m in covering.get(_cue_index(d), ())):
            continue
        d.end = _colon_quote(ix, _close_quote(ix, d.start, d.end), taken)
        if d.cue is not None and _cue_scope(d.cue, cues) == "object":
            d.end = _adjunct_cut(ix, d.start, d.end)
        d.end = _aside_cut(ix, d.start, d.end)
        d.kind = _kind(ix, d.start, d.end)
        out.append(d)
    return out


_COLON = re.compile(r"[^\S\n]*:[^\S\n]*")


def _colon_quote(ix: _Index, end: int, taken: list[bool]) -> int:
    """``end`` moved to the end of a quote after a colon that no direct attribution has taken (``Clinton said she has
    the essential quality for the job of president: "Steadiness …."``: the quote is part of what she said)."""
    m = _COLON.match(ix.text, end)
    if m is None:
        return end
    k = bisect.bisect_left(ix.span_starts, m.end())
    if k < len(ix.spans) and ix.spans[k][0] == m.end() and not taken[ix.tok(m.end())]:
        return ix.spans[k][1]
    return end


def _close_quote(ix: _Index, start: int, end: int) -> int:
    """``end`` moved past the closing mark of a quote it stops inside: one it stops just short of (only punctuation
    left), or one that opens inside the content ``start:end`` (``Trump told Fox that "they hit Matt …. ... What …."``:
    the parser's sentence break inside the quote does not end what the speaker said)."""
    k = bisect.bisect_right(ix.span_starts, end - 1) - 1
    if k >= 0 and ix.spans[k][0] < end < ix.spans[k][1] and (
            start <= ix.spans[k][0] or not ix.text[end:ix.spans[k][1]].strip(_QUOTE_PUNCT)):
        return ix.spans[k][1]
    return end


def _adjunct_cut(ix: _Index, start: int, end: int) -> int:
    """``end`` moved back to the closing mark of the last quote in ``start:end`` when only a time or place adjunct
    follows it (``criticized the Affordable Care Act as a “crazy system” during a campaign stop in Flint``,
    ``blasted Clinton as a “disgrace” Wednesday on The Laura Ingraham Show``)."""
    k = bisect.bisect_left(ix.span_starts, end) - 1
    if k < 0 or ix.spans[k][0] < start or ix.spans[k][1] >= end:
        return end
    close = ix.spans[k][1]
    rest = ix.doc[ix.tok(close):ix.tok(end - 1) + 1]
    first = next((t for t in rest if not t.is_punct and not t.is_space), None)
    if first is None or not (first.ent_type_ in ("DATE", "TIME") or first.lower_ in _ADJUNCT_PREPS or first.text in "—–"):
        return end
    quoted = ix.doc[ix.tok(ix.spans[k][0]):ix.tok(close - 1) + 1]
    if any(t.head.i >= rest.start for t in quoted):
        return end  # the quote modifies what follows it: a “very critical” few weeks
    return close


def _aside_cut(ix: _Index, start: int, end: int) -> int:
    """``end`` moved back before a comment the writer adds at the end of a paraphrase: a relative clause or an
    appositive set off by a comma or dash that runs to the end (``he would quarantine people over fears of the Zika
    virus, which is spread primarily by mosquitoes``, ``the person would “not get beat up” at his rally, a swipe at
    …``). The relative clause is in the present tense (reported speech backshifts what the speaker said: ``…,
    which was the equivalent of sacking every doctor``); not inside quotation marks, nor when quoted words follow
    (``Jeb Bush, who ended his bid …, as “a man who …”``: the parser hung the quote on the clause) or the tail
    holds a conjunction (a list: ``…, three Foreign Office officials, a QC, Christopher Greenwood and …``)."""
    doc = ix.doc
    a, last = ix.tok(start), ix.tok(end - 1)
    for k in range(a + 2, last):
        tok = doc[k]
        if ix.inside[k] or doc[k - 1].text not in (",", "—", "–") or ix.inside[k - 1]:
            continue
        head = tok.head if tok.lower_ in _RELATIVES | {"whose", "where"} and tok.dep_ != "det" \
            and tok.head.dep_ == "relcl" and tok.head.tag_ in ("VBZ", "VBP") else \
            tok.head if tok.lower_ in ("a", "an") and tok.head.dep_ == "appos" else None
        if head is not None and head.right_edge.i >= last - 1 and tok.i == head.left_edge.i \
                and not any(ix.inside[k:last + 1]) and not any(t.dep_ == "cc" for t in doc[k:last + 1]):
            cut = _trim(doc, a, k - 1)[1]
            return doc[cut - 1].idx + len(doc[cut - 1]) if cut > a else end
    return end


def _cue_index(d: _Draft) -> int:
    return d.cue.i if d.cue is not None else d.claim[0]


def _content_tokens(ix: _Index, d: _Draft) -> tuple[int, int]:
    return ix.tok(d.start), ix.tok(d.end - 1) + 1


def _clause_start(verb: Token) -> int:
    """First token of ``verb``'s subtree that is not punctuation (spaCy often hangs the comma before on the verb)."""
    i = verb.left_edge.i
    while i < verb.i and verb.doc[i].is_punct:
        i += 1
    return i


def _is_trailing(verb: Token) -> bool:
    """``…, officials said (on Monday).`` or ``A, X said, B``: a cue clause after a comma, with its own subject
    and no complement."""
    doc = verb.doc
    start = _clause_start(verb)
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    after = verb.head.i < verb.i or (verb.dep_ == "parataxis" and verb.right_edge.i + 1 < len(doc)
                                      and doc[verb.right_edge.i].text == ",")
    return (verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and after and bool(subj)
            and start > 0 and doc[start - 1].text == ","
            and not any(c.dep_ in _COMPLEMENTS for c in verb.children))


def _quoted_clause(verb: Token) -> bool:
    """Whether the clause of ``verb`` opens with a quotation mark, after a ``that`` (``and that “we expect …``)."""
    doc, k = verb.doc, verb.left_edge.i
    if doc[k].lower_ == "that" and doc[k].dep_ == "mark" and k + 1 < len(doc):
        k += 1
    return doc[k].text in _OPENING_MARKS


def _cut_at_cue_conj(head: Token, b: int, cues: dict[str, str]) -> int:
    """End content before a coordinated cue verb with content of its own (``X promised … and said …``, ``X said A,
    while Y insisted B``), not before a quoted clause (``saying it was a “theatrical gesture” and “they probably
    wanted another …”``, ``said that A and that “we expect …”``)."""
    doc = head.doc
    for c in head.children:
        contrast = c.dep_ == "advcl" and {"nsubj", "ccomp"} <= {m.dep_ for m in c.children} and any(
            m.dep_ == "mark" and m.lower_ in ("while", "whereas") for m in c.children)  # ", while Y insisted (that) B"
        if (c.dep_ == "conj" or contrast) and c.i > head.i and c.i < b and _is_cue(c, cues, ("any", "object")) \
                and not _quoted_clause(c):
            k = c.left_edge.i
            while k > head.i + 1 and (doc[k - 1].dep_ == "cc" or doc[k - 1].is_punct or doc[k - 1].is_space):
                k -= 1
            return min(b, k)
    return b


def _complement(ix: _Index, verb: Token, scope: str = "any") -> _Draft | None:
    """The content governed by cue ``verb``, with the verb's subject as speaker.

    ``X said (that) …``: the ccomp; ``…, X said(, …)``: the rest of the sentence around a trailing or parenthetical
    cue clause; ``X urged Y to …``, ``X plans to …``: object and infinitive; with scope ``object`` cues also the
    object itself (``X called the plan “a disaster”``, ``X called for …``, ``X cited …``).
    """
    doc = ix.doc
    comps = _clauses(verb, ix.cues)
    stop = len(doc)
    if len(comps) > 1 and _coordinated_cue(comps[-1], ix.cues):  # "demanded that A and President Putin warned that B"
        stop = _np(doc[comps[-1].i - 1])[0]
        while stop > verb.i and (doc[stop - 1].dep_ == "cc" or doc[stop - 1].is_punct):
            stop -= 1
        comps = comps[:-1]
    if comps:
        after = [c for c in comps if c.i > verb.i]  # "believe that A, that B": both clauses
        comp = after[-1] if after else comps[0]
        first = after[0] if after else comp
        a, b = _trim(doc, first.left_edge.i, min(stop, _cut_at_cue_conj(comp, comp.right_edge.i + 1, ix.cues)))
        for c in verb.children:  # "said A, but that B": B is the cue's content too
            if c.dep_ == "conj" and c.left_edge.i >= b and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark":
                b = _trim(doc, a, c.right_edge.i + 1)[1]
        around = b <= verb.i and (b := _parenthetical_end(ix, verb, b)) > verb.i
    elif _is_trailing(verb):
        line_start, _ = ix.line_of(verb.i)
        a, b = _trim(doc, max(verb.sent.start, line_start), _clause_start(verb))
        around = (b := _parenthetical_end(ix, verb, b)) > verb.i
    elif (span := _object_span(verb, scope, ix.cues)) is not None:
        (a, b), around = span, False
    elif scope in ("any", "both") and (obj := _clause_object(verb)) is not None:
        (a, b), around = _trim(doc, obj.left_edge.i, obj.right_edge.i + 1), False
    else:
        return None
    if b - a < 2 or (a <= verb.i < b and not around):
        return None
    subj = _agent(verb) if _passive(verb) else _subject(verb, ix.cues)
    if subj is None and verb.dep_ == "ccomp" and _coordinated_cue(verb, ix.cues):
        subj = verb.doc[verb.i - 1]  # its subject, which the parser joined to the clause before
    speaker = _np(subj) if subj is not None else None
    lo = min(a, verb.i, speaker[0] if speaker else a)
    hi = max(b, verb.i + 1, speaker[1] if speaker else b)
    return _Draft(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), "", verb, speaker, (lo, hi))


def _coordinated_cue(comp: Token, cues: dict[str, str]) -> bool:
    """Whether clause ``comp``, which the parser hung on a cue as a second complement, is a cue clause of its own
    coordinated with the first: a finite cue verb with content, no ``that`` of its own, right after a name the
    parser joined to the clause before (``… cut their presence in eastern Europe and President Vladimir Putin
    warned on Tuesday that …``)."""
    doc = comp.doc
    prev = doc[comp.i - 1] if comp.i > 0 else None
    return (comp.tag_ in ("VBD", "VBZ") and _is_cue(comp, cues, ("any",)) and prev is not None
            and prev.pos_ == "PROPN" and prev.dep_ == "conj" and not any(c.dep_ in ("mark", "nsubj")
                                                                           for c in comp.children)
            and any(c.dep_ == "ccomp" for c in comp.children))


def _clause_object(verb: Token) -> Token | None:
    """An object of ``verb`` that the parser made of a clause's subject: ``said the emails “raise questions …”`` (the
    finite verb hangs on the noun as a clause of it with no subject of its own, not a relative clause)."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.i > verb.i and any(
                c.dep_ in ("acl", "relcl") and c.i > obj.i and c.tag_ in ("VBP", "VBZ", "VBD", "MD")
                and not any(g.lower_ in _RELATIVES or g.dep_ in ("nsubj", "nsubjpass") for g in c.children if g.i < c.i)
                for c in obj.children):
            return obj
    return None


def _nominal(noun: Token, cues: dict[str, str]) -> _Draft | None:
    """A cue noun with its clause: ``his claim that …``, ``Trump's promise to …``, ``a statement that …``.

    The content is a ``that`` clause, or a ``to`` infinitive when the noun has an owner (``his plan to …``; without
    one, ``the first state to …`` is no statement). The speaker is the owner, else the subject of the verb the noun
    is the object of (``the union repeated its warning that …``, ``she said in a statement that …``).
    """
    doc = noun.doc
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    for clause in noun.children:
        if clause.i < noun.i or clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        that = clause.left_edge.lower_ == "that" and clause.left_edge.dep_ in ("mark", "dobj", "nsubj") and \
            clause.left_edge.i == noun.i + 1
        if not that and not (owner is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)):
            continue
        a, b = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        if b - a < 3:
            return None
        source = owner
        if source is None and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            source = _subject(noun.head, cues) if noun.dep_ == "dobj" else None
        elif source is None and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and _is_cue(
                noun.head.head, cues, ("any",)):
            source = _subject(noun.head.head, cues)  # "she said in a statement that …"
        speaker = _np(source) if source is not None else None
        lo = min(noun.i, speaker[0]) if speaker else noun.i
        return _Draft(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), "", noun, speaker, (lo, b))
    return None


def _parenthetical_end(ix: _Index, verb: Token, b: int) -> int:
    """End of the content of a cue clause set off by commas mid-sentence (``A, X said, B.``): the sentence end.

    ``b`` (content ending before the cue clause) is returned when the clause ends its sentence.
    """
    doc = ix.doc
    _, line_end = ix.line_of(verb.i)
    end = min(verb.sent.end, line_end)
    k = verb.i + 1
    while k < end and doc[k].text != "," and doc[k].text not in _SENT_END and not ix.inside[k] \
            and doc[k].pos_ not in ("VERB", "AUX"):
        k += 1
    if k >= end or doc[k].text != ",":
        return b
    tail = _trim(doc, k + 1, end)
    if tail[1] - tail[0] < 3 or any(_is_cue(t, ix.cues, ("any",)) and not ix.inside[t.i]
                                    for t in doc[tail[0]:tail[1]]):
        return b
    first = doc[tail[0]]
    if first.head.i == verb.i and (first.dep_ == "advcl" or first.dep_ == "prep" and first.lower_ in _LEAD_PREPS):
        return b  # "…, she said, without naming any measures": an adjunct of the cue, not what she said
    return tail[1]


_OBJECTS = {"dobj", "dative", "oprd", "xcomp"}
_TOPIC_PREPS = {"about", "of", "over", "against"}
_ADJUNCT_PREPS = {"during", "at", "in", "on", "after", "before", "while", "when"}  # time and place
_OBJECT_PREPS = {"for", "of", "about", "as", "against", "over", "on"}
_LEAD_PREPS = _ADJUNCT_PREPS | {"without"}  # open an adjunct of a cue after its clause (not "including", "than")


def _infinitive_clause(kids: list[Token]) -> Token | None:
    """An infinitive the parser hung on the cue as an adverbial clause right after its object (``tells his
    supporters at a rally to “go …”``) or a day it took for one (``promised Sunday at a rally to end …``): the
    cue's content, not a purpose clause of its own."""
    objs = [c for c in kids if c.dep_ in ("dobj", "dative") and (_addressee(c) or c.ent_type_ in ("DATE", "TIME"))]
    for c in kids:
        if c.dep_ == "advcl" and objs and c.i > objs[0].i and any(
                t.lower_ == "to" and t.dep_ == "aux" and t.i == c.left_edge.i for t in c.children) and not any(
                t.pos_ in ("VERB", "AUX") for t in c.doc[objs[0].i + 1:c.left_edge.i]):
            return c
    return None


def _addressee(obj: Token) -> bool:
    """Whether object ``obj`` can be told to do something: a personal pronoun, a person, group, organisation or
    country, or a noun with a possessive (``his supporters``) — not ``a team`` nor ``cars or people``."""
    if obj.pos_ == "PRON":
        return obj.lower_ not in ("it", "this", "that", "something", "anything", "everything", "nothing")
    return obj.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)


def _object_span(verb: Token, scope: str, cues: dict[str, str]) -> tuple[int, int] | None:
    """``urged Y to …`` / ``plans to …`` (any cue with an infinitive), or, for ``object`` cues, the object phrase."""
    kids = [c for c in verb.children if c.i > verb.i]
    if scope == "object":
        if any(c.lower_ == "as" and any(g.dep_ == "pcomp" and _cue_scope(g, cues) == "any"
                                        for g in c.children) for c in kids):
            return None  # "cited a foreign ministry source as saying …": the attribution of the participle
        parts = [c for c in kids if c.dep_ in _OBJECTS or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS)
                 or c.dep_ == "advcl" and c.left_edge.dep_ == "mark" and c.left_edge.lower_ == "for"
                 and not _passive(verb)]  # "calling for Y to …", not "plants are planned for the world to …"
    elif any(c.dep_ == "xcomp" and any(t.lower_ == "to" for t in c.children) for c in kids):
        parts = [c for c in kids if c.dep_ in _OBJECTS]
    elif (inf := _infinitive_clause(kids)) is not None:  # "tells his supporters at a rally to “go …”"
        parts = [inf]
    else:  # "X warned of …", "X accused Y of …", "X complained about …"
        parts = [c for c in kids if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS and any(
            g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME") for g in c.children)][:1]
        if not parts and scope == "both":  # "demanded the withdrawal of troops", not "promising Abe will return"
            parts = [c for c in kids if c.dep_ == "dobj" and c.pos_ != "PRON" and not (
                c.right_edge.i + 1 < len(verb.doc) and verb.doc[c.right_edge.i + 1].pos_ in ("VERB", "AUX"))]
    if not parts:
        return None
    end = _cut_at_cue_conj(verb, max(c.right_edge.i for c in parts) + 1, cues)
    a, b = _trim(verb.doc, min(c.left_edge.i for c in parts), end)
    return (a, b) if b > a else None


# ---------------------------------------------------------------- speakers


def _with_persons(doc: Doc, persons: Iterable[tuple[int, int]]) -> list[Span]:
    """``doc.ents`` (a list: Doc.ents is rebuilt on every access) with the char spans ``persons`` and the names
    after a title (``Mr Kilroy-Silk``) labelled PERSON, in place of what the tagger made of them (``Zelenskiy`` as
    ORG, ``Lavrov`` as no entity)."""
    ents = [Span(doc, e.start, e.end, label="PERSON") if e.label_ != "PERSON" and e.root.pos_ == "PROPN"
            and e.root.lower_ not in _TITLES and _title(e) else e for e in doc.ents]  # "Mr Cable" as an ORG
    covered = {i for e in ents for i in range(e.start, e.end)}
    ents += [span for tok in doc if tok.lower_ in _TITLES and (span := _titled_name(doc, tok.i + 1, covered))]
    for start, end in persons:
        span = doc.char_span(start, end, label="PERSON", alignment_mode="expand")
        if span is None:
            continue
        overlap = [e for e in ents if e.start < span.end and span.start < e.end]
        if not any(e.label_ == "PERSON" for e in overlap):
            ents = [e for e in ents if e not in overlap] + [span]
    kept = []
    for e in ents:
        b = e.end
        while b > e.start and doc[b - 1].is_space:  # ``X.`` and the blank line after it tagged as one PERSON
            b -= 1
        if b > e.start:
            kept.append(e if b == e.end else Span(doc, e.start, b, label=e.label))
    return sorted(kept, key=lambda e: e.start)


def _title(ent: Span) -> str | None:
    """``m``/``f`` of the title a name is written with, before it or inside it (``Mr Hague``, ``Ms Berry``)."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return _TITLES.get(before) or _TITLES.get(ent[0].lower_)


def _titled_name(doc: Doc, i: int, covered: set[int]) -> Span | None:
    """The capitalised proper nouns from token ``i`` on, after a title, that no entity covers (``Mr Balls``,
    ``Mr Kilroy-Silk``), as a PERSON span; or None."""
    end = i
    while end < len(doc) and end not in covered:
        if doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        elif end > i and doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
                and end + 1 not in covered and doc[end + 1].pos_ == "PROPN":
            end += 2
        else:
            break
    return Span(doc, i, end, label="PERSON") if end > i else None


def _possessor(ent: Span) -> bool:
    """Whether the name owns what follows (``Mr Thorpe's colleagues``, ``Putin’s spokesman``)."""
    return ent[-1].tag_ == "POS" or ent.end < len(ent.doc) and ent.doc[ent.end].tag_ == "POS"


def _bare(ent: Span) -> Span:
    """A name without the possessive the entity may hold (``Hillary Clinton’s`` → ``Hillary Clinton``)."""
    return ent[:-1] if len(ent) > 1 and ent[-1].tag_ == "POS" else ent


def _surname(ent: Span) -> str:
    """The lower-case last word of a name, without a possessive."""
    return _bare(ent)[-1].lower_


class _Resolver:
    """Names for speaker spans: entities as written, pronouns and descriptions resolved to earlier persons."""

    def __init__(self, doc: Doc, inside: list[bool], cues: dict[str, str], persons: Iterable[tuple[int, int]]) -> None:
        self.doc = doc
        self.cues = cues
        self.ents = _with_persons(doc, persons)
        self.inside = inside  # tokens inside quotation marks: not antecedents
        self.ent_starts = [e.start for e in self.ents]
        self.persons = [e for e in self.ents if e.label_ == "PERSON" and not _placed(e)]
        self.antecedents = [e for e in self.persons if not self.inside[e.root.i] and not (
            e.root.dep_ in ("compound", "nmod") and e.root.head.pos_ == "NOUN")]  # not "Luhansk oblast"
        self.antecedent_ends = [e.end for e in self.antecedents]
        self.person_ends = [e.end for e in self.persons]
        self.by_last: dict[str, list[Span]] = {}
        for ent in self.persons:
            self.by_last.setdefault(_surname(ent), []).append(ent)
        self.gender: dict[str, str] = {}
        for ent in self.persons:  # titles first: "Police Federation chairman Jan Berry" is "Ms Berry"
            sex = _title(ent)
            if sex:
                self.gender.setdefault(_surname(ent), sex)
        for ent in self.persons:
            roles = [t.lower_ for t in ent.root.children] + [ent.root.head.lower_]
            sex = next((_ROLE_GENDER[r] for r in roles if r in _ROLE_GENDER), None)
            if sex:
                self.gender.setdefault(_surname(ent), sex)
        self.names = load_first_names()
        given: dict[str, set[str | None]] = {}  # surname → genders of the given names it is written with
        lasts = {_surname(e) for e in self.persons if len(_bare(e)) > 1}
        for ent in self.persons:  # "Antonin Scalia"; a lone "Melanie" that is nobody's surname
            word = _bare(ent)[0].lower_
            if len(_bare(ent)) > 1 or word not in lasts:
                given.setdefault(_surname(ent), set()).add(self.names.get(word))
        for last, sexes in given.items():  # not for a family: "Keith Scott" and "Rakeyia Scott"
            if len(sexes) == 1 and None not in sexes:
                self.gender.setdefault(last, sexes.pop())
        for last, sex in self._pronoun_votes().items():
            self.gender.setdefault(last, sex)

    def sex(self, name: str) -> str | None:
        """``m``/``f`` for a person's name: its given name, else what the text tells of its surname; or None."""
        words = name.lower().split()
        if len(words) > 1 and words[0] in self.names:
            return self.names[words[0]]
        return self.gender.get(words[-1]) if words else None

    def _pronoun_votes(self) -> dict[str, str]:
        """Gender by majority of he/she pronouns following sentences that mention exactly one person."""
        votes: dict[str, list[int]] = {}
        sents = list(self.doc.sents)
        for n, sent in enumerate(sents):
            names = {_surname(e) for e in self.ents_in(sent.start, sent.end) if e.label_ == "PERSON"}
            if len(names) != 1:
                continue
            scope = list(sent)
            if n + 1 < len(sents) and not any(
                    e.label_ == "PERSON" for e in self.ents_in(sents[n + 1].start, sents[n + 1].end)):
                scope += list(sents[n + 1])
            tally = votes.setdefault(names.pop(), [0, 0])
            for tok in scope:
                if tok.lower_ in ("he", "him", "his"):
                    tally[0] += 1
                elif tok.lower_ in ("she", "her", "hers"):
                    tally[1] += 1
        return {last: ("m" if m > f else "f") for last, (m, f) in votes.items() if max(m, f) >= 2 * min(m, f) + 1}

    def ents_in(self, a: int, b: int) -> list[Span]:
        """Entities lying wholly inside token range ``[a, b)`` (what ``doc[a:b].ents`` gives, without a scan)."""
        out = []
        for k in range(bisect.bisect_left(self.ent_starts, a), len(self.ents)):
            ent = self.ents[k]
            if ent.start >= b:
                break
            if ent.end <= b:
                out.append(ent)
        return out

    def full(self, ent: Span) -> str:
        """The longest earlier (or same) person name ending with this mention's last word."""
        bare = _bare(ent)
        name = bare[1:].text if bare[0].lower_ in _TITLES and len(bare) > 1 else bare.text
        title = _title(ent)
        for other in self.by_last.get(_surname(ent), ()):
            if other.start > ent.start:
                break
            if self.inside[other.root.i] and not self.inside[ent.root.i]:
                continue  # a name in someone's words is not the article's: "Crooked Hillary Clinton"
            if title and self.sex(_bare(other).text) not in (None, title):
                continue  # "Mrs Howard" is not "Michael Howard"
            if len(_bare(other).text) > len(name) and other[0].lower_ not in _TITLES:
                name = _bare(other).text
        return name

    def name(self, a: int, b: int) -> str:
        doc = self.doc
        span, in_span = doc[a:b], self.ents_in(a, b)
        ents = [e for e in in_span if e.label_ == "PERSON"]
        root = span.root
        ents = [e for e in ents if e.start <= root.i < e.end or not _possessor(e)]  # not "Mr Thorpe's colleagues"
        if ents:  # the person the phrase is about (Lib Dem … spokesman Menzies Campbell), else the first
            return self.full(next((e for e in ents if e.start <= root.i < e.end), ents[0]))
        if len(span) == 1 and root.lower_ in _RELATIVES and root.head.dep_ == "relcl":
            return self.name(*_np(root.head.head))
        if len(span) == 1 and root.lower_ in _PRONOUNS:
            found = self._antecedent(a, _PRONOUNS[root.lower_], None)
            return found or span.text
        if len(span) == 1 and root.lower_ in _GROUP_PRONOUNS:
            return self._group(a) or span.text
        heads = [e for e in in_span if e.start <= root.i < e.end]  # an entity naming the speaker, not modifying it
        if root.pos_ == "NOUN" and any(t.lower_ == "the" for t in span) and not heads:
            # "the minister", "the Vermont senator": the nearest person mentioned next to the same noun
            found = self._antecedent(a, _ROLE_GENDER.get(root.lower_), root.lemma_.lower())
            return found or self._described(a, b) or span.text
        others = [e for e in heads if e.label_ in ("ORG", "GPE", "NORP")]
        return others[0].text if others else span.text

    def _subordinate(self, verb: Token) -> bool:
        """Whether ``verb`` heads what someone is reported to have said or a relative clause: its subject is not
        the one a later ``he``/``she`` continues (``… said … Mr Houston may be interviewed. He added: …``)."""
        for _ in range(6):
            if verb.dep_ == "relcl" or verb.dep_ == "ccomp" and _is_cue(verb.head, self.cues, ("any",)):
                return True
            if verb.dep_ not in ("conj", "ccomp", "xcomp", "advcl") or verb.head.i == verb.i:
                return False
            verb = verb.head
        return False

    def _group(self, i: int, depth: int = 0) -> str | None:
        """``it``/``they`` at token ``i``: the organisation, country or group that is the subject before it.

        Only for a pronoun that is the subject of a verb other than ``be`` (not ``It is believed``, ``It's the
        first time``). Candidates, nearest first: the subject of the pronoun's own sentence before it, then the
        subjects of the speech cues, then of the root, of the sentence before. A candidate must agree in number
        (``it``: singular, ``they``: plural); the first that does is the answer when an ORG/GPE/NORP entity outside
        quotes names or modifies its head (``The Russian defence ministry``, ``UN officials``), given as written
        up to its head; a person, another pronoun or an own-sentence subject without such an entity ends the
        search, the pronoun repeated is resolved in turn. When no candidate is named so, a pronoun that is itself
        a speech cue's subject takes the nearest unnamed common-noun subject of a speech cue before it (``…, the
        prosecutor general’s office said. …, it said``; ``The report concludes …. …, it warns``)."""
        doc, pron = self.doc, self.doc[i]
        if pron.dep_ != "nsubj" or pron.head.lemma_ == "be" or depth > 3:
            return None
        sent = pron.sent
        cands: list[tuple[Token, bool, bool]] = []  # (subject, blocking, subject of a speech cue)
        own = _subject(sent.root, self.cues)
        if own is not None and own.i < i:
            cands.append((own, True, _is_cue(sent.root, self.cues, ("any",))))
        if sent.start > 0:
            prev = doc[sent.start - 1].sent
            subs = [(_subject(t, self.cues), True) for t in prev
                    if _is_cue(t, self.cues, ("any",)) and not self.inside[t.i]]
            subs.append((_subject(prev.root, self.cues), False))
            for t, speaking in subs:
                if t is not None and all(t.i != c.i for c, _, _ in cands):
                    cands.append((t, False, speaking))
        plural = pron.lower_ == "they"
        unnamed = None  # "…, the prosecutor general’s office said. …, it said": a speaker before without a name
        for cand, blocking, speaking in cands:
            if self.inside[cand.i]:
                continue
            if cand.lower_ == pron.lower_:
                return self._group(cand.i, depth + 1) or unnamed
            if cand.pos_ == "PRON" or cand.ent_type_ == "PERSON":
                return unnamed
            if (cand.tag_ in _PLURAL) != plural:
                continue
            found = self._group_phrase(cand)
            if found is not None:
                return found
            if unnamed is None and speaking and cand.pos_ == "NOUN" and cand.i < i and depth == 0 and _is_cue(
                    pron.head, self.cues, ("any",)):
                unnamed = doc[_np(cand)[0]:cand.i + 1].text
            if blocking:
                return unnamed
        return unnamed

    def _group_phrase(self, head: Token) -> str | None:
        """The noun phrase of ``head`` as written, up to the head and an ``of`` phrase, when an ORG/GPE/NORP entity
        outside quotes names or modifies the head (``The Russian defence ministry``, ``UN officials``)."""
        doc = self.doc
        a, b = _np(head)
        groups = [e for e in self.ents_in(a, b) if not self.inside[e.root.i] and _modifies(e, head) and (
            e.label_ in _GROUPS or (e.label_ == "PERSON" and e.root.dep_ == "compound"))]  # the Azov regiment
        if not groups:
            return None
        end = head.i + 1  # up to the head, then on to a comma or bracket (``the ministry of justice``)
        while end < min(b, head.i + 8) and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX"):
            end += 1
        end = max([end] + [e.end for e in groups if e.start <= head.i < e.end])
        start = min([head.i] + [e.start for e in groups] + [t.i for t in doc[a:head.i] if t.dep_ == "det"
                                                            and a <= t.head.i <= head.i])
        return doc[start:end].text

    def _described(self, a: int, b: int) -> str | None:
        """A description without a name (``the ministry``, ``the defence ministry``): the nearest earlier mention
        (outside quotes, at most 400 tokens back) of the same head noun with all the description's modifiers that
        an ORG/GPE/NORP entity names or modifies (``Russia’s defence ministry``), as :meth:`_group_phrase`; same
        number, not a word modifying another (``the west`` is not ``West Yorkshire``); none when the description
        holds an entity of its own."""
        doc, root = self.doc, self.doc[a:b].root
        if self.ents_in(a, b):
            return None  # ``The Russian government`` names itself
        words = {t.lower_ for t in doc[a:b] if t.i != root.i and t.dep_ in ("compound", "amod")}
        for k in range(a - 1, max(-1, a - 400), -1):
            tok = doc[k]
            if tok.lemma_.lower() != root.lemma_.lower() or self.inside[k] or tok.pos_ not in ("NOUN", "PROPN") \
                    or tok.dep_ == "compound" or (tok.tag_ in _PLURAL) != (root.tag_ in _PLURAL):
                continue
            if words - {t.lower_ for t in tok.children}:
                continue
            found = self._group_phrase(tok)
            if found is not None:
                return found
        return None

    def _antecedent(self, before: int, sex: str | None, role: str | None) -> str | None:
        """Nearest earlier person (subjects first) of a compatible gender, near ``role`` when given."""
        doc = self.doc
        last: Span | None = None  # the nearest compatible person
        people, ends = (self.persons, self.person_ends) if role else (self.antecedents, self.antecedent_ends)
        for k in range(bisect.bisect_right(ends, before) - 1, -1, -1):
            e = people[k]
            if last is not None and before - e.end >= 150:
                break  # a subject this far back is not preferred over the nearest compatible person
            if role and not any(t.lemma_.lower() == role and t.pos_ in ("NOUN", "PROPN") and _bound(t, e)
                                for t in doc[max(0, e.start - 5):min(len(doc), e.end + 5)]):
                continue
            if sex is not None and self.sex(_bare(e).text) not in (None, sex):
                continue
            last = last or e
            subject = e.root if e.root.dep_ in ("nsubj", "nsubjpass") else e.root.head if (
                e.root.dep_ in ("appos", "compound") and e.root.head.dep_ in ("nsubj", "nsubjpass")) else None
            if subject is not None and not self._subordinate(subject.head):
                return self.full(e if before - e.end < 150 else last)
        return self.full(last) if last is not None else None


_GROUP_PRONOUNS = {"it", "they"}
_GROUPS = {"ORG", "GPE", "NORP"}
_PLURAL = {"NNS", "NNPS"}
_PLACE_PREPS = {"in", "on", "at", "near", "from", "via", "across", "around", "outside", "inside", "into"}


def _placed(ent: Span) -> bool:
    """A one-word "person" the tagger found after a preposition of place (``in Kyiv``, ``on Twitter``): no person."""
    return len(ent) == 1 and ent.root.dep_ == "pobj" and ent.root.head.lower_ in _PLACE_PREPS


def _modifies(ent: Span, head: Token) -> bool:
    """Whether entity ``ent`` names ``head`` or modifies it (``UN officials``, ``Russia’s defence ministry``,
    ``the ministry of justice of Russia``), not a word further off (``Debates about Russia’s invasion``)."""
    if ent.start <= head.i < ent.end:
        return True
    tok = ent.root
    for _ in range(4):
        if tok.dep_ not in ("compound", "amod", "poss", "nmod", "appos", "pobj") or tok.head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ != "of":
            return False
        tok = tok.head if tok.dep_ != "pobj" else tok.head.head
        if tok.i == head.i:
            return True
    return False


def _bound(noun: Token, ent: Span) -> bool:
    """Whether ``noun`` describes the person ``ent`` in the parse: ``the minister, Maria Petrova``, ``Foreign
    Minister Lavrov``, ``Petrova, the minister``, ``Lavrov, Russia's foreign minister`` (not just a nearby word, nor
    a "person" the noun is named after or coordinated with: ``the Kherson region``, ``Kyiv and the surrounding
    region``)."""
    return ent.start <= noun.i < ent.end or (ent.start <= noun.head.i < ent.end and noun.dep_ != "conj") or (
        ent.root.head.i == noun.i and ent.root.dep_ not in ("compound", "amod", "nmod"))


# ---------------------------------------------------------------- entry point


def _previous_speaker(resolver: _Resolver, prev: tuple[str, int] | None, a: int, b: int, claim: int) -> str | None:
    """``he``/``she`` continuing the attribution just before (``Blinken said …. …, he added``): that speaker.

    Only when the previous speaker is a person, its attribution ends at most 60 tokens earlier, no person is a
    subject between it and this attribution (from token ``claim``), and the gender (when known) fits the pronoun.
    """
    doc = resolver.doc
    if prev is None or b - a != 1 or doc[a].lower_ not in ("he", "she") or not 0 <= a - prev[1] <= 60:
        return None
    name, end = prev
    between = resolver.ents_in(end, min(a, claim))
    if any(e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass") for e in between):
        return None
    if resolver.sex(name) not in (None, _PRONOUNS[doc[a].lower_]):
        return None
    return name



def _person_description(resolver: _Resolver, a: int, b: int) -> bool:
    """Whether the speaker phrase ``a:b`` describes one person without naming one: a noun without an entity
    (``the spokeswoman``), or a singular role of ``data/roles.csv`` an entity only modifies (``A Kremlin
    spokesperson``, not ``Nato officials`` or ``Russia's economy``)."""
    span = resolver.doc[a:b]
    ents = resolver.ents_in(a, b)
    if span.root.pos_ != "NOUN" or any(e.start <= span.root.i < e.end for e in ents):
        return False
    return not ents or (span.root.tag_ == "NN" and load_roles().find(span.text) is not None)


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """Start and end (exclusive, without the newline) of the line holding char ``pos``."""
    stop = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if stop < 0 else stop


def _person_like(ix: _Index, d: _Draft) -> bool:
    """Whether the speaker of ``d`` may say a following quote: a name or description, he/she, not they/we/it."""
    if d.speaker is None:
        return False
    tok = ix.doc[d.speaker[0]]
    return not (d.speaker[1] - d.speaker[0] == 1 and tok.pos_ == "PRON" and tok.lower_ not in _PRONOUNS)


def _ends_or_narrative(ix: _Index, e: int, line_end: int) -> bool:
    """Whether the quote ending at char ``e`` ends its line, or whole quoted sentences are followed by a sentence
    of the narrative with a verb (paragraphs run into one line: ``"…." Under the agreement, Turkey must …``; not a
    caption credit, ``‘….’ Composite: …``)."""
    text, doc = ix.text, ix.doc
    rest = text[e:line_end].strip(_SPACES + ".,")
    if not rest:
        return True
    if not rest[0].isupper() or _STOP_INSIDE.search(text, max(0, e - 4), e) is None:
        return False
    first = doc[ix.tok(line_end - len(text[e:line_end].lstrip(_SPACES + ".,")))].sent
    return any(t.pos_ in ("VERB", "AUX") and t.idx >= e for t in first)


def _quoted_paragraphs(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """``drafts`` plus the paragraphs that are one quote without an attribution of their own, credited to the last
    speaker of the paragraph just before (news style: ``X told the Guardian that …`` / new paragraph ``“…”``), one
    after another."""
    text = ix.text
    found = sorted(drafts, key=lambda d: d.start)
    starts = [d.start for d in found]
    out = list(drafts)
    for s, e in ix.spans:
        line_start, line_end = _paragraph(text, s)
        heading = text[s:e].rstrip("\"'’”»›").endswith(":")
        if text[line_start:s].strip() or not _ends_or_narrative(ix, e, line_end) or heading:
            continue  # not whole sentences opening the paragraph; a heading (``"Related:"`` above a list of links)
        n = bisect.bisect_left(starts, line_end)
        if any(d.end > line_start and d.start < e + 2 for d in found[:n]):
            continue  # an attribution of its own, or inside one
        k = line_start - 1
        while k > 0 and text[k - 1].isspace():  # back over blank lines to the paragraph before
            k -= 1
        prev_start = text.rfind("\n", 0, k) + 1
        before = [d for d in found[:n] if prev_start <= d.start < line_start and _person_like(ix, d)]
        if not before:
            continue
        last = max(before, key=lambda d: d.start)
        draft = _Draft(s, e, "direct", last.cue, last.speaker, (ix.tok(s), ix.tok(e - 1) + 1), label=last.label)
        found.insert(n, draft)
        starts.insert(n, s)
        out.append(draft)
    return out


def _joined_quotes(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """``drafts`` with quoted sentences that have no attribution of their own and end their paragraph (or are
    followed by narrative, :func:`_ends_or_narrative`) joined to the indirect or mixed attribution just before them
    on that line, as one mixed attribution (``…, the ambassador said. “It’s only two and a half hours …”``): the
    speaker of the paraphrase says the quoted words too."""
    text, doc = ix.text, ix.doc
    out = sorted(drafts, key=lambda d: d.start)
    for s, e in ix.spans:
        line_start, line_end = _paragraph(text, s)
        lead = text[line_start:s].rstrip(_SPACES)
        if not lead or lead[-1] not in _SENT_END or not _ends_or_narrative(ix, e, line_end):
            continue  # not whole sentences ending the paragraph, or followed by sentences of the narrative
        if any(d.start < e and s < d.end for d in out):
            continue
        before = [n for n, d in enumerate(out) if line_start <= d.start and d.end <= s]
        if not before:
            continue
        n = max(before, key=lambda n: (out[n].claim[1], out[n].start))  # the paraphrase after a quote in its sentence
        d = out[n]
        last = doc[max(d.claim[1], ix.tok(d.end - 1) + 1) - 1]
        if d.kind == "direct" or d.speaker is None or _TAIL.fullmatch(text, last.idx + len(last), s) is None:
            continue
        out[n] = _Draft(d.start, e, _kind(ix, d.start, e), d.cue, d.speaker, (d.claim[0], ix.tok(e - 1) + 1),
                        d.free, d.label)
    return out


def _turns(ix: _Index, resolver: _Resolver) -> list[_Draft]:
    """The turns of a transcript: paragraphs opening with a speaker's label (``PENCE: …``, ``"RAMOS: …`` in a
    quoted transcript, ``Vladimir Putin: …``), each a direct quote of that speaker. A quoted turn runs on over the
    paragraphs its quotation stays open in; an unquoted one over up to three paragraphs before the next label.

    A text is a transcript when at least three paragraphs after its first line (the title: ``Murphy: That was a
    bruising battle`` is a headline) open with labels of two speakers or more, one of them twice (not a list of
    headings, ``Cruz: Just hang on`` / ``Kasich: Now or never``). A label is a speaker when it is written in capitals
    and opens two turns or more, or names a person; a turn says something (a verb: not ``Clinton: 1,769.``);
    ``Q:`` turns are questions (no quote), other labels (``VIDEO:``) end a turn.
    """
    text, doc = ix.text, ix.doc
    paragraphs = []  # (start, end, label span or None), non-blank lines only
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            m = _TURN.match(line)
            label = (pos + m.start(1), pos + m.end(1), pos + m.end()) if m and pos and (
                    m.group(1).isupper() or _names_person(ix, resolver, pos + m.start(1), pos + m.end(1))) else None
            paragraphs.append((pos, pos + len(line.rstrip()), label))
        pos += len(line) + 1
    labels = [text[lab[0]:lab[1]].split()[-1].upper() for *_, lab in paragraphs if lab is not None]
    counts = {lab: labels.count(lab) for lab in labels}
    if len(labels) < 3 or len(counts) < 2 or max(counts.values()) < 2:
        return []
    starts = [n for n, (*_, lab) in enumerate(paragraphs) if lab is not None]
    turns = []
    for k, n in enumerate(starts):
        a, _, (la, lb, content) = paragraphs[n]
        word = text[la:lb]
        if word.upper() in _QUESTIONER or not (counts[word.split()[-1].upper()] >= 2 and word.isupper()
                                               or _names_person(ix, resolver, la, lb)):
            continue
        last, stop = n, starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        if text[a:la].strip():  # a quoted turn: on while its quotation stays open
            while last + 1 < stop and ix.inside[ix.tok(paragraphs[last][1] - 1)] and \
                    text[paragraphs[last + 1][0]:paragraphs[last + 1][1]].lstrip().startswith(tuple(_OPENING_MARKS)):
                last += 1
        elif stop - n <= 4 and k + 1 < len(starts):  # the paragraphs up to the next label are the speaker's
            last = stop - 1
        end = paragraphs[last][1]
        if not any(t.pos_ in ("VERB", "AUX") for t in doc[ix.tok(content):ix.tok(end - 1) + 1]):
            continue
        speaker = (ix.tok(la), ix.tok(lb - 1) + 1)
        turns.append(_Draft(content, end, "direct", None, speaker, (ix.tok(a), ix.tok(end - 1) + 1),
                            name=_label_name(resolver, *speaker)))
    return turns


def _names_person(ix: _Index, resolver: _Resolver, a: int, b: int) -> bool:
    """Whether chars ``[a, b)`` lie in one person's name (as the tagger or the actors step found it) or end with
    the surname of a person the text names (``CLINTON``)."""
    i, j = ix.tok(a), ix.tok(b - 1)
    return ix.doc[j].lower_ in resolver.by_last or any(e.start <= i and j < e.end for e in resolver.persons)


def _label_name(resolver: _Resolver, a: int, b: int) -> str:
    """The name a transcript label stands for: ``PENCE`` → the person the text names with that surname (``Mike
    Pence``, ``Lopez`` → ``Luciana Lopez``), else a label in capitals in title case (``Ramos``), another as any
    speaker span."""
    span = resolver.doc[a:b]
    known = resolver.by_last.get(span[-1].lower_)
    if known:
        return resolver.full(known[-1])
    if span.text.isupper():
        return " ".join(word.capitalize() for word in span.text.split())
    return resolver.name(a, b)


def _without_fragments(drafts: list[_Draft]) -> list[_Draft]:
    """``drafts`` without those whose content is the end of a longer one of the same speaker (``she said in a
    statement that the “only way … is by ending …”``: not also ``is by ending …``)."""
    return [d for d in drafts if d.speaker is None or not any(
        o is not d and o.speaker == d.speaker and o.start < d.start and d.end == o.end for o in drafts)]


def _in_focus(resolver: _Resolver, phrase: tuple[int, int], end: int,
              name: str | None = None) -> tuple[str, int] | None:
    """The person a following ``he``/``she`` continues with after an attribution ending at token ``end``: the person
    that ``phrase`` (named ``name``) names or describes, else None."""
    a, b = phrase
    name = name or resolver.name(a, b)
    human = name.split()[-1].lower() in resolver.by_last or _person_description(resolver, a, b)
    return (name, end) if human else None


def _cue_span(verb: Token | None) -> tuple[int | None, int | None]:
    """Char offsets of cue ``verb`` as written, with its particle right after it (``went on``)."""
    if verb is None:
        return None, None
    last = next((c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1), verb)
    return verb.idx, last.idx + len(last)


def find_quotes(doc: Doc, persons: Iterable[tuple[int, int]] = (), cues: dict[str, str] | None = None) -> list[Quote]:
    """Direct, indirect and mixed quotes of ``doc`` with cue lemma and speaker, sorted by ``start``.

    ``persons``: char spans known to name persons (actor mentions of kind person) that the tagger may have given
    another label: they count as persons when ``he``/``she`` and descriptions are resolved. ``cues``: a cue list
    from :func:`load_cues` (default: the packaged one).
    """
    cues = cues if cues is not None else _default_cues()
    ix = _Index(doc, _quoted_spans(doc.text), cues)
    resolver = _Resolver(doc, ix.inside, cues, persons)
    turns = _turns(ix, resolver)
    direct = turns + [d for d in _direct(ix) if not any(t.start <= d.end and d.start <= t.end for t in turns)]
    claimed = [(d.claim[0], d.free[0]) if d.free else d.claim for d in direct]
    claimed += [(d.free[1], d.claim[1]) for d in direct if d.free]
    drafts = _without_fragments(_joined_quotes(ix, _quoted_paragraphs(ix, direct + _indirect(ix, claimed))))
    quotes = []
    prev: tuple[str, int] | None = None  # the last named speaker and where its attribution ends (token)
    for d in sorted(drafts, key=lambda d: d.start):
        cue = (_cue_lemma(d.cue, cues) or d.cue.lemma_.lower()) if d.cue is not None else d.label
        cue_span = _cue_span(d.cue)
        if d.speaker is None:
            quotes.append(Quote(d.start, d.end, d.kind, cue, None, None, None, *cue_span))
            if d.cue is not None and _passive(d.cue) and (subj := _subject(d.cue, cues)) is not None:
                prev = _in_focus(resolver, _np(subj), d.claim[1])  # "X was asked …. He replies: “…”": X
            continue
        a, b = d.speaker
        name = d.name or _previous_speaker(resolver, prev, a, b, d.claim[0]) or resolver.name(a, b)
        if doc[a:b].text.lower() not in _PRONOUNS:
            prev = _in_focus(resolver, (a, b), d.claim[1], name)
        quotes.append(Quote(d.start, d.end, d.kind, cue, name, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]),
                            *cue_span))
    return sorted(quotes, key=lambda q: (q.start, q.end))

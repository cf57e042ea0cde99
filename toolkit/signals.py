"""Escalation / de-escalation signals: lexicon triggers with CAMEO codes, modality, actor and target.

A signal is a lexicon pattern (a lemma or a short lemma phrase, ``data/escalation.csv``) found in a sentence,
with its CAMEO code and Goldstein weight, the modality of the event (asserted, negated, hedged, conditional,
denied, read off the dependency parse) and the actor and target taken from the trigger's subject, object and
prepositions. :func:`label_passage` turns the signals of a sentence into one label.

>>> from toolkit.nlp import load_model, parse_one
>>> doc = parse_one(load_model(), "Russia has massed troops on the border with Ukraine.")
>>> [(s.trigger, s.direction, s.category, s.modality, s.actor, s.target) for s in find_signals(doc)]
[('massed troops', 'escalation', 'exhibit force posture', 'asserted', 'Russia', 'Ukraine')]
>>> label_passage(find_signals(parse_one(load_model(), "Russia has no plans to invade Ukraine.")))
('neutral', 0.0)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

__all__ = ["Lexicon", "LexiconEntry", "Signal", "SignalTagger", "extend_lexicon", "find_signals", "first_person",
           "label_passage", "load_lexicon", "make_signal_tagger", "quote_holding", "voiced_actor"]

DIRECTIONS = ("escalation", "de-escalation")
CATEGORIES: dict[str, str] = {
    "03": "express intent to cooperate", "04": "consult", "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation", "07": "provide aid", "08": "yield", "10": "demand",
    "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest", "15": "exhibit force posture",
    "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "use unconventional mass violence",
}
_REQUIRED = ("pattern", "pos", "direction", "code", "weight")
_POS = {"VERB": {"VERB", "AUX"}, "NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ"}}
_MAX_GAP = 3  # tokens allowed between two words of a multiword pattern (more if syntactically linked)
_MAX_LINK = 8

# modality cues
_HEDGE_AUX = {"could", "may", "might", "should"}
_HEDGE_GOVERNORS = {"consider", "weigh", "mull", "contemplate", "explore", "discuss", "debate", "fear", "risk"}
_HEDGE_MODIFIERS = {"possible", "potential", "likely", "possibly", "probably", "alleged", "reportedly"}
_NEGATORS = {"refuse", "decline", "fail", "reject", "oppose", "rule", "avoid", "stop", "halt", "cease", "end",
             "avert", "deter", "prevent", "forestall"}
_DENIERS = {"deny", "refute", "dismiss"}
_CLAIMS = {"claim", "allegation", "report", "accusation", "rumour", "rumor", "suggestion", "speculation", "warning",
           "fear"}
_CONDITIONS = {"if", "unless", "should"}
_CLOSING = "\"'”’»)"
# how a negator governs what it negates: "refused to meet", "ended the talks", "deter Russia from attacking",
# "an end to the fighting" — not "ended the talks by agreeing to continue diplomacy"
_NEGATED_DEPS = {"dobj", "xcomp", "ccomp", "nsubjpass", "attr"}
_NEGATED_PREPS = {"VERB": {"from"}, "NOUN": {"from", "of", "to", "on"}}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj"}
_BACKGROUND_PREPS = {"after", "following", "since", "amid", "amidst", "despite", "during", "before", "over"}
_ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
_NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# "mediation effort", "bombing campaign": a trigger modifying one of these names the activity itself
_LIGHT_NOUNS = {"effort", "process", "mission", "initiative", "bid", "plan", "move", "campaign", "operation",
                "programme", "program", "package", "round", "proposal", "offer", "attempt", "drive"}
_TOPIC_DEPS = {"dobj", "pobj", "prep", "compound", "appos", "conj", "acl", "nsubjpass", "attr"}
_TARGET_PREPS = {"against", "on", "into", "with", "to", "at", "in", "from", "toward", "towards", "upon", "over",
                 "for"}
_RELATIVE = {"who", "which", "that", "whom"}
# CAMEO roots whose event nouns name after "of" the one acted upon ("invasion of Ukraine", "recognition of
# Kosovo", "expulsion of Russian diplomats"), and those naming the one acting ("withdrawal of Russian troops", "a
# build-up of Russian forces"); for the rest "of" names a forum or a theme ("a meeting of the Council")
_OF_PATIENT_ROOTS = {"05", "10", "11", "12", "13", "16", "17", "18", "19", "20"}
_OF_AGENT_ROOTS = {"08", "15"}
_CLAUSE_TARGET_ROOTS = {"08", "10"}  # "demanded that the US cancel", "allow candidate X to participate"
_PRONOUN_KINDS = {"he": {"PERSON"}, "she": {"PERSON"}, "it": {"GPE", "ORG", "NORP"},
                  "they": {"GPE", "ORG", "NORP"}}
_GOVERNED_DEPS = {"nsubj", "ccomp", "xcomp", "conj", "advcl"}  # up from a pronoun subject to the clause saying it
_QUOTE_MARKS = {'"', "“", "”", "‘", "’", "«", "»", "'"}
_FIRST_PERSON = {"i": "singular", "me": "singular", "my": "singular", "myself": "singular",
                 "we": "plural", "us": "plural", "our": "plural", "ourselves": "plural"}
# effective weight of a negated or denied de-escalation signal: refusing cooperation is CAMEO 12 (reject)
_REFUSAL_WEIGHT = -4.0
_MODALITY_FACTOR = {"asserted": 1.0, "hedged": 0.5, "conditional": 0.5}


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row: a lemma pattern with its CAMEO code, direction and Goldstein weight."""

    pattern: str
    pos: str
    direction: str
    code: str
    weight: float
    note: str = ""

    @property
    def lemmas(self) -> tuple[str, ...]:
        """The pattern's words, lower-cased."""
        return tuple(self.pattern.lower().split())


@dataclass(frozen=True)
class Lexicon:
    """Lexicon entries indexed by their first word."""

    entries: tuple[LexiconEntry, ...]
    _index: dict[str, tuple[LexiconEntry, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.lemmas[0], []).append(entry)
        object.__setattr__(self, "_index", {k: tuple(v) for k, v in index.items()})

    def __len__(self) -> int:
        return len(self.entries)

    def starting_with(self, word: str) -> tuple[LexiconEntry, ...]:
        """Entries whose pattern starts with ``word`` (lower-case)."""
        return self._index.get(word, ())


@dataclass(frozen=True)
class Signal:
    """An escalation or de-escalation trigger in ``doc.text`` (offsets end exclusive)."""

    start: int
    end: int
    trigger: str
    direction: str
    code: str
    category: str
    weight: float
    modality: str
    actor: str | None
    actor_start: int | None
    actor_end: int | None
    target: str | None
    target_start: int | None
    target_end: int | None
    pattern: str


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon CSV (columns ``pattern, pos, direction, code, weight[, note]``); default: package data."""
    text = (Path(path).read_text(encoding="utf-8-sig") if path
            else resources.files("toolkit").joinpath("data/escalation.csv").read_text(encoding="utf-8"))
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"lexicon {path or 'escalation.csv'}: missing column(s) {missing}")
    entries = []
    for n, row in enumerate(reader, 2):
        pattern = " ".join((row["pattern"] or "").split())
        if not pattern or pattern.startswith("#"):
            continue
        direction, pos, code = row["direction"].strip(), (row["pos"] or "").strip().upper(), row["code"].strip()
        if direction not in DIRECTIONS or (pos and pos not in _POS) or code[:2] not in CATEGORIES:
            raise ValueError(f"lexicon line {n}: bad direction {direction!r}, pos {pos!r} or code {code!r}")
        entries.append(LexiconEntry(pattern, pos, direction, code, float(row["weight"]), row.get("note") or ""))
    return Lexicon(tuple(entries))


def extend_lexicon(path: str | Path, out: str | Path, base: str | Path | None = None) -> Path:
    """Write to ``out`` the ``base`` lexicon (default: package data) extended by the rows of ``path``; return ``out``.

    A row of ``path`` replaces a base row with the same pattern and pos; the others are added after the base
    rows. Both files are checked as :func:`load_lexicon` does. Pass ``out`` as ``annotate(..., lexicon=out)``.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "mine.csv").write_text("pattern,pos,direction,code,weight\\npay price,,escalation,130,-4.4\\n")
    >>> len(load_lexicon(extend_lexicon(tmp / "mine.csv", tmp / "all.csv"))) == len(load_lexicon()) + 1
    True
    """
    extra = load_lexicon(path).entries
    replaced = {(e.pattern.lower(), e.pos) for e in extra}
    kept = [e for e in load_lexicon(base).entries if (e.pattern.lower(), e.pos) not in replaced]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["pattern", "pos", "direction", "code", "weight", "note"])
    writer.writerows([e.pattern, e.pos, e.direction, e.code, f"{e.weight:g}", e.note] for e in [*kept, *extra])
    out = Path(out)
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


def find_signals(doc: Doc, lexicon: Lexicon | None = None) -> list[Signal]:
    """Find escalation and de-escalation signals in a parsed Doc, sorted by start offset.

    Longer patterns win over shorter ones on the same words ("lift sanctions" over "sanctions"). Left out:
    triggers whose object is a claim being denied ("rejects the claims"), and nouns that only give background
    ("after two days of fighting", "invasion forces").
    """
    lexicon = lexicon or _default_lexicon()
    found: list[Signal] = []
    for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        matches = _matches(sent, lexicon)
        triggers = {_head(tokens).i: entry.direction for entry, tokens in matches}
        for entry, tokens in matches:
            head = _head(tokens)
            if _is_denial_verb(head) or _is_background(head, lexicon) or _is_topic(head, entry, triggers):
                continue
            found.append(_signal(doc, entry, tokens, head))
    return sorted(found, key=lambda s: (s.start, s.end))


def label_passage(signals: Sequence[Signal]) -> tuple[str, float]:
    """Label a sentence or short passage from its signals: (label, score).

    Any escalation signal that is asserted, hedged or conditional makes the passage ``escalation`` (a threat
    is escalation even when conditional); a negated or denied de-escalation signal is a refusal ("will not
    accept", "refused to meet") and counts as escalation too; a negated or denied escalation signal counts
    for nothing. Otherwise de-escalation signals make it ``de-escalation``, and no signal ``neutral``. The
    score is the sum of the Goldstein weights counted for the label (hedged and conditional at half weight):
    negative for escalation, positive for de-escalation, 0 for neutral.
    """
    esc: list[float] = []
    deesc: list[float] = []
    for sig in signals:
        if sig.modality in ("negated", "denied"):
            if sig.direction == "de-escalation":
                esc.append(_REFUSAL_WEIGHT)
            continue
        factor = _MODALITY_FACTOR.get(sig.modality, 1.0)
        (esc if sig.direction == "escalation" else deesc).append(sig.weight * factor)
    if esc:
        return "escalation", round(sum(esc), 2)
    if deesc:
        return "de-escalation", round(sum(deesc), 2)
    return "neutral", 0.0


def quote_holding(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> int | None:
    """Index of the innermost quote span ``(start, end)`` in ``quotes`` that holds ``[start, end)``, or None.

    >>> quote_holding(10, 15, [(0, 40), (8, 20), (30, 60)])
    1
    """
    holding = [(q_end - q_start, i) for i, (q_start, q_end) in enumerate(quotes) if q_start <= start and end <= q_end]
    return min(holding)[1] if holding else None


def first_person(text: str | None) -> str | None:
    """``"singular"`` for *I / me / my*, ``"plural"`` for *we / us / our*, else None.

    >>> first_person("We"), first_person("US"), first_person("Russia")
    ('plural', None, None)
    """
    if not text or (text.isupper() and text != "I"):  # "US" is a country
        return None
    return _FIRST_PERSON.get(text.lower())


def voiced_actor(pronoun: str, speaker: str | None, speaker_side: str | None) -> str | None:
    """The actor a first-person actor stands for inside a quote by ``speaker``.

    *I* is the speaker. *We* said by a person who speaks for a state or bloc (``speaker_side``, the canonical
    actor of their side: Lavrov → Russia) is that side, since news reports what governments do; said by anyone
    else (a country, an organisation, a person of no known side) it is the speaker. Outside a quote, or in a
    quote with no known speaker, it is None: a pronoun is never an actor name.

    >>> voiced_actor("We", "Sergey Lavrov", "Russia"), voiced_actor("I", "Sergey Lavrov", "Russia")
    ('Russia', 'Sergey Lavrov')
    >>> voiced_actor("we", "NATO", None), voiced_actor("we", None, None)
    ('NATO', None)
    """
    if speaker is None:
        return None
    return (speaker_side or speaker) if first_person(pronoun) == "plural" else speaker


class SignalTagger:
    """spaCy component: stores :func:`find_signals` results in ``doc._.signals``."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.signals = find_signals(doc, self.lexicon)
        return doc


@Language.factory("toolkit_signals", default_config={"lexicon": None})
def make_signal_tagger(nlp: Language, name: str, lexicon: str | None) -> SignalTagger:
    """Build the ``toolkit_signals`` component; ``lexicon`` is a CSV path (default: package data)."""
    return SignalTagger(load_lexicon(lexicon))


if not Doc.has_extension("signals"):
    Doc.set_extension("signals", default=None)


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return load_lexicon()


# --- matching ---------------------------------------------------------------------------------------------

def _word(tok: Token) -> str:
    return tok.lemma_.lower()


def _pos_ok(tok: Token, pos: str) -> bool:
    return not pos or tok.pos_ in _POS[pos] or (pos == "VERB" and tok.tag_.startswith("VB"))


def _linked(prev: Token, tok: Token) -> bool:
    return tok.head == prev or tok.head.head == prev or prev.head == tok


def _match_rest(sent: Span, first: Token, rest: tuple[str, ...]) -> list[Token] | None:
    tokens = [first]
    for word in rest:
        prev = tokens[-1]
        hit = next((t for t in sent.doc[prev.i + 1: min(prev.i + 1 + _MAX_LINK, sent.end)]
                    if _word(t) == word and (t.i - prev.i <= _MAX_GAP + 1 or _linked(prev, t))), None)
        if hit is None:
            return None
        tokens.append(hit)
    return tokens


def _matches(sent: Span, lexicon: Lexicon) -> list[tuple[LexiconEntry, list[Token]]]:
    """All pattern matches in a sentence, overlaps resolved: longest pattern first, then leftmost."""
    candidates = []
    for tok in sent:
        for entry in lexicon.starting_with(_word(tok)):
            if _pos_ok(tok, entry.pos):
                tokens = _match_rest(sent, tok, entry.lemmas[1:])
                if tokens:
                    candidates.append((entry, tokens))
    candidates.sort(key=lambda c: (-len(c[0].lemmas), c[1][0].i, not c[0].pos))
    taken: set[int] = set()
    kept = []
    for entry, tokens in candidates:
        ids = {t.i for t in tokens}
        if not ids & taken:
            taken |= ids
            kept.append((entry, tokens))
    return _merge_arguments(kept)


def _merge_arguments(matches: list[tuple[LexiconEntry, list[Token]]]) -> list[tuple[LexiconEntry, list[Token]]]:
    """Fold a noun trigger into the verb trigger it is the object of, if both point the same way.

    "massed troops", "signed an agreement", "troops are massed" are one signal, with the verb's code.
    """
    heads = {_head(tokens).i: (entry, tokens) for entry, tokens in matches}
    folded: set[int] = set()
    for entry, tokens in matches:
        head = _head(tokens)
        verb = heads.get(head.head.i)
        if (head.dep_ in ("dobj", "nsubjpass") and verb is not None and verb[0].direction == entry.direction
                and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i):
            verb[1].extend(tokens)
            folded.add(head.i)
    return [(entry, sorted(tokens, key=lambda t: t.i)) for entry, tokens in matches if _head(tokens).i not in folded]


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head == t), tokens[0])


def _is_denial_verb(tok: Token) -> bool:
    """A reject/deny/dismiss whose object is a claim denies a report; it is no rejection event."""
    return (tok.lemma_.lower() in _NEGATORS | _DENIERS
            and any(c.lemma_.lower() in _CLAIMS for c in tok.children if c.dep_ in ("dobj", "ccomp", "nsubj")))


def _is_background(tok: Token, lexicon: Lexicon) -> bool:
    """A noun that only gives context: object of after/amid/since..., or modifier of a non-trigger noun."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in _BACKGROUND_PREPS:
        return True
    if tok.dep_ == "pobj" and tok.head.head.dep_ == "pobj" and tok.head.head.head.lower_ in _BACKGROUND_PREPS:
        return True  # "after two days of fighting"
    return (tok.dep_ == "compound" and _word(tok.head) not in _LIGHT_NOUNS
            and not lexicon.starting_with(_word(tok.head)))


def _is_topic(head: Token, entry: LexiconEntry, triggers: dict[int, str]) -> bool:
    """A noun that is what an opposite trigger is about: the demands in "talks on Moscow's demands"."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    tok, governing = head, None
    for _ in range(6):
        if tok.dep_ not in _TOPIC_DEPS or tok.head == tok:
            break
        tok = tok.head
        governing = triggers.get(tok.i, governing)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep":  # "including" is a preposition here
            break
    return governing is not None and governing != entry.direction


# --- modality ---------------------------------------------------------------------------------------------

def _modality(head: Token) -> str:
    """Denied > negated > conditional > hedged > asserted, from the trigger and the words governing it."""
    cues: set[str] = set()
    if head.sent.text.rstrip().rstrip(_CLOSING).endswith("?"):  # also a quoted question: …against us?”
        cues.add("hedged")
    tok, own_clause, via = head, True, head
    for _ in range(10):
        kids = list(tok.children)
        lemma = tok.lemma_.lower()
        if own_clause:
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "never")) for c in kids):
                cues.add("negated")
            if tok is not head and lemma in _NEGATORS and _is_complement(via, tok):
                cues.add("negated")
            if any(c.dep_ == "aux" and c.lower_ in _HEDGE_AUX for c in kids):
                cues.add("hedged")
            if (tok is not head and lemma in _HEDGE_GOVERNORS) or any(
                    c.lower_ in _HEDGE_MODIFIERS for c in kids if c.dep_ in ("amod", "advmod")):
                cues.add("hedged")
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in kids) or any(
                    c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)
                    for c in kids):
                cues.add("conditional")
        if tok is not head and lemma in _DENIERS:
            cues.add("denied")
        if lemma in _CLAIMS and tok.head.lemma_.lower() in _DENIERS | {"reject"}:
            cues.add("denied")
        if tok.head == tok or tok.dep_ == "conj":
            break
        if tok.dep_ in _CLAUSE_DEPS:
            own_clause = False
        tok, via = tok.head, tok
    return next((m for m in ("denied", "negated", "conditional", "hedged") if m in cues), "asserted")


def _is_complement(child: Token, negator: Token) -> bool:
    """Whether ``child`` (on the path up from a trigger) is what ``negator`` refuses, ends or prevents."""
    if child.dep_ in _NEGATED_DEPS:
        return True
    preps = _NEGATED_PREPS.get("NOUN" if negator.pos_ in ("NOUN", "PROPN") else "VERB", set())
    return child.dep_ == "prep" and child.lower_ in preps


# --- actor and target -------------------------------------------------------------------------------------

def _entity(tok: Token) -> Span | None:
    """The named entity holding ``tok`` within its sentence (from the IOB tags: ``Doc.ents`` is rebuilt per access)."""
    if not tok.ent_type_:
        return None
    doc, a, b = tok.doc, tok.i, tok.i + 1
    while doc[a].ent_iob_ == "I" and a > 0:
        a -= 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    sent = tok.sent
    return Span(doc, a, b, label=tok.ent_type_) if sent.start <= a and b <= sent.end else None


def _phrase(tok: Token) -> Span | None:
    """Surface span for an actor/target token: its entity, an entity modifying it, or its noun phrase."""
    if tok.pos_ == "PRON" or tok.lower_ in _RELATIVE:  # a first-person one is kept: a quote's speaker says who
        if tok.lower_ in _FIRST_PERSON:
            return tok.doc[tok.i: tok.i + 1]
        antecedent = _antecedent(tok)
        return _entity(antecedent) if antecedent is not None else None
    ent = _entity(tok)
    if ent is not None:
        return ent if ent.label_ not in _NOT_ACTOR_ENTS else None
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.ent_type_ in _ACTOR_ENTS:
            return _entity(child)
    left = min([c.i for c in tok.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")] + [tok.i])
    return tok.doc[left: tok.i + 1]


def _antecedent(pron: Token) -> Token | None:
    """The named actor a third-person pronoun stands for, or None.

    Inside its sentence, the subject of a clause governing the pronoun's ("Russia has denied *it* has plans",
    "Washington … refused …, but said *they* are ready"); else, for a pronoun subject of the main clause of a
    sentence with no quotation marks, the subject of the previous sentence in the paragraph ("Blinken will travel
    to Kyiv … *He* will discuss …"). *He / she* need a person, *it / they* a country, bloc or organisation.
    """
    kinds = _PRONOUN_KINDS.get(pron.lower_)
    if kinds is None:
        return None
    verb, hops = pron.head, 0
    while verb.head != verb and verb.dep_ in _GOVERNED_DEPS and hops < 4:
        verb, hops = verb.head, hops + 1
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON":
            return subj if subj.ent_type_ in kinds else None
    sent = pron.sent
    if pron.dep_ != "nsubj" or pron.head != sent.root or any(t.text in _QUOTE_MARKS for t in sent):
        return None
    if sent.start == 0 or "\n" in pron.doc[sent.start - 1].text:  # no previous sentence in the paragraph
        return None
    prev = pron.doc[sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.ent_type_ in kinds else None


def _is_actorish(tok: Token) -> bool:
    return (tok.ent_type_ in _ACTOR_ENTS or (tok.pos_ == "PROPN" and not tok.ent_type_)
            or (tok.pos_ == "PRON" and tok.lower_ in _FIRST_PERSON)
            or any(c.ent_type_ in _ACTOR_ENTS for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")))


def _prep_target(tok: Token, skip: Iterable[int] = ()) -> Token | None:
    """First actor-like object under the prepositions of ``tok`` (descending through 'the border with X')."""
    fallback = None
    frontier = [c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in _TARGET_PREPS | {"to"}]
    for _ in range(3):
        nxt = []
        for prep in frontier:
            for obj in (c for c in prep.children if c.dep_ == "pobj" and c.i not in skip):
                if _is_actorish(obj):
                    return obj
                fallback = fallback or obj
                nxt += [c for c in obj.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
        frontier = nxt
    if fallback is None or fallback.pos_ != "PROPN" or fallback.ent_type_ in _NOT_ACTOR_ENTS:
        return None  # "meeting on Tuesday", "convene a meeting on January 12": a date is no target
    return fallback


def _subject(verb: Token) -> Token | None:
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
        if subj is not None and subj.dep_ == "agent":
            subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
        if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        if subj is not None:
            return subj
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # "as we were promised": the promise is not the main clause subject's
        if verb.dep_ not in ("xcomp", "conj", "acl", "advcl", "dobj", "acomp") or verb.head == verb:
            return None
        verb = verb.head
    return None


def _of_object(noun: Token) -> Token | None:
    """The actor-like object of the noun's *of*: "invasion of Ukraine", "withdrawal of Russian troops"."""
    return next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for o in c.children if o.dep_ == "pobj" and _is_actorish(o)), None)


def _roles(head: Token, tokens: list[Token], code: str) -> tuple[Token | None, Token | None]:
    """(actor, target) tokens for a trigger head (``tokens``: all words of the trigger; ``code``: its CAMEO code)."""
    actor = target = None
    own = {t.i for t in tokens}
    verb = head if head.pos_ in ("VERB", "AUX") else None
    if verb is None:  # a noun trigger: its own modifiers first, then the verb it depends on
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON" or (
                    child.dep_ in ("amod", "compound") and child.ent_type_ in _ACTOR_ENTS):
                actor = actor or child
            if child.dep_ == "prep" and child.lower_ == "by":
                actor = next((c for c in child.children if c.dep_ == "pobj"), actor)
        of = _of_object(head)
        if code[:2] in _OF_PATIENT_ROOTS:
            target = of  # "invasion of Ukraine", "expulsion of Russian diplomats"
        elif code[:2] in _OF_AGENT_ROOTS and of is not None and of.i not in own:
            actor = actor or of  # "withdrawal of Russian troops", "a meeting of Nato ministers"
        target = target or _prep_target(head)
        tok = head
        for _ in range(3):
            if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "attr", "conj", "appos", "compound"):
                tok = tok.head
                if tok.pos_ in ("VERB", "AUX"):
                    verb = tok
                    break
    if verb is not None:
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and (passive.i in own or not _entity(passive)):
            actor = next((c for c in passive.children if c.dep_ in ("amod", "compound", "poss")
                          and c.ent_type_ in _ACTOR_ENTS), actor)  # "Russian troops are massed"
        subj = _subject(verb)
        if actor is None and subj is not None and subj != head:
            actor = subj
        if target is None:
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass") and c.i not in own]
            target = next((o for o in objs if _is_actorish(o)), None)
            dobjs = [c for c in verb.children if c.dep_ == "dobj"]
            if target is None and verb is head and code[:2] in _CLAUSE_TARGET_ROOTS:
                target = next((s for c in verb.children if c.dep_ in ("ccomp", "xcomp")  # "demanded that X …"
                               for s in c.children if s.dep_ == "nsubj" and _is_actorish(s)), None)
            if target is None and verb is head and code[:2] in _OF_PATIENT_ROOTS:
                target = next((t for o in dobjs if o.i not in own if (t := _owner(o)) is not None), None)
            for tok in [verb, *dobjs] + ([head] if head is not verb else []):
                target = target or _prep_target(tok, {head.i})
    return actor, target


def _owner(noun: Token) -> Token | None:
    """Whose the noun is: "rejected *North Korea's* demand", "an *Australian* ultimatum", "calls *by* X",
    "the removal *of* X"."""
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and child.ent_type_ in _ACTOR_ENTS:
            return child
    return next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "of")
                 for o in c.children if o.dep_ == "pobj" and _is_actorish(o)), None)


def _signal(doc: Doc, entry: LexiconEntry, tokens: list[Token], head: Token) -> Signal:
    start, last = tokens[0].idx, tokens[-1]
    end = last.idx + len(last.text)
    actor, target = (_phrase(t) if t is not None else None for t in _roles(head, tokens, entry.code))
    if actor is not None and target is not None and actor.start == target.start:
        target = None
    return Signal(
        start=start, end=end, trigger=doc[tokens[0].i:last.i + 1].text, direction=entry.direction, code=entry.code,
        category=CATEGORIES[entry.code[:2]], weight=entry.weight, modality=_modality(head),
        actor=actor.text if actor is not None else None,
        actor_start=actor.start_char if actor is not None else None,
        actor_end=actor.end_char if actor is not None else None,
        target=target.text if target is not None else None,
        target_start=target.start_char if target is not None else None,
        target_end=target.end_char if target is not None else None,
        pattern=entry.pattern,
    )

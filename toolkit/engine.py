"""Run the per-article annotators over many articles: in this process, a local process pool, or a Dask cluster.

Every engine runs the same :class:`Annotator` on its share of the articles and returns the same rows, so the
tables do not depend on how the work was spread. Each article's stages are cached (see :mod:`toolkit.cache`).

- ``jobs=1``: one process, spaCy's ``nlp.pipe`` in batches.
- ``jobs=N``: a pool of N worker processes (``spawn``: no fork of a threaded notebook kernel), each parsing a
  shard of the articles. Small corpora stay in one process (a worker costs ~2 s to start). If the pool cannot
  start or a worker dies, a warning is issued and the rest runs in this process.
- :func:`run_dask`: the articles are partitioned over a Dask cluster (``pip install '.[dask]'``).

>>> from toolkit.ingest import load
>>> settings = Settings()
>>> arts = load("seeds/").articles
>>> rows = dict(run(settings, zip(arts["article_id"], arts["text"]), jobs=1))
>>> sorted(rows["000_344f8b7972184192"])
['mentions', 'quotes', 'sentences', 'signals']
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from . import __version__
from .actors import Aliases, find_mentions, load_aliases, load_roles, names_person
from .cache import Fingerprint, StageKeys, code_hash, read_doc, read_rows, write_doc, write_rows
from .nlp import load_model, paragraphs, parse
from .quotes import find_quotes, load_cues
from .signals import find_signals, first_person, load_lexicon, quote_holding, voiced_actor

__all__ = ["Annotator", "EngineError", "Settings", "run", "run_dask"]

Rows = dict[str, list[dict[str, Any]]]
_PRONOUNS = frozenset("i we you he she it they this that these those who one its their his her our my".split())
_MIN_WORDS_PER_JOB = 40_000  # below this per worker, a pool costs more than it saves


class EngineError(RuntimeError):
    """The chosen engine cannot run (e.g. Dask not installed, scheduler unreachable)."""


@dataclass(frozen=True)
class Settings:
    """What an annotation run uses (picklable: sent to worker processes)."""

    model: str | None = None
    aliases: str | None = None
    lexicon: str | None = None
    cues: str | None = None
    cache: bool = True
    batch_size: int = 64


class Annotator:
    """The per-article stages (sentences + mentions, quotes, signals) with their caches, in one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_model(settings.model)
        self.aliases: Aliases = load_aliases(settings.aliases)
        self.lexicon = load_lexicon(settings.lexicon)
        self.cues = load_cues(settings.cues)
        meta = self.nlp.meta
        self.model_id = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
        self.fingerprint = Fingerprint(  # data files and the code of each stage: editing either re-runs it
            model="|".join([self.model_id, _file_hash(None, "abbreviations.txt"), code_hash("nlp.py")]),
            base="|".join([__version__, _file_hash(settings.aliases, "actors.csv"), _file_hash(None, "roles.csv"),
                           _file_hash(None, "first_names.csv"), code_hash("engine.py", "actors.py")]),
            cues="|".join([hashlib.sha256(repr(sorted(self.cues.items())).encode()).hexdigest()[:16],
                           _file_hash(None, "first_names.csv"), code_hash("quotes.py")]),
            lexicon="|".join([_file_hash(settings.lexicon, "escalation.csv"), code_hash("signals.py")]),
        )

    def data_files(self, boilerplate: str | None = None) -> list[tuple[str, str, str]]:
        """``(what, file, sha256 prefix)`` of the data files that decide the annotations (for the report), with
        the ``boilerplate`` file the corpus was loaded with (None: the packaged one)."""
        s = self.settings
        n = len(self.lexicon.entries)
        files = [("actor aliases", None, "actors.csv"), ("your actor aliases", s.aliases, "actors.csv"),
                 ("quote cues", None, "cues.csv"), ("your quote cues", s.cues, "cues.csv"),
                 (f"escalation lexicon, {n} pattern{'s' * (n != 1)}", s.lexicon, "escalation.csv"),
                 ("boilerplate patterns", boilerplate, "boilerplate.txt")]
        return [(what, path or f"toolkit/data/{packaged}", _file_hash(path, packaged))
                for what, path, packaged in files if path or not what.startswith("your")]

    def keys(self, text: str) -> StageKeys:
        """The cache keys of an article's stages."""
        return StageKeys.of(self.fingerprint, text)

    def cached(self, text: str) -> Rows | None:
        """All rows of an article already in the cache (one read), or None."""
        return read_rows("all", self.keys(text).all) if self.settings.cache else None

    def annotate(self, items: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Rows]]:
        """``(article_id, rows)`` for each ``(article_id, text)``, parsing only what no cache holds."""
        cache = self.settings.cache
        to_parse: list[tuple[str, str, StageKeys]] = []
        have_doc: list[tuple[str, StageKeys, Doc]] = []
        for aid, text in items:
            keys = StageKeys.of(self.fingerprint, text)
            rows = read_rows("all", keys.all) if cache else None
            if rows is not None:
                yield aid, rows
                continue
            doc = read_doc(keys.doc, self.nlp.vocab) if cache else None
            if doc is None:
                to_parse.append((aid, text, keys))
            else:
                have_doc.append((aid, keys, doc))
        for aid, keys, doc in have_doc:
            yield aid, self._stages(doc, keys)
        if not to_parse:
            return
        parsed = parse(self.nlp, (text for _, text, _ in to_parse), batch_size=self.settings.batch_size)
        for (aid, _, keys), doc in zip(to_parse, parsed):
            if cache:
                write_doc(keys.doc, doc)
            yield aid, self._stages(doc, keys)

    def _stages(self, doc: Doc, keys: StageKeys) -> Rows:
        """Rows of one parsed article: each stage from its cache entry or computed (and cached)."""
        cache = self.settings.cache
        base = read_rows("base", keys.base) if cache else None
        if base is None:
            base = _base_rows(doc, self.aliases)
            if cache:
                write_rows("base", keys.base, base)
        canon = _Canonical(base["mentions"], self.aliases, doc.text)
        sent_starts = [s["start"] for s in base["sentences"]]
        rows = dict(base)
        for stage, key, compute, data in (("quotes", keys.quotes, _quote_rows, self.cues),
                                          ("signals", keys.signals, _signal_rows, self.lexicon)):
            found = read_rows(stage, key) if cache else None
            if found is None:
                found = compute(doc, canon, sent_starts, data, rows.get("quotes", []))
                if cache:
                    write_rows(stage, key, found)
            rows[stage] = found
        if cache:
            write_rows("all", keys.all, rows)
        return rows


def _file_hash(path: str | Path | None, packaged: str) -> str:
    data = Path(path).read_bytes() if path else resources.files("toolkit").joinpath(f"data/{packaged}").read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


# ---------------------------------------------------------------- engines


@contextmanager
def _main_hidden() -> Iterator[None]:
    """Hide the user's ``__main__`` while workers spawn: they need only this module, and re-running a script
    without an ``if __name__ == "__main__"`` guard in every worker would start its work over."""
    main = sys.modules.get("__main__")
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if main and name in main.__dict__}
    try:
        if main is not None:
            main.__dict__.pop("__file__", None)
            main.__dict__["__spec__"] = None
        yield
    finally:
        if main is not None:
            main.__dict__.pop("__spec__", None)
            main.__dict__.update(saved)


_WORKER: Annotator | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Annotator(settings)


def _work(items: list[tuple[str, str]]) -> list[tuple[str, Rows]]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.annotate(items))


def _shards(items: list[tuple[str, str]], n: int) -> list[list[tuple[str, str]]]:
    """About ``n`` shards per worker of similar word counts (small enough to show progress), in input order."""
    total = sum(len(t) for _, t in items) or 1
    size = max(total / n, 1)
    shards: list[list[tuple[str, str]]] = [[]]
    filled = 0
    for item in items:
        if filled >= size and shards[-1]:
            shards.append([])
            filled = 0
        shards[-1].append(item)
        filled += len(item[1])
    return shards


def run(settings: Settings, items: Iterable[tuple[str, str]], jobs: int | None = None,
        progress: bool | None = None) -> Iterator[tuple[str, Rows]]:
    """Annotate ``(article_id, text)`` items with ``jobs`` processes (default: all cores), with a progress bar.

    ``progress=None`` shows the bar when more than 20 articles are annotated.
    """
    from tqdm.auto import tqdm

    items = list(items)
    bar = tqdm(total=len(items), unit="article", desc="annotate", disable=not (progress or
                                                                                (progress is None and len(items) > 20)))
    annotator = _annotator(settings)
    todo = []
    for aid, text in items:  # cache hits are served here, without starting workers
        rows = annotator.cached(text)
        if rows is None:
            todo.append((aid, text))
        else:
            bar.update()
            yield aid, rows
    items = todo
    jobs = max(1, jobs or os.cpu_count() or 1)
    jobs = min(jobs, max(1, sum(len(t.split()) for _, t in items) // _MIN_WORDS_PER_JOB))
    done: set[str] = set()
    try:
        if jobs > 1:
            try:
                with ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_init_worker,
                                         initargs=(settings,)) as pool:
                    with _main_hidden():  # workers start on the first submits
                        futures = [pool.submit(_work, shard) for shard in _shards(items, jobs * 8)]
                    for future in as_completed(futures):
                        for aid, rows in future.result():
                            done.add(aid)
                            bar.update()
                            yield aid, rows
            except (BrokenProcessPool, OSError) as err:
                warnings.warn(f"parallel annotation failed ({err}); continuing in one process", RuntimeWarning,
                              stacklevel=2)
        rest = [item for item in items if item[0] not in done]
        for aid, rows in annotator.annotate(rest) if rest else ():
            bar.update()
            yield aid, rows
    finally:
        bar.close()


def run_dask(settings: Settings, items: Iterable[tuple[str, str]], scheduler: str | None = None,
             partitions: int | None = None) -> Iterator[tuple[str, Rows]]:
    """Annotate on a Dask cluster: ``scheduler`` is its address (None: a local cluster on this machine)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise EngineError("the Dask engine needs the 'dask' extra: pip install 'crisis-toolkit[dask]'") from err
    items = list(items)
    cluster = None if scheduler else LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    try:
        client = Client(scheduler or cluster, timeout="20s")
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    try:
        shards = _shards(items, partitions or 4 * max(1, len(client.scheduler_info()["workers"])))
        futures = client.map(_dask_work, shards, settings=settings, pure=False)
        for future in futures:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_work(items: list[tuple[str, str]], settings: Settings) -> list[tuple[str, Rows]]:
    return list(_annotator(settings).annotate(items))


_ANNOTATORS: dict[Settings, Annotator] = {}


def _annotator(settings: Settings) -> Annotator:
    """One Annotator per settings per process (Dask workers run many tasks)."""
    if settings not in _ANNOTATORS:
        _ANNOTATORS[settings] = Annotator(settings)
    return _ANNOTATORS[settings]


# ---------------------------------------------------------------- stages


def _base_rows(doc: Doc, aliases: Aliases) -> Rows:
    """Sentences (stripped, with paragraph index) and actor mentions of one parsed article."""
    paras = [s for s, _ in paragraphs(doc.text)]
    sentences = []
    for sent in doc.sents:
        stripped = sent.text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        sentences.append({"sent_idx": len(sentences), "para_idx": max(bisect.bisect_right(paras, start) - 1, 0),
                          "start": start, "end": start + len(stripped), "text": stripped})
    starts = [s["start"] for s in sentences]
    mentions = [{"sent_idx": _sent_of(starts, m.start), "start": m.start, "end": m.end, "text": m.text,
                 "label": m.label, "actor": m.actor, "how": m.how, "role": m.role, "side": m.side}
                for m in find_mentions(doc, aliases)]
    return {"sentences": sentences, "mentions": mentions}


def _sent_of(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _quote_rows(doc: Doc, canon: _Canonical, starts: list[int], cues: dict[str, str],
                _quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    text = doc.text
    return [{"quote_idx": i, "start": q.start, "end": q.end, "text": text[q.start:q.end], "kind": q.kind,
             "speaker": canon.actor(q.speaker, q.speaker_start, q.speaker_end),
             "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "cue": q.cue,
             "cue_start": q.cue_start, "cue_end": q.cue_end, "sent_idx": _sent_of(starts, q.start)}
            for i, q in enumerate(find_quotes(doc, canon.persons(), cues))]


def _signal_rows(doc: Doc, canon: _Canonical, starts: list[int], lexicon: Any,
                 quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Signal rows; a signal inside a quote gets the quote's speaker, who also stands for its *we* / *I*."""
    spans = [(q["start"], q["end"]) for q in quotes]
    rows = []
    for s in find_signals(doc, lexicon):
        held = quote_holding(s.start, s.end, spans)
        speaker = quotes[held]["speaker"] if held is not None else None
        actor, target = ((voiced_actor(name, speaker, canon.state_side(speaker)) if first_person(name)
                          else canon.actor(name, a, b))
                         for name, a, b in ((s.actor, s.actor_start, s.actor_end),
                                            (s.target, s.target_start, s.target_end)))
        rows.append({"sent_idx": _sent_of(starts, s.start), "start": s.start, "end": s.end, "trigger": s.trigger,
                     "direction": s.direction, "category": s.category, "weight": s.weight,
                     "modality": s.modality, "actor": actor, "target": target if target != actor else None,
                     "speaker": speaker, "code": s.code, "pattern": s.pattern})
    return rows


class _Canonical:
    """Map a name string and/or a text span to a canonical actor, using the article's mention rows."""

    def __init__(self, mentions: list[dict[str, Any]], aliases: Aliases, text: str) -> None:
        self.text = text  # the article, to see what follows a mention
        named = [m for m in mentions if m["actor"]]
        self.mentions = sorted(named, key=lambda m: m["start"])
        self.starts = [m["start"] for m in self.mentions]
        self.longest = max((m["end"] - m["start"] for m in named), default=0)
        self.by_text = {m["text"]: m["actor"] for m in named}
        self.by_last: dict[str, str] = {}
        for m in named:
            if m["text"].split():
                self.by_last.setdefault(m["text"].split()[-1], m["actor"])
        self.aliases = aliases

    def persons(self) -> list[tuple[int, int]]:
        """Char spans of the mentions of persons (what ``find_quotes`` takes)."""
        return [(m["start"], m["end"]) for m in self.mentions if self._is_person(m)]

    def state_side(self, actor: str | None) -> str | None:
        """The state or bloc a person speaks for (alias file, else their titles in this article), or None."""
        if actor is None:
            return None
        info = self.aliases.info.get(actor)
        if info is not None:
            side = info.side if info.kind == "person" else None
        else:
            side = next((m["side"] for m in self.mentions
                         if m["actor"] == actor and m["label"] == "PERSON" and m["side"]), None)
        return side if side in self.aliases.info else None

    def actor(self, name: str | None, start: int | None, end: int | None) -> str | None:
        if start is not None and end is not None:
            lo = bisect.bisect_right(self.starts, start - self.longest)
            inside = [m for m in self.mentions[lo:bisect.bisect_left(self.starts, end)] if start < m["end"]]
            head = next((m for m in inside if m["start"] <= start < m["end"] and self.text.startswith(",", m["end"])),
                        None)  # "Oleksandr Starukh, the governor of the Zaporizhzhia region"
            if head is not None:
                return head["actor"]
            if inside:  # a person first: "the White House press secretary, Jen Psaki", then the longest
                people = [m for m in inside if self._is_person(m)
                          and not self.text.startswith(("’s", "'s", "-"), m["end"])]  # not "Drueke’s mother, …"
                found = max(people or inside, key=lambda m: (m["end"] - m["start"], -m["start"]))["actor"]
                return found if people else self._holder(name or "") or found
        name = re.sub(r",\s*\d+$", "", name or "")  # "Taras Shevchenko, 43": an age is no part of a name
        if not name:
            return None
        if name in self.by_text:
            return self.by_text[name]
        known = self.aliases.lookup(name)
        if known:
            return known
        last = name.split()[-1] if name.split() else ""
        if last[:1].isupper() and last in self.by_last:
            return self.by_last[last]
        longer = {actor for text, actor in self.by_text.items() if text.startswith(name + " ")}
        if len(longer) == 1:  # the model's entity cut a name short: "Ursula von der" of "Ursula von der Leyen"
            return longer.pop()
        words = name.split()
        if words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]  # an unresolved description: "The ministry" is no name, "The Hague" is
            named = self._holder(name) or self._named_in(words)
            if named is not None:  # "A Kremlin spokesperson" (a pronoun's antecedent): as its own span would be
                return named
        if not words or words[0].lower() in _PRONOUNS or not words[0][:1].isupper():
            return None  # "It said", "They added", "the defence ministry": no actor to name
        return name

    def _is_person(self, mention: dict[str, Any]) -> bool:
        """Whether a mention names a person (:func:`toolkit.actors.names_person`)."""
        return names_person(mention["actor"], mention["label"], self.aliases)

    def _holder(self, description: str) -> str | None:
        """The one person this article names whose role and side a definite description gives (``the Russian
        president`` → Vladimir Putin, when the article names him; roles from the alias file, else from the
        person's titles in the article), else None. Not an indefinite one: ``a Kremlin spokesperson`` is anyone."""
        words = description.split()
        head = re.split(r"[’']s\b", description)[-1]  # "the Ukrainian president’s office" is an office
        role = load_roles().find(head) if words and words[0].lower() == "the" else None
        side = self._named_in(words[1:]) if role is not None else None
        if side is None:
            return None
        holders = set()
        for m in self.mentions:
            info = self.aliases.info.get(m["actor"])
            if not self._is_person(m):
                continue
            their_role = (info.role if info is not None else None) or m["role"]
            if their_role and load_roles().find(their_role) == role and ((info and info.side) or m["side"]) == side:
                holders.add(m["actor"])
        return holders.pop() if len(holders) == 1 else None

    def _named_in(self, words: list[str]) -> str | None:
        """The alias-file actor named by the capitalised words opening a description (``Kremlin`` in ``Kremlin
        spokesperson``, ``State Department`` in ``State Department official``), else None — not a name further
        in (``former UN commissioner``, ``spokesman for the British Casino Association, which represents the UK``)."""
        run: list[str] = []
        for word in words:
            if not word[:1].isupper():
                break
            run.append(word)
            if word.endswith(","):
                break
        name = " ".join(run).rstrip(",").removesuffix("’s").removesuffix("'s")
        return self.aliases.lookup(name) if name else None  # only known actors: the article's names may be places

"""Score toolkit.signals on the escalation dev set, against a no-modality ablation measured in the same run.

    .venv/bin/python bench/eval_signals.py [GOLD.jsonl] [-o pred.jsonl] [--errors]

Writes predictions ``{"id", "label", "score", "signals"}`` (one per gold line), runs the shared
``score.py --by-dataset`` on them, then prints the macro-F1 of the same signals with every modality read as
asserted (the ablation) and the ratio between the two, then macro-F1 on the two parts of the set: ``dev`` (about
70 %, for tuning: ``--errors`` lists only its sentences) and ``held-out`` (about 30 %, fixed by a hash of the id:
a check that rules generalise, never a source of fixes), and how often the signals' actor and target spans
name the gold ``source_actor`` / ``target_actor`` on each part.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.nlp import load_model, parse  # noqa: E402
from toolkit.signals import find_signals, label_passage  # noqa: E402

GOLD = ROOT.parent / "shared" / "eval" / "escalation" / "dev.jsonl"
LABELS = ("escalation", "de-escalation", "neutral")
HELD_OUT_TENTHS = 3  # sentences whose id hashes to 0-2 (mod 10) are held out: never look at their errors


def part(sentence_id: str) -> str:
    """``held-out`` for about 30 % of the sentences (fixed by a hash of the id), ``dev`` for the rest."""
    digest = int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest(), 16)
    return "held-out" if digest % 10 < HELD_OUT_TENTHS else "dev"


def _f1s(pairs: list[tuple[str, str]]) -> list[float]:
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab == p for g, p in pairs)
        fp = sum(p == lab != g for g, p in pairs)
        fn = sum(g == lab != p for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return f1s


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    return sum(_f1s(pairs)) / len(LABELS)


def _names(value: str | None) -> set[str]:
    """Lower-case names without a leading "the": the gold's "A|B" alternatives or one predicted span."""
    out = set()
    for name in (value or "").split("|"):
        name = " ".join(name.lower().split())
        out.add(name[4:] if name.startswith("the ") else name)
    return out - {""}


def _role_prf(gold: list[set[str]], pred: list[set[str]]) -> tuple[float, float, float]:
    """Sentence-level P/R/F1 of a role: a sentence's predicted spans match when one holds or is held by a gold
    name (word boundaries); precision over sentences with a prediction and a gold name, recall over those with a
    gold name."""
    def match(p: str, g: str) -> bool:
        return f" {g} " in f" {p} " or f" {p} " in f" {g} "
    hit = [any(match(p, g) for p in ps for g in gs) for gs, ps in zip(gold, pred)]
    with_pred = sum(bool(ps) for gs, ps in zip(gold, pred) if gs)
    with_gold = sum(bool(gs) for gs in gold)
    prec = sum(hit) / with_pred if with_pred else 0.0
    rec = sum(hit) / with_gold if with_gold else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "reports" / "signals_dev_pred.jsonl")
    parser.add_argument("--errors", action="store_true", help="print the wrongly labelled sentences")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = parse(load_model(), (r["text"] for r in rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    pairs, flat, parts = [], [], []
    roles: dict[str, tuple[list[set[str]], list[set[str]]]] = {"actor": ([], []), "target": ([], [])}
    with args.out.open("w", encoding="utf-8") as fh:
        for row, doc in zip(rows, docs):
            sigs = find_signals(doc)
            label, score = label_passage(sigs)
            plain, _ = label_passage([dataclasses.replace(s, modality="asserted") for s in sigs])
            pairs.append((row["label"], label))
            parts.append(part(str(row["id"])))
            flat.append((row["label"], plain))
            for role, (gold, pred) in roles.items():
                gold.append(_names(row.get(f"{'source' if role == 'actor' else 'target'}_actor")))
                pred.append(set().union(*(_names(getattr(s, role)) for s in sigs)))
            fh.write(json.dumps({"id": row["id"], "label": label, "score": score,
                                 "signals": [dataclasses.asdict(s) for s in sigs]}) + "\n")
            if args.errors and label != row["label"] and parts[-1] == "dev":
                shown = "; ".join(f"{s.trigger}/{s.code}/{s.modality}" for s in sigs)
                print(f"{row['label'][:5]}>{label[:5]} {row['cameo']} {row['text'][:150]}\n      [{shown}]")
    subprocess.run([sys.executable, str(args.gold.parent / "score.py"), str(args.gold), str(args.out),
                    "--by-dataset"], check=True)
    full, base = _macro_f1(pairs), _macro_f1(flat)
    print(f"ablation (modality ignored) macro_f1={base:.3f}; with modality {full:.3f} (ratio {full / base:.2f})")
    print(f"{'part':<9} {'n':>4} {'esc':>4} {'de-esc':>6} {'neut':>4} {'macro_f1':>8} {'esc_f1':>6} {'deesc_f1':>8} "
          f"{'neutral_f1':>10}")
    for name in ("dev", "held-out"):
        sub = [pair for pair, p in zip(pairs, parts) if p == name]
        counts = [sum(g == lab for g, _ in sub) for lab in LABELS]
        f1s = _f1s(sub)
        print(f"{name:<9} {len(sub):>4} {counts[0]:>4} {counts[1]:>6} {counts[2]:>4} {sum(f1s) / 3:>8.3f} "
              f"{f1s[0]:>6.3f} {f1s[1]:>8.3f} {f1s[2]:>10.3f}")
    print(f"{'part':<9} {'role':<7} {'gold':>5} {'prec':>6} {'rec':>6} {'f1':>6}   (actor / target spans vs the gold "
          "source_actor / target_actor)")
    for name in ("dev", "held-out"):
        for role, (gold, pred) in roles.items():
            keep = [i for i, p in enumerate(parts) if p == name]
            prec, rec, f1 = _role_prf([gold[i] for i in keep], [pred[i] for i in keep])
            print(f"{name:<9} {role:<7} {sum(bool(gold[i]) for i in keep):>5} {prec:>6.3f} {rec:>6.3f} {f1:>6.3f}")


if __name__ == "__main__":
    main()

"""Score toolkit.signals on the escalation dev set, against a no-modality ablation measured in the same run.

    .venv/bin/python bench/eval_signals.py [GOLD.jsonl] [-o pred.jsonl] [--errors]

Writes predictions ``{"id", "label", "score", "signals"}`` (one per gold line), runs the shared
``score.py --by-dataset`` on them, then prints the macro-F1 of the same signals with every modality read as
asserted (the ablation) and the ratio between the two.
"""

from __future__ import annotations

import argparse
import dataclasses
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


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab == p for g, p in pairs)
        fp = sum(p == lab != g for g, p in pairs)
        fn = sum(g == lab != p for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "reports" / "signals_dev_pred.jsonl")
    parser.add_argument("--errors", action="store_true", help="print the wrongly labelled sentences")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = parse(load_model(), (r["text"] for r in rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    pairs, flat = [], []
    with args.out.open("w", encoding="utf-8") as fh:
        for row, doc in zip(rows, docs):
            sigs = find_signals(doc)
            label, score = label_passage(sigs)
            plain, _ = label_passage([dataclasses.replace(s, modality="asserted") for s in sigs])
            pairs.append((row["label"], label))
            flat.append((row["label"], plain))
            fh.write(json.dumps({"id": row["id"], "label": label, "score": score,
                                 "signals": [dataclasses.asdict(s) for s in sigs]}) + "\n")
            if args.errors and label != row["label"]:
                shown = "; ".join(f"{s.trigger}/{s.code}/{s.modality}" for s in sigs)
                print(f"{row['label'][:5]}>{label[:5]} {row['cameo']} {row['text'][:150]}\n      [{shown}]")
    subprocess.run([sys.executable, str(args.gold.parent / "score.py"), str(args.gold), str(args.out),
                    "--by-dataset"], check=True)
    full, base = _macro_f1(pairs), _macro_f1(flat)
    print(f"ablation (modality ignored) macro_f1={base:.3f}; with modality {full:.3f} (ratio {full / base:.2f})")


if __name__ == "__main__":
    main()

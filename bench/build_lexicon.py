"""Fill ``direction`` and ``weight`` of toolkit/data/escalation.csv from the CAMEO code of each row.

The lexicon is edited by hand (``pattern``, ``pos``, ``code``, ``note``); this script looks every code up in
``../shared/lexicons/cameo_events.csv`` (GDELT Goldstein weights), sets the direction from the CAMEO root
(03–08 de-escalation, 10–20 escalation), drops exact duplicates and writes the file back sorted by code.

    .venv/bin/python bench/build_lexicon.py [--source SRC.txt] [--events PATH]

``--source`` reads ``pattern|pos|code|note`` lines (``#`` comments) instead of the current CSV.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "toolkit" / "data" / "escalation.csv"
EVENTS = ROOT.parent / "shared" / "lexicons" / "cameo_events.csv"
FIELDS = ["pattern", "pos", "direction", "code", "weight", "note"]


def _direction(code: str) -> str:
    root = int(code[:2])
    if 3 <= root <= 8:
        return "de-escalation"
    if 10 <= root <= 20:
        return "escalation"
    raise ValueError(f"code {code}: root {root:02d} is neither escalation nor de-escalation")


def _read_source(path: Path) -> list[dict[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, pos, code, note = (part.strip() for part in line.split("|", 3))
            rows.append({"pattern": pattern, "pos": pos, "code": code, "note": note})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path)
    parser.add_argument("--events", type=Path, default=EVENTS)
    args = parser.parse_args()
    with args.events.open(encoding="utf-8") as fh:
        weights = {r["code"]: float(r["goldstein"]) for r in csv.DictReader(fh)}
    if args.source:
        rows = _read_source(args.source)
    else:
        with LEXICON.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    out, seen = [], set()
    for row in rows:
        key = (row["pattern"].lower(), row["pos"].upper(), row["code"])
        if key in seen:
            continue
        seen.add(key)
        code = row["code"]
        if code not in weights:
            raise SystemExit(f"unknown CAMEO code {code!r} in row {row}")
        out.append({**row, "pos": row["pos"].upper(), "direction": _direction(code), "weight": weights[code]})
    out.sort(key=lambda r: (r["code"][:2], r["code"], r["pattern"]))
    with LEXICON.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(out)
    print(f"wrote {len(out)} rows to {LEXICON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Derive the organisation list shipped in the package from ../shared/policy/proscribed_orgs.csv.

Run from the repository root: ``python scripts/build_organisations.py [SOURCE_CSV]``. It copies
every row and column of the reference list and adds ``date_revoked``, which the source only gives
in free-text notes; the dates below were read from those notes (each keeps the note's own
verification level: where the note says "background" the date is unverified too).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "policy" / "proscribed_orgs.csv"
TARGET = REPO / "src" / "tvec" / "data" / "organisations.csv"

# (jurisdiction, canonical_name) -> date the designation stopped, as precise as the note says.
REVOCATIONS: dict[tuple[str, str], str] = {
    ("UK", "Hezb-e Islami Gulbuddin"): "2017-12",  # SI 2017/1325
    ("UK", "Hay'at Tahrir al-Sham (HTS)"): "2025-10",  # Name Change (Revocation) Order 2025
    ("UK", "Mujaheddin e Khalq (MeK)"): "2008-06",  # removed June 2008 (background)
    ("UK", "International Sikh Youth Federation (ISYF)"): "2016-03",
    ("US", "Aum Shinrikyo (AUM)"): "2022-05-20",  # background
    ("US", "Basque Fatherland and Liberty (ETA)"): "2022-05-20",  # background
    ("US", "Gama'a al-Islamiyya (Islamic Group - IG)"): "2022-05-20",  # background
    ("US", "Kahane Chai (Kach)"): "2022-05-20",  # background
    ("US", "Revolutionary Armed Forces of Colombia (FARC)"): "2021-11-30",  # background
    ("US", "al-Nusrah Front, aka Hay'at Tahrir al-Sham (ANF/HTS)"): "2025-07",
    ("US", "Mujahidin Shura Council in the Environs of Jerusalem (MSC)"): "2022-05-20",  # background
}


def build(source: Path, target: Path) -> int:
    with source.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or []) + ["date_revoked"]
        rows = list(reader)
    missing = [key for key in REVOCATIONS if not any((r["jurisdiction"], r["canonical_name"]) == key for r in rows)]
    if missing:
        raise SystemExit(f"revocation rows not found in {source}: {missing}")
    for row in rows:
        row["date_revoked"] = REVOCATIONS.get((row["jurisdiction"], row["canonical_name"]), "")
        if row["status"] == "revoked" and not row["date_revoked"]:
            raise SystemExit(f"{source}: revoked row without a revocation date: {row['canonical_name']}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    print(f"wrote {build(src, TARGET)} rows to {TARGET.relative_to(REPO)}")

"""Derive the organisation list shipped in the package from ../shared/policy/proscribed_orgs.csv.

Run from the repository root: ``python scripts/build_organisations.py [SOURCE_CSV]``. It copies
every row and column of the reference list and adds ``date_revoked``, which the source only gives
in free-text notes; the dates below were read from those notes (each keeps the note's own
verification level: where the note says "background" the date is unverified too).

It also adds Bengali and Devanagari spellings of the names of organisations active in South Asia
(``SCRIPT_ALIASES``), which the reference list gives only in Latin and Arabic script, so that a
Bengali or Hindi text naming them is read. They are transliterations written from general
knowledge, not read from any official list: each row that gets them says so in its notes
("... (unverified): N"), as the reference list does for its own added aliases.
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


# group_key -> Bengali and Devanagari spellings (general knowledge, unverified; see above).
# Nukta letters are given both ways where Hindi writes both (ज़ / ज, क़ / क).
SCRIPT_ALIASES: dict[str, tuple[str, ...]] = {
    "aq": ("अल-कायदा", "अल कायदा", "अल-क़ायदा", "আল-কায়েদা", "আল কায়েদা"),
    "aqis": ("भारतीय उपमहाद्वीप में अल-कायदा", "ভারতীয় উপমহাদেশে আল-কায়েদা"),
    "isis": ("इस्लामिक स्टेट", "आईएसआईएस", "दाएश", "ইসলামিক স্টেট", "আইএসআইএস"),
    "hut": ("हिज़्ब उत-तहरीर", "हिज्ब उत-तहरीर", "हिज़्ब-उत-तहरीर", "हिज्ब उत तहरीर", "হিযবুত তাহরীর", "হিজবুত তাহরীর"),
    "hamas": ("हमास", "হামাস"),
    "hezbollah": ("हिज़्बुल्लाह", "हिजबुल्लाह", "হিজবুল্লাহ"),
    "let": ("लश्कर-ए-तैयबा", "लश्कर-ए-तोयबा", "लश्कर ए तैयबा", "লস্কর-ই-তৈয়বা", "লস্কর-ই-তৈয়েবা"),
    "jem": ("जैश-ए-मोहम्मद", "जैश-ए-मुहम्मद", "जैश ए मोहम्मद", "জইশ-ই-মোহাম্মদ"),
    "hm": ("हिज़्बुल मुजाहिदीन", "हिजबुल मुजाहिदीन", "হিজবুল মুজাহিদিন"),
    "ttp": ("तहरीक-ए-तालिबान पाकिस्तान", "তেহরিক-ই-তালেবান পাকিস্তান"),
    "jmb": ("जमात-उल-मुजाहिदीन बांग्लादेश", "জামায়াতুল মুজাহিদীন বাংলাদেশ", "জেএমবি"),
    "im": ("इंडियन मुजाहिदीन", "ইন্ডিয়ান মুজাহিদিন"),
    "huji": ("हरकत-उल-जिहाद-अल-इस्लामी", "হরকাতুল জিহাদ"),
    "bk": ("बब्बर खालसा",),
    "kzf": ("खालिस्तान जिंदाबाद फोर्स",),
}


def add_script_aliases(row: dict[str, str]) -> None:
    """Append the row's organisation's Bengali and Devanagari spellings and say so in its notes."""
    extra = [a for a in SCRIPT_ALIASES.get(row.get("group_key", ""), ()) if a not in row["aliases"].split("|")]
    if not extra:
        return
    row["aliases"] = "|".join([*(a for a in row["aliases"].split("|") if a), *extra])
    note = f"[Bengali and Devanagari spellings added by scripts/build_organisations.py from general knowledge (unverified): {len(extra)}]"
    row["notes"] = f"{row['notes']} {note}".strip()


def build(source: Path, target: Path) -> int:
    with source.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or []) + ["date_revoked"]
        rows = list(reader)
    missing = [key for key in REVOCATIONS if not any((r["jurisdiction"], r["canonical_name"]) == key for r in rows)]
    if missing:
        raise SystemExit(f"revocation rows not found in {source}: {missing}")
    unknown = sorted(set(SCRIPT_ALIASES) - {r.get("group_key", "") for r in rows})
    if unknown:
        raise SystemExit(f"script aliases for group keys not in {source}: {unknown}")
    for row in rows:
        add_script_aliases(row)
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

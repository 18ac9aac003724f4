"""Derive the designated individuals shipped in the package (``src/tvec/data/individuals.csv``).

Run from the repository root: ``python scripts/build_individuals.py [MIRROR_GIT_DIR]``.

Source: the EU's transcriptions of the Official Journal kept by OpenSanctions
(``github:opensanctions/opensanctions``, ``datasets/eu/journal_sanctions/data/consolidated/``, read at
the pinned commit ``COMMIT`` from a ``fetch``-ed mirror):

- ``32002R0881.csv``: Council Regulation (EC) No 881/2002, Annex I - the EU's implementation of the
  UN Security Council ISIL (Da'esh) and Al-Qaida sanctions list (resolution 1267/1989/2253). Its
  ``Person`` rows are the UN-listed individuals (lists ``UN|EU``).
- ``32001R2580.csv``: Council Regulation (EC) No 2580/2001, Annex II.A - persons on the EU's own
  terrorist list (Common Position 2001/931; list ``EU``). Only persons whose notes name an
  organisation of the catalogue are kept; at the pinned commit none of the 13 does, so none is.

Each row keeps the listing's name and its aliases (``alias``; ``weakAlias`` - nicknames such as
"Bilal" or "Adel" - is left out, because praise next to an everyday first name would be taken for
praise of the listed person). Aliases are kept only with at least two words and eight letters,
for the same reason, and a two-word alias only when it shares a distinctive word with the printed
name ("Omar Patek" for "Umar Patek", not "Bada Bhai" for another name). Names printed as "SURNAME Given" or "Surname, Given" are also given in the
natural order. The organisation is the first designated organisation of the catalogue that the
listing's notes name ("Associated with Jemaah Islamiyah"); where the notes name none, the row
keeps the regime's organisation (Al-Qaida for 881/2002) and says so in its source.

``scripts/individuals_curated.csv`` holds the rows written by hand before the listing was read,
with short aliases in Arabic and Urdu script and surnames alone ("al-Baghdadi") that the listing
does not print. Its ``listing_name`` column names the listing's row, printed as in the act; that
row gets the curated name first and the curated aliases too (kept even where the common-name rule
would drop them; the source says they are from general knowledge). Curated rows with no listing
stay ``background``.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from tvec.normalise import normalise
from tvec.orgs.catalogue import Catalogue
from tvec.orgs.matcher import OrganisationMatcher
from tvec.wordview import WordView

COMMIT = "f33cff233ff4393a8c71784cfe280275727b52ca"
DEFAULT_MIRROR = Path("/work/.mirror/opensanctions+opensanctions/repo")
FOLDER = "datasets/eu/journal_sanctions/data/consolidated"
TARGET = REPO / "src" / "tvec" / "data" / "individuals.csv"
CURATED = REPO / "scripts" / "individuals_curated.csv"
#: (file, lists, organisation key when the notes name none, description of the act)
SOURCES = (
    ("32002R0881.csv", "UN|EU", "aq",
     "EU Reg. 881/2002 Annex I (UN 1267 ISIL/Al-Qaida list as applied in the EU)"),
    ("32001R2580.csv", "EU", "",
     "EU Reg. 2580/2001 Annex II.A (EU terrorist list, CP 2001/931)"),
)
MIN_LETTERS = 8
#: Given names, kunyas and titles so common that a name made only of them ("Hafiz Muhammad",
#: "Mohamed Amin Mostafa") names thousands of people: such a name or alias is left out.
_COMMON_WORDS_TEXT = """
muhammad mohammad mohammed mohamed mohamad muhammed mohd muhamad ahmad ahmed ahmet ali abd abdul abdel abdal
abdallah abdullah abdulla abu abou umm ibn bin ben bint al el hafiz hafez sheikh shaikh shaykh mullah maulana
mawlana haji hajji mustafa mostafa mustapha moustafa hassan hasan hussein husain husayn hussain omar umar osman
othman uthman ibrahim ismail yusuf yousef youssef yusef khalid khaled said saeed sayed sayyid amin mahmoud mahmud
karim rahman aziz salim salem saleh salih yasin yassin musa mousa isa issa ilyas adel adil nasser nasir jamal
djamel kamal kamel faisal faycal tariq tarek hamza hamid hamed rashid rachid abdulrahman abdelrahman abdurrahman
ustad ustadz imam dr doctor mufti qari salam haq manan rehman rahman abdur abdus iqbal zafar atif hadji hajj
maulavi maulawi sheik sahib sahab bhai ibnu emraan imran mansur mansour barry amadou arif
محمد احمد أحمد علي عبد عبدالله ابو أبو بن ابن الشيخ حافظ مولانا حاجي مصطفى حسن حسين عمر ابراهيم إبراهيم
أمين امين الله عبدالرحمن خالد سعيد سالم صالح يوسف
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
_QUOTES = str.maketrans("", "", "\"'‘’“”`")
_PARENTHESES = re.compile(r"\([^()]*\)")
_LETTER = re.compile(r"[^\W\d_]")


def _without_parentheses(text: str) -> str:
    """Nested parenthesised notes removed, innermost first ("(born in X (north))")."""
    while _PARENTHESES.search(text):
        text = _PARENTHESES.sub(" ", text)
    return text


def _read(mirror: Path, name: str) -> list[dict[str, str]]:
    text = subprocess.run(["git", "--git-dir", str(mirror), "show", f"{COMMIT}:{FOLDER}/{name}"],
                          check=True, capture_output=True, text=True, encoding="utf-8").stdout
    return [row for row in csv.DictReader(io.StringIO(text)) if row["schema"] == "Person"]


def _natural_orders(name: str) -> list[str]:
    """The name as printed, and in natural order where it is printed surname first."""
    # NFKC: Arabic presentation forms (U+FB50-U+FEFF) and full-width letters become the letters
    # the scanner's fold compares with; without it such an alias could never match
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"\(.*$", " ", _without_parentheses(name)).replace(")", " ")  # an unclosed parenthesis: a note
    name = re.sub(r"\s+", " ", name.translate(_QUOTES)).strip(" ,;.")
    if name.isupper():
        name = name.title()
    out = [name]
    words = name.split()
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if capitals and len(capitals) < len(words) and words[: len(capitals)] == capitals:
        out.append(" ".join(words[len(capitals):] + [w.title() for w in capitals]))
    return out


#: Titles the listing prints after the name, Taliban-era style ("Hassan, Hadji Mohammad, Mullah").
_TITLES = frozenset({"mullah", "maulavi", "maulawi", "mawlawi", "maulana", "mawlana", "haji", "hadji", "hajji", "qari",
                     "mufti", "sheikh", "shaikh", "shaykh", "dr", "dr.", "doctor", "mullah sahib", "hafiz"})


def _split(item: str) -> list[str]:
    """A comma after one word is "Surname, Given" (also "Surname, Given, Title", the Taliban-era
    entries, whose title and office are left out); any other comma separates two aliases."""
    parts = [p.strip() for p in _without_parentheses(item).split(",") if p.strip()]
    if len(parts) == 2 and len(parts[0].split()) == 1:
        return [f"{parts[1]} {parts[0]}"]
    if len(parts) >= 3 and len(parts[0].split()) == 1 and parts[2].lower() in _TITLES:
        return [f"{parts[1]} {parts[0]}"]
    return parts


#: A two-word kunya or patronymic ("Abu Hudhayfah", "Ibn Umar") is also the name of companions of
#: the Prophet and of scholars whom scripture commentary praises ("martyred at Yamama"): left out.
_KUNYA = frozenset({"abu", "abou", "abo", "umm", "ibn", "bin", "ابو", "أبو", "ام", "أم", "ابن", "بن"})


#: Lower-case words a name may hold; any other lower-case word, or a colon, marks a note that the
#: listing printed among the aliases ("place of birth: ...", "both documents have been confiscated").
_PARTICLES = frozenset({"al", "el", "bin", "ben", "ibn", "abu", "abou", "bint", "ould", "ad", "as", "ash", "ud", "ul",
                        "ur", "de", "da", "du", "von", "van"})


def _is_note(name: str) -> bool:
    return ":" in name or any(w.islower() and w.isascii() and w not in _PARTICLES
                              for w in re.split(r"[\s\-]+", name) if w)


def _usable(name: str) -> bool:
    if _is_note(name):
        return False
    words = [w.lower() for w in re.split(r"[\s\-]+", name) if w]
    if len(name.split()) == 2 and words[0] in _KUNYA:
        return False
    return (len(name.split()) >= 2 and len(_LETTER.findall(name)) >= MIN_LETTERS and not re.search(r"\d", name)
            and not all(w in COMMON_WORDS or w.removeprefix("al-").removeprefix("el-") in COMMON_WORDS
                        or w.removeprefix("ال") in COMMON_WORDS for w in words))


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.split(r"[\s\-]+", name) if w and w.lower() not in COMMON_WORDS}


def _distinctive_alias(alias: str, primary: list[str]) -> bool:
    """A two-word alias is often a nickname or a form of address ("Bada Bhai", "Haji Sahab", "Abdul
    Haq"): it counts only when it shares a distinctive word with one of the printed names."""
    if len(alias.split()) >= 3:
        return True
    return bool(_words(alias) & set().union(*(_words(p) for p in primary)))


def _names(row: dict[str, str]) -> list[str]:
    primary = [p for p in _split(row["name"]) for p in _natural_orders(p)]
    # parentheses first: their notes hold commas and semicolons of their own
    raw = [part for item in [row["name"], *_without_parentheses(row["alias"]).split(";")] for part in _split(item)]
    names: list[str] = []
    for item in raw:
        for candidate in _natural_orders(item):
            if not _usable(candidate) or candidate.lower() in {n.lower() for n in names}:
                continue
            if names and candidate not in primary and not _distinctive_alias(candidate, primary):
                continue
            names.append(candidate)
    return names


def _taliban_era(listing: dict[str, str]) -> bool:
    """An entry of the Taliban regime's officials, still printed in the annex ("Zaief, Abdul Salam,
    Mullah (Deputy Minister of Mines and Industries)"): no notes, no listing date, and a title or an
    office in the printed name. They are not Al-Qaida members, so the regime's fallback must not
    make them so; other entries without notes or date (older Al-Qaida listings) keep it."""
    if listing["notes"].strip() or listing["startDate"].strip():
        return False
    name = listing["name"]
    words = {w.strip(".,").lower() for w in re.split(r"[\s,]+", name) if w}
    return "(" in name or bool(words & _TITLES)


def _organisation(notes: str, matcher: OrganisationMatcher) -> str:
    if not notes.strip():
        return ""
    view = WordView.of(normalise(notes))
    # the first organisation named, and of the names starting there the longest: "Al-Qaida in
    # the Arabian Peninsula" is AQAP, not Al-Qaida; "ISIL - Khorasan" is ISKP, not ISIL
    found = sorted(matcher.find(view, notes), key=lambda m: (m.start, m.start - m.end))
    return found[0].info.organisation_key if found else ""


def build(mirror: Path) -> list[dict[str, str]]:
    with open(CURATED, encoding="utf-8", newline="") as handle:
        curated = list(csv.DictReader(handle))
    listings = [(source, _read(mirror, source[0])) for source in SOURCES]
    return build_rows(listings, curated, OrganisationMatcher(Catalogue.load()))


def build_rows(listings: list[tuple[tuple[str, str, str, str], list[dict[str, str]]]], curated: list[dict[str, str]],
               matcher: OrganisationMatcher) -> list[dict[str, str]]:
    """The shipped rows from the listings' ``Person`` rows (each with its SOURCES entry) and the
    curated rows. A curated row's own aliases go to ``background_aliases``: they are from general
    knowledge, and a match on one must say so in its evidence, not borrow the listing's
    ``dataset`` verification."""
    used: set[int] = set()
    rows = []
    seen: set[str] = set()
    linked = {row["listing_name"]: index for index, row in enumerate(curated) if row.get("listing_name")}
    for (file_name, lists, fallback, act), persons in listings:
        for listing in persons:
            names = _names(listing)
            background: list[str] = []
            key = _organisation(listing["notes"], matcher)
            source = (f"{act}, listed {listing['startDate'] or 'date not printed'}; via "
                      f"github:opensanctions/opensanctions@{COMMIT[:12]} {FOLDER}/{file_name}")
            index = linked.get(listing["name"])
            if index is not None:
                used.add(index)
                row = curated[index]
                printed = {n.lower() for n in names}
                background = [n for n in [row["name"], *row["aliases"].split("|")]
                              if n.strip() and n.strip().lower() not in printed]
                names = [row["name"], *names]
                key = row["org"]
                source += "; background_aliases (short and Arabic/Urdu-script forms) from general knowledge, unverified"
            if not names:
                continue
            if not key:
                if not fallback or _taliban_era(listing):
                    continue
                key = fallback
                source += f"; organisation not named in the listing's notes: the regime's ({fallback})"
            if names[0].lower() in seen:  # the listing prints a few persons twice
                continue
            seen.add(names[0].lower())
            background_keys = {b.strip().lower() for b in background}
            aliases = [a for a in dict.fromkeys(n.strip() for n in names[1:])
                       if a and a.lower() != names[0].lower() and a.lower() not in background_keys]
            rows.append({"name": names[0], "aliases": "|".join(aliases),
                         # the display name too, where the listing does not print it
                         "background_aliases": "|".join(dict.fromkeys(b.strip() for b in background)),
                         "org": key, "lists": lists, "verification": "dataset", "source": source})
    rows += [{**{k: v for k, v in row.items() if k != "listing_name"}, "background_aliases": ""}
             for index, row in enumerate(curated) if index not in used]
    return rows


def main(argv: list[str]) -> None:
    mirror = Path(argv[1]) if len(argv) > 1 else DEFAULT_MIRROR
    rows = build(mirror)
    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "aliases", "background_aliases", "org", "lists", "verification", "source"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    by = {}
    for row in rows:
        by[row["verification"]] = by.get(row["verification"], 0) + 1
    print(f"{TARGET.relative_to(REPO)}: {len(rows)} individuals ({by})")


if __name__ == "__main__":
    main(sys.argv)

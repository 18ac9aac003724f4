"""Attribution beyond sign-offs: letterheads, an organisation speaking of itself, official domains.

Texts are short generic templates; the organisation named is the designated one the catalogue
lists, the content is neutral so that only attribution is tested."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tvec.cli import main
from tvec.detectors.base import PreparedDocument
from tvec.detectors.organisations import OrganisationsDetector
from tvec.orgs.authorship import load_official_domains, url_host
from tvec.types import Document


def _attribution(text: str, **meta: str):
    detector = OrganisationsDetector()
    signals = detector.detect(PreparedDocument(Document(id="t", text=text, meta=meta)))
    found = [s for s in signals if s.category == "attribution"]
    return found[0] if found else None


def test_self_reference_in_the_organisations_own_voice() -> None:
    signal = _attribution("Hizb ut Tahrir calls upon the people to attend the meeting. The meeting is on Friday.")
    assert signal is not None and "self_reference" in signal.evidence["signature_kinds"]
    assert signal.score >= 0.8


def test_we_in_the_organisation() -> None:
    signal = _attribution("We in Hizb ut Tahrir remind everyone of the meeting on Friday.")
    assert signal is not None and "self_reference" in signal.evidence["signature_kinds"]


def test_a_news_report_of_the_same_words_is_a_mention_not_an_attribution() -> None:
    text = ("CAPITAL (Reuters) - Police said on Monday that Hizb ut Tahrir calls upon people to attend a "
            "meeting, according to a leaflet. Officials said the leaflet was old.")
    assert _attribution(text) is None


def test_quoted_self_reference_is_not_the_authors() -> None:
    assert _attribution('The article cites the leaflet: "Hizb ut Tahrir calls upon the people to attend."') is None


def test_letterhead_of_an_official_statement() -> None:
    text = "Lashkar-e-Taiba\nPress Release\nRef: 12/1445 AH\n\nThe meeting will be held on Friday as planned."
    signal = _attribution(text)
    assert signal is not None and "letterhead" in signal.evidence["signature_kinds"]


def test_headline_naming_a_group_in_news_is_not_a_letterhead() -> None:
    text = ("Lashkar-e-Taiba banned again\nCAPITAL (Reuters) - Officials said on Monday the group was banned. "
            "Police said two men were held.")
    assert _attribution(text) is None


def test_official_domain_attributes_without_any_name() -> None:
    signal = _attribution("The meeting will be held on Friday.", url="https://www.hizb-ut-tahrir.info/en/x.html")
    assert signal is not None and signal.evidence["signature_kinds"] == ["official_domain"]
    assert signal.evidence["authorship"][0]["cue"] == "hizb-ut-tahrir.info"
    assert _attribution("The meeting will be held on Friday.", url="https://example.org/hizb-ut-tahrir.info") is None


def test_domains_have_sources_and_hosts_parse() -> None:
    rows = load_official_domains()
    assert rows and all(r.source and r.verification in {"read", "background"} for r in rows)
    assert url_host("HTTPS://WWW.Khilafah.com/a?b") == "khilafah.com"
    assert url_host("not a url at all") == ""


def test_url_field_on_tabular_input(tmp_path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,body,link\n1,The meeting will be held on Friday.,https://khilafah.com/p/1\n"
                    "2,The meeting will be held on Friday.,https://example.org/p/2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(path), "--id-field", "id", "--text-field", "body",
                                       "--url-field", "link", "--format", "jsonl", "--jurisdiction", "UK"])
    lines = [line for line in result.output.splitlines() if line.startswith("{")]
    records = {r["document_id"]: r for r in map(json.loads, lines)}
    assert {s["category"] for s in records["1"]["signals"]} >= {"attribution"}
    assert "attribution" not in {s["category"] for s in records["2"]["signals"]}
    assert records["1"]["decisions"]["UK"]["action"] == "review"


def test_missing_url_column_is_one_clear_error(tmp_path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,hello there\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(path), "--text-field", "body", "--url-field", "link"])
    assert "no url column 'link'" in result.output


def test_a_media_wing_named_in_a_news_report_is_its_source_not_its_signature() -> None:
    from tvec import Scanner

    scanner = Scanner()
    news = ("CAPITAL (Reuters) - The group's Amaq News Agency said its fighters carried out the attack, a monitor "
            "said on Monday. Police said five people were hurt.")
    result = scanner.scan(news, ["UK"])
    assert not any(s.category == "attribution" for s in result.signals)
    assert any(s.category == "organisation_mention" for s in result.signals)
    assert not result.decision("UK").flagged
    signed = "Fighters took the hill at dawn and the valley is quiet today.\nAmaq News Agency"
    assert any(s.category == "attribution" for s in scanner.scan(signed, ["UK"]).signals)


#: The organisation speaking of itself, outside English and Arabic, with neutral content.
SELF_REFERENCE_ELSEWHERE = [
    "Le Hizb ut Tahrir appelle les habitants à assister à la réunion. La réunion a lieu vendredi.",
    "Hizb ut Tahrir ruft alle Mitglieder auf, am Freitag zur Versammlung zu kommen. Die Versammlung ist öffentlich.",
    "Hizbut Tahrir menyerukan kepada masyarakat untuk menghadiri pertemuan. Pertemuan diadakan hari Jumat.",
    "হিযবুত তাহরীর সকলকে শুক্রবারের সভায় আসার আহ্বান জানাচ্ছে। সভাটি উন্মুক্ত।",
    "हिज़्ब उत-तहरीर सभी लोगों से शुक्रवार की बैठक में आने की अपील करती है। बैठक सबके लिए है।",
]


def test_self_reference_outside_english_and_arabic() -> None:
    for text in SELF_REFERENCE_ELSEWHERE:
        signal = _attribution(text)
        assert signal is not None and "self_reference" in signal.evidence["signature_kinds"], text


def test_reports_in_other_languages_stay_mentions() -> None:
    for text in ("Laut der Polizei ruft Hizb ut Tahrir zu einer Versammlung auf, sagte ein Sprecher am Montag.",
                 "पुलिस ने कहा कि हिज़्ब उत-तहरीर ने बैठक बुलाई थी।",
                 "Menurut polisi, Hizbut Tahrir mengadakan pertemuan di kota itu."):
        assert _attribution(text) is None, text


def test_bengali_and_devanagari_names_are_known_and_flagged_unverified() -> None:
    from tvec.orgs.catalogue import Catalogue

    catalogue = Catalogue.load()
    rows = [d for d in catalogue.designations if "হিযবুত তাহরীর" in d.aliases]
    assert rows and all("unverified" in d.notes for d in rows)


def test_an_organisation_mourning_in_its_own_voice() -> None:
    signal = _attribution("Hizb ut Tahrir mourns the death of a founding member. The funeral is on Friday.")
    assert signal is not None and "self_reference" in signal.evidence["signature_kinds"]
    assert _attribution("Hizb ut Tahrir mourns member killed in crash, officials said on Tuesday.") is None

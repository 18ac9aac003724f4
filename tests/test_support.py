"""Support discourse and praise of designated individuals (tvec.orgs.support).

The logic is tested on a made-up organisation's register ("Zorbian Front"), so that no real
slogan is needed in the tests; the shipped cue list is only checked for shape and sources."""

from __future__ import annotations

import re

import pytest

from tvec.errors import ConfigurationError
from tvec.model.genre import assess_genre
from tvec.model.sentences import split_sentences
from tvec.model.speaker import sentence_voices
from tvec.orgs.support import (
    KINDS,
    Individual,
    SupportAnalyser,
    SupportCue,
    _compile,
    load_individuals,
    load_support_cues,
)


def cue(kind: str, weight: float, pattern: str) -> SupportCue:
    return SupportCue("zf", kind, weight, "en", _compile(pattern), "background", "test")


ANALYSER = SupportAnalyser(
    cues=[
        cue("slogan", 0.8, "the front endures"),
        cue("prayer_for_group", 0.8, "may the front prevail"),
        cue("in_group", 0.6, "knights of the front"),
        cue("out_group_slur", 0.5, "the gloomers"),
        cue("opponent_term", -1, "zf thugs"),
    ],
    individuals=[Individual("Zed Zorbo", "zf", ("UN",), "background", "test",
                            re.compile(r"(?<![\w])(?:zed zorbo|zorbo)(?![\w])"))],
)


def find(text: str):
    spans = split_sentences(text)
    voices = sentence_voices(text, spans)
    return ANALYSER.find(text, spans, voices, assess_genre(text, spans, voices))


def test_slogan_and_prayer_make_support() -> None:
    [finding] = find("The front endures. May the front prevail over all.")
    assert finding.category == "proscribed_support" and finding.score == pytest.approx(0.84)
    assert {c["kind"] for c in finding.cues} == {"slogan", "prayer_for_group"}


def test_three_kinds_reach_removal_strength() -> None:
    [finding] = find("The front endures. May the front prevail. Glory to the knights of the front.")
    assert finding.score >= 0.9


def test_out_group_slur_alone_is_not_support() -> None:
    assert find("The gloomers are everywhere today.") == []


def test_opponents_vocabulary_means_not_a_supporter() -> None:
    assert find("The ZF thugs keep saying the front endures.") == []


def test_reporting_and_quotation_are_not_support() -> None:
    news = "CAPITAL (Reuters) - Officials said on Monday that posters read 'the front endures'. Police said two were held."
    assert find(news) == []
    assert find('He wrote: "The front endures, may the front prevail."') == [] or all(
        f.score < 0.9 for f in find('He wrote: "The front endures, may the front prevail."'))


def test_praise_of_a_designated_individual_is_glorification() -> None:
    [finding] = find("Our beloved leader Zed Zorbo, the martyr, showed the way.")
    assert finding.category == "glorification" and finding.individual.name == "Zed Zorbo"
    assert find("Officials said Zorbo was killed in a raid.") == []
    assert find("Zorbo was born in 1970 in a small town.") == []


def test_shipped_lists_load_with_sources() -> None:
    cues = load_support_cues()
    assert {c.kind for c in cues} <= set(KINDS) and {"slogan", "opponent_term"} <= {c.kind for c in cues}
    assert all(c.verification in {"read", "background"} for c in cues)
    people = load_individuals()
    assert people and all(p.source and p.lists for p in people)


def test_a_bad_row_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "cues.csv"
    path.write_text("org,kind,weight,lang,pattern,verification,note\nzf,chant,0.5,en,x,background,n\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"cues.csv:2: unknown kind 'chant'"):
        load_support_cues(path)


def test_praise_next_to_a_designated_organisation_is_glorification() -> None:
    from tvec import Scanner

    scanner = Scanner()
    praised = scanner.scan("We remember the martyred commander of Lashkar-e-Taiba, may Allah accept him.", ["UK"])
    assert any(s.category == "glorification" for s in praised.signals)
    assert praised.decision("UK").flagged
    for text in ("Police said the commander of Lashkar-e-Taiba was killed in a raid.",
                 "Lashkar-e-Taiba was founded in 1987."):
        result = scanner.scan(text, ["UK"])
        assert not any(s.category == "glorification" for s in result.signals)
        assert not result.decision("UK").flagged


def test_a_release_format_in_the_authors_voice_is_support_and_naming_it_is_not() -> None:
    analyser = SupportAnalyser(cues=[cue("release_format", 0.6, "#zorbmedia\\w*"),
                                     cue("opponent_term", -1, "zf thugs")], individuals=[])

    def found(text: str):
        spans = split_sentences(text)
        voices = sentence_voices(text, spans)
        return analyser.find(text, spans, voices, assess_genre(text, spans, voices))

    [finding] = found("#ZorbMediaOffice fighters took the hill at dawn. #Valley")
    assert finding.category == "proscribed_support" and finding.cues[0]["kind"] == "release_format"
    assert found("CAPITAL (Reuters) - Officials said on Monday that #ZorbMedia posted a claim. Police said two were held.") == []
    assert found("The ZF thugs keep posting under #ZorbMedia.") == []


def test_shipped_release_formats_are_hashtags_or_headers_not_names() -> None:
    from tvec import Scanner

    scanner = Scanner()
    for text in ("Researchers analysed 300 releases of Amaq Agency between 2015 and 2017.",
                 "The branch, known as Wilayat Sinai, claimed the attack, officials said."):
        result = scanner.scan(text, ["UK"])
        assert not any(s.category == "proscribed_support" for s in result.signals), text
    posted = scanner.scan("#AmaqAgency #WilayatNinawa fighters took the hill at dawn.", ["UK"])
    assert any(s.category == "proscribed_support" and s.detector == "organisations" for s in posted.signals)
    assert posted.decision("UK").action == "review"  # a release format alone is for a person, never removal


def test_praise_is_found_where_folding_changes_offsets() -> None:
    """Arabic marks (here a tatweel) vanish when folded, so the folded text no longer lines up
    with the original; the candidate gate must still select the name."""
    from tvec.orgs.support import fold

    text = "Our beloved leader Zed Zorbo, the martyr, showed the way. كـــتب"
    assert len(fold(text)) != len(text)
    [finding] = find(text)
    assert finding.category == "glorification" and finding.individual.name == "Zed Zorbo"


def test_shipped_individuals_come_from_the_listing_and_name_known_organisations() -> None:
    from tvec.orgs.catalogue import Catalogue

    people = load_individuals()
    keys = Catalogue.load().by_organisation
    assert all(p.organisation_key in keys for p in people), "a finding for an unknown organisation is dropped"
    assert {p.verification for p in people} <= {"dataset", "background"}
    listed = [p for p in people if p.verification == "dataset"]
    assert len(listed) >= 200 and all("opensanctions" in p.source and "UN" in p.lists for p in listed)


def test_an_alias_from_general_knowledge_says_so_in_the_evidence() -> None:
    from tvec.orgs.support import fold

    person = Individual("Zed Quill Zorbo", "zf", ("UN",), "dataset", "a listing",
                        re.compile(r"(?<![\w])(?:zed quill zorbo|zorbo)(?![\w])"), frozenset({fold("Zorbo")}))
    analyser = SupportAnalyser(cues=[], individuals=[person])

    def evidence(text: str) -> dict[str, str]:
        spans = split_sentences(text)
        voices = sentence_voices(text, spans)
        [finding] = analyser.find(text, spans, voices, assess_genre(text, spans, voices))
        return finding.cues[0]

    assert evidence("Our beloved leader Zed Quill Zorbo, the martyr, showed the way.")["verification"] == "dataset"
    assert evidence("Our beloved leader Zorbo, the martyr, showed the way.")["verification"] == "background"


def test_shipped_background_aliases_load_and_match() -> None:
    people = load_individuals()
    with_background = [p for p in people if p.background_names]
    assert with_background, "the curated rows' aliases must reach the matcher"
    for person in with_background:
        for name in person.background_names:
            assert person.pattern.search(name), (person.name, name)

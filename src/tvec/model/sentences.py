"""Sentence splitting with offsets into the ORIGINAL text.

Evidence in tvec is always a span of the text the user gave us, so the splitter never rewrites
the text: it finds boundaries with one regular expression and decides each candidate with a few
cheap look-arounds. It knows

- Latin ``. ! ? …``, the Arabic question mark ``؟``, the Urdu full stop ``۔``, the Devanagari
  (and Bengali) danda ``। ॥`` and the CJK full stop, exclamation and question marks ``。！？``
  (these end a sentence even without a following space: Chinese writes none);
- closing quotes and brackets right after the terminator, which stay with their sentence;
- abbreviations (``Mr.``, ``e.g.``, dotted acronyms like ``U.N.``, single initials), and a full
  stop followed by a lowercase word, which do not end a sentence;
- line breaks: a blank line ends a sentence unless the text obviously runs on (the next line
  starts in lowercase); a single line break ends a sentence after a short line (headings,
  sign-offs, vocatives such as "O officers,") or before a bullet, but not inside hard-wrapped
  prose, whose lines are long.

Very long runs without any boundary (tables, scraped blobs) are cut at whitespace so that a
"sentence" stays a useful unit of evidence.
"""

from __future__ import annotations

import re

from tvec.types import Span

#: A line at most this long (stripped) is a unit of its own when followed by a line break:
#: headings, datelines, sign-offs and vocatives. Hard-wrapped prose has longer lines.
SHORT_LINE = 60
#: Sentences longer than this are cut at the last whitespace before the limit.
MAX_SENTENCE = 2000

# Words after which a full stop does not end the sentence (compared in lowercase, without the dot).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "no", "nos", "vs", "etc", "al", "eg", "ie", "cf", "viz", "approx", "dept", "est", "fig", "figs", "vol", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm", "brig", "cmdr", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "inc", "ltd", "co", "corp", "bros", "assn", "univ", "ave", "blvd", "rd", "p", "pp", "ch", "sec", "art", "para", "op", "ed", "eds", "trans"]
)

_CLOSERS = "\"'”’»)\\]﴾﴿}›」』）"
_BOUNDARY = re.compile(
    r"(?=[.!?…؟۔।॥。！？\n])"  # lets the engine skip ordinary characters quickly (3x faster)
    r"(?:(?P<stop>(?:[.!?…]+|\.\.\.)[" + _CLOSERS + r"]*(?=\s|$))"
    r"|(?P<script>[؟۔।॥。！？]+[" + _CLOSERS + r"]*)"
    r"|(?P<newline>\n\s*))"
)
_NEXT_CHAR = re.compile(r"[ \t]*(.)", re.DOTALL)
_DOTTED_ACRONYM = re.compile(r"^\(?(?:[A-Za-z]\.){1,}[A-Za-z]?$")
_BULLET = re.compile(r"[-*•▪●◦‣–—]\s|\d{1,3}[.)]\s|[A-Za-z][.)]\s")
_TERMINAL_END = frozenset(".!?…؟۔।॥。！？:" + _CLOSERS)
_WRAP_END = re.compile(r"[,;:(\-–—]$")


#: Indonesian citation abbreviations, read as such only before what they cite ("HR." is also
#: human resources, "QS" a university ranking): the Quran's surah and verse, a hadith collection.
#: The hadith collections as cited in Latin script (English and Indonesian spellings); also
#: :mod:`tvec.model.speaker`'s citations.
HADITH_COLLECTIONS = r"Bukhari|Muslim|Tirmidzi|Tirmidhi|Abu Daud|Abu Dawud|Ahmad|Nasa'?i|Ibnu Majah|Ibn Majah"
_SCRIPTURE_ABBREVIATIONS = {
    "QS": re.compile(r"\s*(?:[Aa][lnrstz]-)?[A-Z][\w'-]+\s*[:(\[]\s*\d"),
    "HR": re.compile(rf"\s*(?:{HADITH_COLLECTIONS})\b"),
}


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as whitespace-trimmed spans of the original, in order."""
    spans: list[Span] = []
    start = 0
    wrapped: bool | None = None  # decided on the first line break that needs it
    cased = text != text.lower()  # in all-lowercase text a lowercase word can start a sentence
    for match in _BOUNDARY.finditer(text):
        kind = match.lastgroup
        if kind == "stop":
            if not _ends_sentence(text, match, cased):
                continue
            cut = match.end()
        elif kind == "script":
            cut = match.end()
        else:
            verdict = _line_break_ends_sentence(text, start, match, cased)
            if verdict is None:
                if wrapped is None:
                    wrapped = _hard_wrapped(text)
                verdict = not wrapped
            if not verdict:
                continue
            cut = match.start()
        _emit(text, start, cut, spans)
        start = match.end() if kind == "newline" else cut
    _emit(text, start, len(text), spans)
    return spans


def _ends_sentence(text: str, match: re.Match[str], cased: bool) -> bool:
    mark = match.group()
    if mark[0] != ".":
        return True
    if len(mark) > 1 and (mark[1] == "." or len(mark.rstrip(_CLOSERS)) > 1):
        return True  # an ellipsis or "?!"-like run
    following = _NEXT_CHAR.match(text, match.end())
    next_char = following.group(1) if following is not None else ""
    if next_char == "\n":
        return True
    if next_char and (cased and next_char.islower() or next_char.isdigit() and mark == "."):
        return False  # "e.g. this", "No. 5"
    if mark != ".":
        return True  # '."' and '.)' close a quoted or bracketed sentence
    end = match.start()
    lo = max(0, end - 30)
    token = text[max(text.rfind(" ", lo, end), text.rfind("\n", lo, end), lo - 1) + 1 : end]
    if not token:
        return True
    bare = token.lstrip("([\"'“‘").replace(".", "").lower()
    if bare in ABBREVIATIONS:
        return False
    lead = _SCRIPTURE_ABBREVIATIONS.get(token.lstrip("(["))
    if lead is not None and lead.match(text, match.end()):
        return False  # "QS. Al-Baqarah: 153", "HR. Muslim": a citation, not a sentence end
    if len(token) <= 12 and _DOTTED_ACRONYM.match(token + "."):
        return False  # "U.N.", "e.g.", "J." (an initial)
    return True


def _line_break_ends_sentence(text: str, start: int, match: re.Match[str], cased: bool) -> bool | None:
    """True or False where the two lines decide; None where it depends on the whole text."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    previous = text[max(line_start, start) : match.start()].strip()
    if not previous:
        return True
    nxt = text[match.end() : match.end() + 4]
    if cased and nxt[:1].islower():
        return False  # the sentence runs on over the break (hard wrap, even across a blank line)
    if match.group().count("\n") > 1:
        return True  # a blank line
    if len(text[line_start : match.start()].strip()) < SHORT_LINE:
        return not _WRAP_END.search(previous) or previous.endswith(":")
    if _WRAP_END.search(previous):
        return False
    if _BULLET.match(nxt):
        return True
    return None


def _hard_wrapped(text: str) -> bool:
    """Whether long lines mostly stop mid-sentence: prose wrapped at a fixed width (e-mail, PDF
    text), where a line break is no boundary. Elsewhere a long line is a paragraph or a heading."""
    long_lines = 0
    open_ended = 0
    for line in text.splitlines():
        line = line.strip()
        if len(line) >= SHORT_LINE:
            long_lines += 1
            if line[-1] not in _TERMINAL_END:
                open_ended += 1
    return long_lines > 0 and open_ended * 2 > long_lines


def _emit(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _emit(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end))

"""Calls to action: the linguistics of incitement, insurrection, recruitment and glorification.

A call to action is not a word but a structure. Per sentence, and within one clause of it, the
model fills three ROLE SLOTS and needs all of them:

- a DIRECTIVE: an imperative verb at the start of the clause, a vocative followed by one, an
  explicit request ("we call on", "demands from X that"), an obligation ("must", "it is a duty",
  "يجب", "چاہیے"), the act as the only way ("not possible without"), a hortative ("let us"),
  a threat in the first person ("I will"), a slogan ("death to");
- an ACT that is violent or military (incitement), regime change (insurrection), joining or
  funding fighters (recruitment);
- an ADDRESSEE: who is called on - the armed forces above all, then a community ("Muslims",
  "brothers", "youth"), then "you"/"we". An imperative implies "you", and a vocative a few
  sentences earlier ("O officers, ...") names whom the later imperatives address.

Glorification has its own pair of slots: PRAISE ("may God accept", "heroic") of an ATTACK or its
PERPETRATORS, within a short window.

The directive and the act must lie within :data:`WINDOW` characters of each other in one clause
(clauses end at ";", ":" and dashes). The word "jihad", "army" or "caliphate" alone fills one
slot at most and so never makes a call.

BLOCKERS keep the call but set its score to 0 and say why (``blocked_by``):

- ``reported_speech``: a reporting verb or attribution in the sentence ("said", "according to",
  "called on ... to" in the past tense), or the act sits inside a quotation that the rest of the
  sentence comments on ("for saying '...'");
- ``quotation``: the act is inside a quoted passage attributed to scripture (a citation such as
  "[TMQ ... 4:75]", "(Quran 5:32)" or ornate brackets around it) or introduced by "said,";
- ``negation``: a negator just before the directive or between it and the act ("must not",
  "never", "let us not", "stop");
- ``condemnation``: condemnation or counter-speech in the sentence ("condemned", "no place for",
  "rejected calls");
- ``question``: the sentence is a question;
- ``relative_clause``: the act is what others want, in a relative clause after the directive
  ("protect them from those who want to hurt them").

SCORING. Each cue has a weight in (0, 1] (see :mod:`tvec.model.cta_lexicon`): how reliably it
marks its role on its own. The score of a call is ``directive x act x addressee``, the
probability-like reading being "all three roles are really filled". So an explicit call on the
armed forces to wage war scores 1.0; an obligation (0.85) to remove the rulers (0.75) addressed to
a community (0.9) scores 0.57; a bare threat in the first person scores about 0.6. Per sentence
and category the best-scoring unblocked combination is kept; if every combination is blocked,
the best blocked one is reported with score 0. Calls whose unblocked score would be below
:data:`MIN_SCORE` are not reported at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial

from tvec.charmap import CharMap
from tvec.model import cta_lexicon as lex
from tvec.model.gate import Gate, MultiGate, build_gate, build_multi_gate
from tvec.model.sentences import split_sentences
from tvec.types import Span

#: Directive and act must be at most this many characters apart (in one clause).
WINDOW = 200
#: Praise and the praised must be at most this many characters apart.
PRAISE_WINDOW = 60
#: Raw scores below this are noise and not reported.
MIN_SCORE = 0.3

CATEGORIES = ("incitement", "insurrection", "recruitment", "glorification")


@dataclass(frozen=True)
class CallToAction:
    """One call to action found in one sentence."""

    span: Span
    category: str
    score: float
    cues: Mapping[str, str] = field(default_factory=dict)
    blocked_by: str | None = None
    raw_score: float = 0.0  # the score before blockers: what the call would weigh if not blocked


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str
    weight: float
    text: str
    category: str = ""
    ml: bool = False  # from the multilingual lexicon: the multilingual blockers apply too

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(self.text.split()))


# ---------------------------------------------------------------------------------------------
# The view every pattern is matched on: lowercase, straight apostrophes, Arabic without
# diacritics and with letter variants folded. Patterns go through the same folding.

_ARABIC_DIACRITICS = dict.fromkeys(
    [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640], None
)
_NON_LATIN_LETTER = re.compile("[\u0600-\u06ff\u0900-\u097f]")
#: Where the clause holding an Arabic imperative starts, and what may stand between that start
#: and the verb: nothing, a lead word, or a vocative.
_CLAUSE_PUNCTUATION = re.compile(r"[.,!?;:،؛\n]")
_CLAUSE_HEAD = re.compile(r"\s*(?:(?:ثم|هيا|الا|الان|اليوم|فيا)\s*)?")
_ARABIC_VOCATIVE = re.compile(lex.AR_L + r"(?:يا|ايها)\s")
_HAS_ARABIC_MARK = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans(
    {
        "’": "'", "‘": "'", "ʼ": "'",
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ی": "ي", "ې": "ي",
        "ک": "ك",
        "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه",
    }
)


_FOLD_MAP = CharMap.of(_FOLD)


#: Devanagari and Bengali: the nukta is dropped (precomposed nukta letters become their base
#: letter, so both spellings of "ड़"/"ড়" read alike) and the Devanagari chandrabindu is read as
#: the anusvara ("दूँगा" = "दूंगा"). Like the Arabic marks, only the view changes.
_INDIC_FOLD = {
    **{0x0958 + k: base for k, base in enumerate("कखगजडढफय")},
    0x09DC: "ড", 0x09DD: "ঢ", 0x09DF: "য", 0x0901: "\u0902",
}
_INDIC_NUKTA = dict.fromkeys([0x093C, 0x09BC], None)
_HAS_INDIC_MARK = re.compile("[\u0901\u093c\u0958-\u095f\u09bc\u09dc\u09dd\u09df]")


def _fold_indic(text: str) -> str:
    if _HAS_INDIC_MARK.search(text):
        text = text.translate(_INDIC_FOLD).translate(_INDIC_NUKTA)
    return text


def _view(text: str) -> str:
    """Lowercase and fold; removes only Arabic marks, so Latin offsets are kept.

    An ASCII text's view is its lowercase: every key of ``_FOLD`` and every Arabic mark is
    outside ASCII, and the table pass costs ~15 times the lowercasing (``_view_reference`` is
    the full computation, which a test compares)."""
    if text.isascii():
        return text.lower()
    return _view_reference(text)


def _view_reference(text: str) -> str:
    """:func:`_view` without its ASCII shortcut."""
    text = _FOLD_MAP.apply(text.lower())  # text.lower().translate(_FOLD), see tvec.charmap
    if _HAS_ARABIC_MARK.search(text):
        text = text.translate(_ARABIC_DIACRITICS)
    return _fold_indic(text)


def _fold_pattern(pattern: str) -> str:
    """Fold a lexicon pattern like the view, without lowercasing (``\\W`` must stay), and let
    each literal space outside a character class match any run of whitespace (hard-wrapped
    text breaks lines anywhere)."""
    pattern = _fold_indic(pattern.translate(_FOLD).translate(_ARABIC_DIACRITICS))
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == " " and not in_class:
            out.append(r"\s+")
            continue
        out.append(ch)
    return "".join(out)


def _non_latin(pattern: str) -> bool:
    return any(ord(ch) > 0x2FF for ch in pattern if ch not in "’‘")


def _compile(pattern: str) -> re.Pattern[str]:
    pattern = _fold_pattern(pattern)
    if _non_latin(pattern):
        return re.compile(f"(?:{pattern})")
    return re.compile(rf"(?<![\w'])(?:{pattern})(?!\w)")


def _union(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pre-filter for many patterns: a sentence none of them can match is skipped. One
    leading word boundary for all Latin patterns is several times faster than one each."""
    folded = [_fold_pattern(p) for p in patterns]
    latin = "|".join(p for p in folded if not _non_latin(p))
    other = "|".join(p for p in folded if _non_latin(p))
    return re.compile(rf"\b(?:{latin})" + (f"|{other}" if other else ""))


@dataclass(frozen=True)
class _Lexicon:
    """The compiled lexicons; built once (see :func:`_lexicon`)."""

    directives: tuple[tuple[str, float, re.Pattern[str], bool], ...]  # (kind, weight, pattern, ml)
    imperative: re.Pattern[str]
    foreign_imperative: re.Pattern[str]
    past_homographs: frozenset[str]
    acts: tuple[tuple[str, float, bool | str, re.Pattern[str]], ...]
    any_act: re.Pattern[str]
    target: re.Pattern[str]
    human_subject: re.Pattern[str]
    act_subject: re.Pattern[str]
    determiner: re.Pattern[str]
    figurative: re.Pattern[str]
    passive: re.Pattern[str]
    addressees: tuple[tuple[str, float, re.Pattern[str]], ...]
    vocative: re.Pattern[str]
    praise: tuple[tuple[float, re.Pattern[str]], ...]
    praised: tuple[tuple[float, re.Pattern[str]], ...]
    any_praise: re.Pattern[str]
    act_gate: MultiGate  # pattern k: acts[k]
    praise_gate: Gate
    reporting: re.Pattern[str]
    ml_target: re.Pattern[str]
    ml_reporting: re.Pattern[str]
    ml_condemnation: re.Pattern[str]
    ml_negation: re.Pattern[str]
    ml_negation_after: re.Pattern[str]
    mention: re.Pattern[str]
    condemnation: re.Pattern[str]
    negation: re.Pattern[str]
    relative_agent: re.Pattern[str]
    citation: re.Pattern[str]
    clause_break: re.Pattern[str]
    quote: re.Pattern[str]
    attribution_before: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs = "|".join(lex.IMPERATIVE_VERBS)
    foreign = "|".join(_fold_pattern(v) for v in (*lex.ARABIC_IMPERATIVES, *lex.URDU_IMPERATIVES))
    imperative = re.compile(
        rf"[\W_]*(?:(?:(?:o|oh|ya|يا|اے)\s+[^,!.?;]{{1,80}}|(?:[\w'-]+\s+){{0,3}}[\w'-]+)[,!]\s*)?"
        rf"{lex.IMPERATIVE_LEAD}"
        rf"(?P<verb>(?:{verbs})(?!\w)(?!\s+(?:{lex.NOT_IMPERATIVE_NEXT})\b))"
    )
    # Arabic and Urdu imperatives are imperative by their form, wherever they stand - except the
    # Arabic ones spelt like the past tense (ARABIC_PAST_HOMOGRAPHS, see _Sentence._heads_clause).
    foreign_imperative = re.compile(rf"(?<!\w)(?:و|ف)?(?P<verb>{foreign})(?!\w)")
    praise = tuple((w, _compile(p)) for w, p in lex.PRAISE)
    praised = tuple((w, _compile(p)) for w, p in lex.PRAISED)
    all_acts = (*lex.ACTS, *_ml_acts())
    acts = tuple((c, w, t, _compile(p)) for c, w, t, p in all_acts)
    acts_union = _union(p for *_, p in all_acts)
    praise_union = _union(p for _, p in lex.PRAISE)
    return _Lexicon(
        directives=(
            *((k, w, _compile(p), False) for k, w, p in lex.DIRECTIVES),
            *((k, w, _compile(p), True) for k, w, p in (*lex.ML_DIRECTIVES, *lex.ML_CALLS)),
        ),
        imperative=imperative,
        foreign_imperative=foreign_imperative,
        past_homographs=frozenset(_fold_pattern(v) for v in lex.ARABIC_PAST_HOMOGRAPHS),
        acts=acts,
        any_act=acts_union,
        target=re.compile(rf"^[\s,]*(?:{lex.TARGETS})"),
        human_subject=re.compile(lex.HUMAN_SUBJECT),
        act_subject=re.compile(lex.ACT_SUBJECT),
        determiner=re.compile(r"^\s+(?:the|those|these|all|every|any|a|an|some|that|this|their|your|our|his|her|my)\s"),
        figurative=re.compile(rf"^\s+(?:[\w']+\s+){{0,1}}{lex.FIGURATIVE_OBJECTS}"),
        passive=re.compile(r"\b(?:be|been|being|get|got|gets|are|were|is|was)\s+(?:\w+\s+)?$"),
        addressees=tuple((k, w, _compile(p)) for k, w, p in (
            *lex.ADDRESSEES, ("armed", 1.0, lex.ML_ARMED_ADDRESSEES), ("armed", 1.0, lex.ML_ARMED_ADDRESSEES_OTHER_SCRIPTS),
        )),
        vocative=re.compile(_fold_pattern(lex.VOCATIVE)),
        praise=praise,
        praised=praised,
        any_praise=praise_union,
        act_gate=build_multi_gate([p.pattern for *_, p in acts]),
        praise_gate=build_gate([praise_union.pattern]),
        reporting=re.compile(_fold_pattern(lex.REPORTING)),
        ml_target=re.compile(_fold_pattern(lex.ML_TARGETS)),
        ml_reporting=re.compile(_fold_pattern(lex.ML_REPORTING)),
        ml_condemnation=re.compile(_fold_pattern(lex.ML_CONDEMNATION)),
        ml_negation=re.compile(_fold_pattern(lex.ML_NEGATION)),
        ml_negation_after=re.compile(_fold_pattern(lex.ML_NEGATION_AFTER)),
        mention=re.compile(lex.MENTION),
        condemnation=re.compile(_fold_pattern(lex.CONDEMNATION)),
        negation=re.compile(_fold_pattern(lex.NEGATION)),
        relative_agent=re.compile(_fold_pattern(lex.RELATIVE_AGENT)),
        citation=re.compile(lex.CITATION, re.IGNORECASE),
        clause_break=re.compile(r";|:\s|\s[—–]\s|\s-\s|؛"),
        quote=re.compile(
            r"„[^“”]{0,3000}[“”]|“[^”]{0,3000}”|\"[^\"\n]{0,3000}\"|«[^»]{0,3000}»|[﴾﴿][^﴾﴿]{0,3000}[﴾﴿]"
            r"|「[^」]{0,3000}」|『[^』]{0,3000}』"
            r"|\[(?=[\s\u0600-\u06ff])[^\]]{0,3000}\]"
        ),
        attribution_before=re.compile(r"(?:\b(?:said|says|say|wrote|writes|states|stated|reads)\b[^.!?]{0,20}|[:,])\s*$"),
    )


def _ml_acts() -> tuple[tuple[str, float, str, str], ...]:
    """The multilingual acts as ACTS entries: incitement, each needing a human target; regime
    change (insurrection), needing none ("ml": multilingual blockers only)."""
    return (
        *(("incitement", w, "human", p) for acts in lex.ML_ACTS.values() for w, p in acts),
        *(("insurrection", w, "ml", p) for acts in lex.ML_INSURRECTION.values() for w, p in acts),
    )


# ---------------------------------------------------------------------------------------------


def find_calls_to_action(
    text: str, spans: Sequence[Span] | None = None, *, gated: bool = True
) -> list[CallToAction]:
    """Every call to action in ``text``, one per sentence and category, in text order.

    ``spans`` are the sentences of ``text`` when the caller has split it already. Sentences
    are analysed only where a literal gate (:mod:`tvec.model.gate`, one scan of the document)
    says an act or praise phrase may occur, which leaves the results unchanged; ``gated=False``
    analyses every sentence (the reference the gates are tested against)."""
    lexicon = _lexicon()
    if spans is None:
        spans = split_sentences(text)
    document_view = _view(text)
    act_candidates: list[set[int]] | None = None
    if gated and len(document_view) == len(text):  # the sentence views are slices of this one
        act_candidates = lexicon.act_gate.candidates(document_view, spans)
        may_act = [bool(c) for c in act_candidates]
        may_praise = lexicon.praise_gate.passing(document_view, spans)
    else:
        may_act = may_praise = [True] * len(spans)
    quotes: list[list[tuple[int, int]]] = []

    def document_quotes() -> list[tuple[int, int]]:
        if not quotes:
            quotes.append(_quote_regions(text, lexicon))
        return quotes[0]

    vocatives: dict[int, _Cue | None] = {}
    calls: list[CallToAction] = []
    for index, span in enumerate(spans):
        if not (may_act[index] or may_praise[index]):
            continue
        view = _view(text[span.start : span.end])
        # no need for the act union here: every single act pattern matches only where it does
        has_act = may_act[index] and (act_candidates is not None or lexicon.any_act.search(view) is not None)
        has_praise = may_praise[index] and lexicon.any_praise.search(view) is not None
        if not has_act and not has_praise:
            continue
        sentence = _Sentence(text, span, view, document_quotes, lexicon)
        if has_act:
            candidates = None if act_candidates is None else act_candidates[index]
            calls.extend(
                sentence.calls(partial(_carried_vocative, text, spans, index, view, vocatives, lexicon), candidates)
            )
        if has_praise:
            glorification = sentence.glorification()
            if glorification is not None:
                calls.append(glorification)
    return calls


def _carried_vocative(
    text: str, spans: Sequence[Span], index: int, view: str, cache: dict[int, _Cue | None], lexicon: _Lexicon
) -> _Cue | None:
    """The latest vocative ("O officers, ...") at most VOCATIVE_REACH sentences back: whom the
    imperatives of sentence ``index`` address. Looked up only for sentences with an act."""
    for back in range(index, max(-1, index - lex.VOCATIVE_REACH - 1), -1):
        if back not in cache:
            back_view = view if back == index else _view(text[spans[back].start : spans[back].end])
            cache[back] = _vocative(back_view, lexicon)
        if cache[back] is not None:
            return cache[back]
    return None


def _vocative(view: str, lexicon: _Lexicon) -> _Cue | None:
    match = lexicon.vocative.search(view)
    if match is None:
        return None
    who = match.group("who")
    best = _Cue(match.start("who"), match.end("who"), "vocative", lex.VOCATIVE_WEIGHT, who.strip())
    for kind, weight, pattern in lexicon.addressees:
        if kind != "pronoun" and weight > best.weight and pattern.search(who):
            best = _Cue(best.start, best.end, kind, weight, who.strip())
    return best


def _quote_regions(text: str, lexicon: _Lexicon) -> list[tuple[int, int]]:
    return [m.span() for m in lexicon.quote.finditer(text)]


class _Sentence:
    """One sentence under analysis: its cues, clauses and blockers."""

    def __init__(
        self,
        text: str,
        span: Span,
        view: str,
        quotes: Sequence[tuple[int, int]] | Callable[[], Sequence[tuple[int, int]]],
        lexicon: _Lexicon,
    ) -> None:
        self.text = text
        self.span = span
        self.view = view
        self.lexicon = lexicon
        self._document_quotes = quotes  # or how to find them: only blockers need them
        self.latin = len(view) == span.end - span.start  # view offsets == original offsets
        self.clause_starts = [0] + [m.end() for m in lexicon.clause_break.finditer(view)]

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """The quoted regions of the document that overlap this sentence."""
        quotes = self._document_quotes
        if callable(quotes):
            quotes = quotes()
        span = self.span
        return [(a, b) for a, b in quotes if a < span.end and b > span.start]

    # -- slots ------------------------------------------------------------------------------

    def _clause(self, pos: int) -> int:
        return bisect_right(self.clause_starts, pos) - 1

    def _acts(self, candidates: Collection[int] | None) -> list[_Cue]:
        """Acts in the sentence; ``candidates``: the act patterns the gate lets through (all
        when None)."""
        acts: list[_Cue] = []
        view = self.view
        for index, (category, weight, needs_target, pattern) in enumerate(self.lexicon.acts):
            if candidates is not None and index not in candidates:
                continue
            for match in pattern.finditer(view):
                if needs_target == "human":
                    # a multilingual act: a human target in its clause, before or after it
                    # (verb-final and SOV orders, object clitics and suffixes on the verb)
                    clause = self._clause(match.start())
                    lo = max(self.clause_starts[clause], match.start() - 100)
                    hi = self.clause_starts[clause + 1] if clause + 1 < len(self.clause_starts) else len(view)
                    hi = min(hi, match.end() + 100)
                    if self.lexicon.ml_target.search(view[lo:hi]):
                        acts.append(_Cue(match.start(), match.end(), "act", weight, match.group().strip(), category, True))
                    continue
                if needs_target == "armed":
                    if self.names_armed_men:
                        acts.append(_Cue(match.start(), match.end(), "act", weight, match.group().strip(), category))
                    continue
                if needs_target == "ml":
                    acts.append(_Cue(match.start(), match.end(), "act", weight, match.group().strip(), category, True))
                    continue
                after = view[match.end() : match.end() + 60]
                if self.lexicon.figurative.match(after):
                    continue
                has_target = self.lexicon.target.match(after) is not None
                if category == "incitement" and not has_target and self.lexicon.determiner.match(after):
                    continue  # a thing, not a person: "stab those balloons"
                if needs_target == "subject":
                    clause_start = self.clause_starts[self._clause(match.start())]
                    if not self.lexicon.act_subject.search(view[max(clause_start, match.start() - 80) : match.start()]):
                        continue
                elif needs_target and not has_target:
                    clause_start = self.clause_starts[self._clause(match.start())]
                    before = view[clause_start : match.start()]
                    passive = self.lexicon.passive.search(before[-30:])
                    if not (passive and self.lexicon.human_subject.search(before)):
                        continue
                acts.append(_Cue(match.start(), match.end(), "act", weight, match.group().strip(), category))
        return acts

    def _directives(self, multilingual: bool = True) -> list[_Cue]:
        """The directives; the multilingual ones only where ``multilingual`` (some act is)."""
        directives = [
            _Cue(m.start(), m.end(), kind, weight, m.group().strip(), "", ml)
            for kind, weight, pattern, ml in self.lexicon.directives
            if multilingual or not ml
            for m in pattern.finditer(self.view)
            if m.end() > m.start()
        ]
        imperatives = [self.lexicon.imperative.match(self.view, start) for start in self.clause_starts]
        if not self.latin or _NON_LATIN_LETTER.search(self.view):
            imperatives.extend(
                m for m in self.lexicon.foreign_imperative.finditer(self.view)
                if m.group("verb") not in self.lexicon.past_homographs or self._heads_clause(m.start())
            )
        for match in imperatives:
            if match is not None:
                directives.append(
                    _Cue(match.start("verb"), match.end("verb"), "imperative", lex.IMPERATIVE_WEIGHT, match.group("verb"))
                )
        return directives

    @cached_property
    def names_armed_men(self) -> bool:
        """Whether an "armed" addressee (army, officers, soldiers...) occurs in the sentence."""
        return any(kind == "armed" and pattern.search(self.view) for kind, _, pattern in self.lexicon.addressees)

    def _heads_clause(self, position: int) -> bool:
        """Whether ``position`` opens a clause (after punctuation, a conjunction or a vocative):
        where an Arabic verb spelt like the past tense is an imperative, not a report."""
        head = _CLAUSE_PUNCTUATION.split(self.view[:position])[-1]
        return _CLAUSE_HEAD.fullmatch(head) is not None or _ARABIC_VOCATIVE.search(head) is not None

    def _addressees(self) -> list[_Cue]:
        return [
            _Cue(m.start(), m.end(), kind, weight, m.group().strip())
            for kind, weight, pattern in self.lexicon.addressees
            for m in pattern.finditer(self.view)
        ]

    def _addressee(self, directive: _Cue, clause: int, addressees: list[_Cue], carried: _Cue | None) -> _Cue:
        """The best addressee for a directive: named in the clause, a vocative, or implied."""
        implicit = lex.IMPLICIT_ADDRESSEE.get(directive.kind, 0.7)
        best = _Cue(directive.start, directive.start, "implicit", implicit, "(implied)")
        if directive.kind in ("commissive", "slogan"):
            return best  # the speaker acts; the named people are targets, not addressees
        own = self._vocative_in_clause(clause)
        candidates = [a for a in addressees if self._clause(a.start) == clause and not _overlaps(a, directive)]
        if own is not None:
            candidates.append(own)
        second_person = directive.kind in ("imperative", "need") or re.search(r"\byou\b|\byour\b", self.view)
        if carried is not None and second_person:
            candidates.append(carried)
        for cue in candidates:
            if cue.weight > best.weight:
                best = cue
        return best

    def _vocative_in_clause(self, clause: int) -> _Cue | None:
        start = self.clause_starts[clause]
        end = self.clause_starts[clause + 1] if clause + 1 < len(self.clause_starts) else len(self.view)
        return _vocative(self.view[start:end], self.lexicon)

    # -- blockers ---------------------------------------------------------------------------

    def _sentence_blocker(self) -> str | None:
        view = self.view
        if self.lexicon.condemnation.search(view):
            return "condemnation"
        if self.lexicon.reporting.search(self._outside_quotes()):
            return "reported_speech"
        if view.rstrip(" \"'”»)]﴾﴿」』").endswith(("?", "؟", "？")):
            return "question"
        return None

    @cached_property
    def ml_blocker(self) -> str | None:
        """The multilingual sentence blockers, for calls on a multilingual cue."""
        if self.lexicon.ml_condemnation.search(self.view):
            return "condemnation"
        if self.lexicon.ml_reporting.search(self._outside_quotes()):
            return "reported_speech"
        return None

    def _outside_quotes(self) -> str:
        if not self.latin:
            return self.view
        return blank_quotes(self.view, self.span, self.quotes)

    def _quote_blocker(self, act: _Cue) -> str | None:
        """Reported speech or quotation when the act lies inside quotation marks."""
        if not self.quotes:
            return None
        position = self.span.start + act.start if self.latin else None
        for a, b in self.quotes:
            inside = (
                a <= position < b
                if position is not None
                else a <= self.span.start and self.span.end <= b + 1
            )
            if not inside:
                continue
            outside = self._outside_quotes()
            if self.lexicon.mention.search(outside) or len(re.findall(r"\w+", outside)) >= 4:
                return "reported_speech"
            around = self.text[max(0, a - 60) : a]
            after = self.text[b : b + 120]
            if self.lexicon.citation.search(self.text[a:b]) or self.lexicon.citation.search(after):
                return "quotation"
            if self.lexicon.attribution_before.search(around) or self.text[a] in "﴾﴿[":
                return "quotation"
            return None
        return None

    def _negated(self, directive: _Cue, act: _Cue) -> bool:
        first, second = (directive, act) if directive.start <= act.start else (act, directive)
        lo = max(self.clause_starts[self._clause(first.start)], first.start - 20)
        region = list(self.view[lo : second.start])
        for cue in (directive, act):
            for k in range(max(cue.start, lo), min(cue.end, second.start)):
                region[k - lo] = " "
        region_text = "".join(region)
        if self.lexicon.negation.search(region_text) is not None:
            return True
        if not (directive.ml or act.ml):
            return False
        if self.lexicon.ml_negation.search(region_text) is not None:
            return True
        return self.lexicon.ml_negation_after.match(self.view, max(act.end, directive.end)) is not None

    def _in_relative_clause(self, directive: _Cue, act: _Cue) -> bool:
        """"protect them from those who want to hurt them": the act is what others want."""
        if directive.end > act.start:
            return False
        return self.lexicon.relative_agent.search(self.view[directive.end : act.start]) is not None

    # -- calls ------------------------------------------------------------------------------

    def calls(
        self, carried: _Cue | None | Callable[[], _Cue | None], candidates: Collection[int] | None = None
    ) -> list[CallToAction]:
        """The calls of this sentence; ``carried`` is the vocative addressing it from earlier
        sentences (or how to find it: most sentences never need it)."""
        acts = self._acts(candidates)
        if not acts:
            return []
        directives = self._directives(any(act.ml for act in acts))
        if not directives:
            return []
        if callable(carried):
            carried = carried()
        addressees = self._addressees()
        sentence_blocker = self._sentence_blocker()
        best: dict[str, tuple[float, float, str | None, dict[str, str]]] = {}
        for act in acts:
            clause = self._clause(act.start)
            quote_blocker = self._quote_blocker(act)
            for directive in directives:
                if self._clause(directive.start) != clause or _distance(directive, act) > WINDOW:
                    continue
                if directive.kind == "imperative" and directive.end > act.end and not _overlaps(directive, act):
                    continue
                addressee = self._addressee(directive, clause, addressees, carried)
                raw = directive.weight * act.weight * addressee.weight
                if raw < MIN_SCORE:
                    continue
                blocker = sentence_blocker or quote_blocker
                if blocker is None and (act.ml or directive.ml):
                    blocker = self.ml_blocker
                if blocker is None and self._negated(directive, act):
                    blocker = "negation"
                if blocker is None and self._in_relative_clause(directive, act):
                    blocker = "relative_clause"
                score = 0.0 if blocker else raw
                cues = {
                    "directive": directive.text,
                    "directive_kind": directive.kind,
                    "act": act.text,
                    "addressee": addressee.text,
                    "addressee_kind": addressee.kind,
                }
                current = best.get(act.category)
                if current is None or (score, raw) > (current[0], current[1]):
                    best[act.category] = (score, raw, blocker, cues)
        return [
            CallToAction(self.span, category, round(score, 4), cues, blocker, round(raw, 4))
            for category, (score, raw, blocker, cues) in best.items()
        ]

    def glorification(self) -> CallToAction | None:
        view = self.view
        praises = [(m, w) for w, p in self.lexicon.praise for m in p.finditer(view)]
        praised = [(m, w) for w, p in self.lexicon.praised for m in p.finditer(view)]
        top: tuple[float, str, str, re.Match[str]] | None = None
        for pm, pw in praises:
            for qm, qw in praised:
                gap = max(0, qm.start() - pm.end(), pm.start() - qm.end())
                if gap > PRAISE_WINDOW or self._clause(pm.start()) != self._clause(qm.start()):
                    continue
                if top is None or pw * qw > top[0]:
                    top = (pw * qw, pm.group().strip(), qm.group().strip(), qm)
        if top is None or top[0] < MIN_SCORE:
            return None
        raw, praise, target, match = top
        act = _Cue(match.start(), match.end(), "praised", 1.0, target, "glorification")
        blocker = self._sentence_blocker() or self._quote_blocker(act)
        if blocker is None and self.lexicon.negation.search(view[max(0, match.start() - PRAISE_WINDOW) : match.start()]):
            blocker = "negation"
        return CallToAction(
            self.span,
            "glorification",
            0.0 if blocker else round(raw, 4),
            {"praise": praise, "praised": target},
            blocker,
            round(raw, 4),
        )


def blank_quotes(view: str, span: Span, quotes: Sequence[tuple[int, int]]) -> str:
    """The sentence ``view`` (which starts at ``span.start`` of the text) with every quoted
    stretch blanked, so that a cue inside a quotation is not read as the speaker's own."""
    if not quotes:
        return view
    chars = list(view)
    for a, b in quotes:
        for k in range(max(a, span.start), min(b, span.end)):
            chars[k - span.start] = " "
    return "".join(chars)


def _overlaps(a: _Cue, b: _Cue) -> bool:
    return a.start < b.end and b.start < a.end


def _distance(a: _Cue, b: _Cue) -> int:
    return max(0, b.start - a.end, a.start - b.end)

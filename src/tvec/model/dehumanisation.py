"""Dehumanising statements: a group predicated with a term that denies its humanity.

A linear n-gram model sees "vermin" and "Muslims" in both "Muslims are vermin" and "calling
Muslims vermin is hateful", so it cannot tell a statement from its quotation, negation or
rebuttal. Like :mod:`tvec.model.cta`, this model is a structure of ROLE SLOTS filled within one
clause of one sentence:

- a GROUP: a plural noun phrase naming people by religion, ethnicity, nationality, caste,
  migration status, gender, sexuality or disability ("Muslims", "gay people"), a capitalised
  plural demonym not in the lexicon ("Norvanians", weaker), "these/those/all <plural noun>"
  (weaker), or "they/them" when an identity noun precedes it in the same sentence;
- a PREDICATE linking the group to the term: a copula ("are", "are nothing but", "are just"),
  a comparison ("are like", "breed like"), a treatment ("should be treated like"), a naming
  ("call X vermin"), or a verb that carries the metaphor itself ("infest", "swarm");
- a dehumanising TERM: vermin and parasites, animals, disease, filth, the subhuman.

Extermination language with the group as its target ("X should be exterminated", "wipe out
the X") is reported here too, with ``cues["incitement"] = "extermination"``: it is both.

BLOCKERS keep the statement with score 0 and say why: ``question``; ``counter_speech``
(condemnation or commentary anywhere in the sentence: "it is wrong to call", "is hateful");
``reported_speech`` (a reporting verb or attribution outside quotation marks: "said",
"called them"); ``quotation`` (the statement is inside quotation marks and something outside
them, in the sentence or its neighbours, frames it); ``negation`` (a negator between group and
term: "are not", "are no more ... than", or a denial before the group: "it is not true that").

SCORE = group x predicate x term weights (see :mod:`tvec.model.dehumanisation_lexicon`); per
sentence the best unblocked statement is kept, else the best blocked one with score 0.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from tvec.model import cta_lexicon
from tvec.model import dehumanisation_lexicon as lex
from tvec.model.cta import CallToAction, _fold_pattern, _union, _view, blank_quotes
from tvec.model.gate import Gate, build_gate
from tvec.model.sentences import split_sentences
from tvec.types import Span

CATEGORY = "dehumanisation"
#: Raw scores below this are noise and not reported.
MIN_SCORE = 0.3
#: At most this many words between the group and its predicate ("Muslims in this town are").
MAX_FILL_WORDS = 4
#: At most this many modifier words between the predicate and the term ("are a filthy plague").
MAX_MOD_WORDS = 3


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    kind: str
    weight: float
    text: str


@dataclass(frozen=True)
class _Statement:
    group: _Group
    predicate: str
    predicate_kind: str
    term: str
    term_kind: str
    weight: float  # predicate x term
    gap: tuple[int, int]  # view offsets between the group and the term (negation is sought here)
    end: int  # view offset where the statement ends
    incitement: bool = False
    ml: bool = False  # from the multilingual templates: their blockers apply
    term_end: int = 0  # multilingual: where the term ends (a final copula may follow)


@dataclass(frozen=True)
class _Lexicon:
    prefilter: re.Pattern[str]
    gate: Gate
    identity: re.Pattern[str]
    demonym: re.Pattern[str]
    deictic: re.Pattern[str]
    pronoun: re.Pattern[str]
    predicates: tuple[tuple[str, float, re.Pattern[str]], ...]
    belief: re.Pattern[str]
    reported_treatment: re.Pattern[str]
    terms: tuple[tuple[str, float, re.Pattern[str]], ...]
    extermination_passive: re.Pattern[str]
    extermination_active: re.Pattern[str]
    naming: re.Pattern[str]
    attributive: re.Pattern[str]
    negation: re.Pattern[str]
    negated_group: re.Pattern[str]
    denial: re.Pattern[str]
    counter: re.Pattern[str]
    reporting: re.Pattern[str]
    clause_break: re.Pattern[str]
    quote: re.Pattern[str]
    ml_gate: Gate | None = None  # where a multilingual term may occur (a superset)
    ml: tuple[_MLLanguage, ...] = ()
    ml_negation: re.Pattern[str] | None = None
    ml_negation_after: re.Pattern[str] | None = None
    ml_nothing_but: re.Pattern[str] | None = None
    ml_denial: re.Pattern[str] | None = None
    ml_counter: re.Pattern[str] | None = None
    ml_reporting: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _MLLanguage:
    """One language's statement templates; run only where one of its terms occurs."""

    lang: str
    any_term: Gate  # a superset of where the language's terms occur (literal trie, fast)
    identity: re.Pattern[str]
    templates: tuple[tuple[str, re.Pattern[str]], ...]  # (order, pattern): svo, sov, zero, not_human
    terms: tuple[tuple[str, float, re.Pattern[str]], ...]


#: Characters a multilingual statement does not run across (sentence and clause ends).
_ML_SEP = r"[^.!?;:。！？؟।۔\n]"
_SCRIPT_LEFT = {"zh": "", "ar": cta_lexicon.AR_L, "ur": cta_lexicon.AR_L, "hi": cta_lexicon.IN_L,
                "bn": cta_lexicon.BN_L}


def _ml_wrap(lang: str, pattern: str) -> str:
    """A language's alternatives between that script's boundaries."""
    if lang in lex.ML_LATIN:
        return rf"(?<![\w'-])(?:{pattern})(?![\w'-])"
    # an inflection ("\S*" in the lexicon) stops at punctuation
    return _SCRIPT_LEFT[lang] + "(?:" + pattern.replace(r"\S*", r"[^\s.,!?;:।۔؟。！？，]*") + ")"


def _ml_language(lang: str) -> _MLLanguage:
    terms = "|".join(family[lang] for _, _, family in lex.ML_TERMS if lang in family)
    term = _ml_wrap(lang, terms)
    group = "(?P<group>" + _ml_wrap(lang, lex.ML_IDENTITY[lang] + "|" + lex.ML_GENERIC[lang]) + ")"
    templates = []
    if lang in lex.ML_COPULA:  # SVO: group, anything short, copula, up to a few words, term
        templates.append(("svo", rf"{group}(?P<fill>{_ML_SEP}{{0,40}}?)(?P<pred>{_ml_wrap(lang, lex.ML_COPULA[lang])})"
                         rf"(?P<mod>{_ML_SEP}{{0,30}}?)(?P<term>{term})"))
    if lang in lex.ML_COPULA_FINAL:  # SOV: group, term, hedges or a negator, final copula
        templates.append(("sov", rf"{group}(?P<fill>{_ML_SEP}{{0,40}}?)(?P<term>{term})"
                         rf"(?P<mod>(?:\s+(?:{lex.ML_FINAL_FILL[lang]}))*)\s+"
                         rf"(?P<pred>{lex.ML_COPULA_FINAL[lang]})(?=\s|$|[।۔.!?,])"))
    if lang in lex.ML_ZERO_COPULA_FILL:  # no copula: only hedges between group and term
        templates.append(("zero", rf"{group}(?P<fill>(?:\s+(?:{lex.ML_ZERO_COPULA_FILL[lang]}))*)\s+(?P<term>{term})"))
    templates.append(("not_human", rf"{group}(?P<fill>{_ML_SEP}{{0,30}}?)(?P<term>{_ml_wrap(lang, lex.ML_NOT_HUMAN[lang])})"))
    return _MLLanguage(
        lang,
        build_gate([_union(_ml_prefilter_parts(lang)).pattern]),
        _c(rf"^(?:{lex.ML_IDENTITY[lang]})$"),
        tuple((order, _c(t)) for order, t in templates),
        tuple((kind, weight, _c(_ml_wrap(lang, family[lang]))) for kind, weight, family in lex.ML_TERMS
              if lang in family),
    )


def _without_script_boundaries(pattern: str) -> str:
    """A superset of ``pattern`` for prefilters: the script look-behinds dropped."""
    for boundary in (cta_lexicon.AR_L, cta_lexicon.IN_L, cta_lexicon.BN_L):
        pattern = pattern.replace(boundary, "")
    return pattern


def _ml_prefilter_parts(lang: str | None = None) -> list[str]:
    """The multilingual terms and denials of humanity (of one language, or all), for prefilters."""
    parts = [p for _, _, family in lex.ML_TERMS for k, p in family.items() if lang in (None, k)]
    parts += [p for k, p in lex.ML_NOT_HUMAN.items() if lang in (None, k)]
    return [_without_script_boundaries(p) for p in parts]


#: The writer as the subject right before an attributive noun phrase: "I'm (just) a (piece of) ...".
#: Only an indefinite complement ("a", "an") describes the writer; "I'm the X hunter" does not.
_SELF_DESCRIPTION = re.compile(
    r"\b(?:i'm|im|i am|i was|i've been|ive been)\s+(?:(?:just|such|only)\s+)?(?:a|an)\s+"
    r"(?:(?:total|complete|real|proud|piece of|sack of|bit of|kind of)\s+)*$"
)
#: ... and the phrase must end there ("a piece of white trash, and proud"), not go on to a head
#: noun of its own ("a real X vermin hunter") or a possessive.
_SELF_DESCRIPTION_END = re.compile(r"(?!'s)\s*(?:[,.!?;:)]|$|(?:and|but|so|i|lol|haha|who|that)\b)")


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(_fold_pattern(pattern))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    terms_union = "|".join(p for _, _, p in lex.TERMS)
    fill = rf"(?P<fill>(?:[\s,]+[\w'-]+){{0,{MAX_FILL_WORDS}}}?)[\s,]+"
    mods = rf"(?P<mod>(?:[\w'-]+\s+){{0,{MAX_MOD_WORDS}}}?)"
    predicates = tuple(
        (
            kind,
            weight,
            _c(
                rf"^{fill}(?P<pred>{pattern})(?!\w)"
                + ("" if kind in lex.SELF_TERM_PREDICATES else rf"\s+{mods}(?P<term>{terms_union})(?![\w-])")
            ),
        )
        for kind, weight, pattern in lex.PREDICATES
    )
    # every statement needs a term (its weight is 0 otherwise), a term-like predicate or
    # extermination language; each of those starts at a word boundary, and nothing is
    # required after it, so this is a superset of what the sentence analysis can find
    prefilter = _c(
        rf"\b(?:{terms_union}|{'|'.join(p for kind, _, p in lex.PREDICATES if kind in lex.SELF_TERM_PREDICATES)})"
        rf"|{lex.EXTERMINATION_PASSIVE}|\b{lex.EXTERMINATION_ACTIVE}"
    )
    # the multilingual terms (every multilingual template contains one), in a prefilter of
    # their own: a regular expression of plain literals, so that ``re`` can skip ahead fast
    ml_prefilter = _union(_ml_prefilter_parts())
    return _Lexicon(
        prefilter=prefilter,
        gate=build_gate([prefilter.pattern, ml_prefilter.pattern]),
        ml_gate=build_gate([ml_prefilter.pattern]),
        identity=_c(
            rf"(?<![\w-])(?:the )?(?:(?:{lex.IDENTITY_ADJECTIVES}) (?:{lex.PEOPLE_NOUNS}|{lex.LIFE_NOUNS})"
            rf"|{lex.IDENTITY_NOUNS})(?![\w-])"
        ),
        demonym=re.compile(rf"(?<![\w-]){lex.DEMONYM}(?![\w-])"),
        deictic=_c(rf"(?<![\w-]){lex.DEICTIC}(?![\w-])"),
        pronoun=_c(rf"(?<![\w'-])(?:{lex.PRONOUN})(?![\w'-])"),
        predicates=predicates,
        belief=re.compile(lex.BELIEF_VERBS),
        reported_treatment=re.compile(lex.REPORTED_TREATMENT),
        terms=tuple((kind, weight, re.compile(rf"^(?:{p})$")) for kind, weight, p in lex.TERMS),
        extermination_passive=_c(rf"^{fill}(?P<pred>{lex.EXTERMINATION_PASSIVE})(?!\w)"),
        extermination_active=_c(rf"\b(?P<pred>{lex.EXTERMINATION_ACTIVE})$"),
        naming=_c(
            r"\b(?:call|calls|calling|called|label|labels|labelling|labeling|labelled|labeled|brand|"
            r"branding|branded|consider|considers|considering|considered)\s+$"
        ),
        attributive=_c(
            rf"(?<![\w-])(?P<group>{lex.IDENTITY_ADJECTIVES})(?: (?:{lex.LIFE_NOUNS}))?"
            rf" (?P<mod>(?:[\w'-]+ )?)(?P<term>{lex.ATTRIBUTIVE_TERMS})(?![\w-])"
        ),
        negation=re.compile(lex.NEGATION),
        negated_group=re.compile(r"\b(?:no|not|never|not all|none of the)\s+$"),
        denial=_c(lex.DENIAL),
        counter=_c(rf"{lex.COUNTER_SPEECH}|{cta_lexicon.CONDEMNATION}"),
        reporting=_c(rf"{cta_lexicon.REPORTING}|{lex.ATTRIBUTION}"),
        clause_break=re.compile(r";|:\s|\s[—–]\s|\s-\s|,\s(?:but|while|whereas|yet)\s|؛"),
        ml=tuple(_ml_language(lang) for lang in lex.ML_IDENTITY),
        ml_negation=_c(cta_lexicon.ML_NEGATION),
        ml_negation_after=_c(cta_lexicon.ML_NEGATION_AFTER),
        ml_nothing_but=_c(lex.ML_NOTHING_BUT),
        ml_denial=_c(lex.ML_DENIAL),
        ml_counter=_c(rf"{lex.ML_COUNTER_SPEECH}|{cta_lexicon.ML_CONDEMNATION}"),
        ml_reporting=_c(cta_lexicon.ML_REPORTING),
        quote=re.compile(r"„[^“”]{0,3000}[“”]|「[^」]{0,3000}」|“[^”]{0,3000}”|\"[^\"\n]{0,3000}\"|«[^»]{0,3000}»|(?<!\w)'[^'\n]{8,3000}'(?!\w)"),
    )


# ---------------------------------------------------------------------------------------------


def find_dehumanising_statements(
    text: str, spans: Sequence[Span] | None = None, *, gated: bool = True
) -> list[CallToAction]:
    """Every dehumanising statement in ``text``, at most one per sentence, in text order.

    Each result has category ``"dehumanisation"``, the sentence as its span, the filled slots
    as cues, and ``blocked_by`` with score 0 when the statement is quoted, reported, negated,
    countered or asked rather than made. ``spans`` are the sentences when the caller has split
    the text already; a literal gate over the whole document (:mod:`tvec.model.gate`) picks the
    sentences worth analysing, without changing the results (``gated=False``: every sentence).
    """
    lexicon = _lexicon()
    if spans is None:
        spans = split_sentences(text)
    document_view = _view(text)
    if gated and len(document_view) == len(text):  # the sentence views are slices of this one
        candidates = lexicon.gate.passing(document_view, spans)
    else:
        candidates = [True] * len(spans)
    quotes: list[tuple[int, int]] | None = None
    found: list[CallToAction] = []
    for index, span in enumerate(spans):
        if not candidates[index]:
            continue
        view = _view(text[span.start : span.end])
        if lexicon.prefilter.search(view) is None and not lexicon.ml_gate.passes(view):
            continue
        if quotes is None:
            quotes = [m.span() for m in lexicon.quote.finditer(text)]
        neighbours = [spans[k] for k in (index - 1, index + 1) if 0 <= k < len(spans)]
        result = _Sentence(text, span, view, quotes, neighbours, lexicon).best()
        if result is not None:
            found.append(result)
    return found


class _Sentence:
    """One sentence under analysis: its group slots, statements and blockers."""

    def __init__(
        self,
        text: str,
        span: Span,
        view: str,
        quotes: Sequence[tuple[int, int]],
        neighbours: Sequence[Span],
        lexicon: _Lexicon,
    ) -> None:
        self.text = text
        self.span = span
        self.view = view
        self.lexicon = lexicon
        self.neighbours = neighbours
        self.latin = len(view) == span.end - span.start  # view offsets == original offsets
        self.quotes = [(a, b) for a, b in quotes if a < span.end and b > span.start] if self.latin else []
        self.clause_starts = [0] + [m.end() for m in lexicon.clause_break.finditer(view)]

    def _clause(self, pos: int) -> int:
        return bisect_right(self.clause_starts, pos) - 1

    def _clause_end(self, pos: int) -> int:
        k = self._clause(pos) + 1
        return self.clause_starts[k] if k < len(self.clause_starts) else len(self.view)

    # -- slots ------------------------------------------------------------------------------

    def _groups(self) -> list[_Group]:
        lexicon, view = self.lexicon, self.view
        groups = [_Group(m.start(), m.end(), "identity", lex.IDENTITY_NOUN_WEIGHT, m.group()) for m in lexicon.identity.finditer(view)]
        if self.latin:
            original = self.text[self.span.start : self.span.end]
            for m in lexicon.demonym.finditer(original):
                if not any(g.start <= m.start() < g.end for g in groups):
                    groups.append(_Group(m.start(), m.end(), "demonym", lex.DEMONYM_WEIGHT, m.group()))
        named = [g.start for g in groups]
        for m in lexicon.deictic.finditer(view):
            if not any(g.start <= m.end() - 1 < g.end for g in groups):
                groups.append(_Group(m.start(), m.end(), "deictic", lex.DEICTIC_WEIGHT, m.group()))
        if named:
            first = min(named)
            for m in lexicon.pronoun.finditer(view):
                if m.start() > first:
                    groups.append(_Group(m.start(), m.end(), "pronoun", lex.PRONOUN_WEIGHT, m.group()))
        return groups

    def _term(self, term: str) -> tuple[str, float]:
        term = " ".join(term.split())
        best = ("", 0.0)
        for kind, weight, pattern in self.lexicon.terms:
            if weight > best[1] and pattern.match(term):
                best = (kind, weight)
        return best

    def _statements(self, group: _Group) -> list[_Statement]:
        lexicon, view = self.lexicon, self.view
        clause_end = self._clause_end(group.start)
        after = view[group.end : clause_end]
        out: list[_Statement] = []
        for kind, weight, pattern in lexicon.predicates:
            m = pattern.match(after)
            if m is None or lexicon.belief.search(m.group("fill")):
                continue
            if kind in lex.SELF_TERM_PREDICATES:
                term, term_kind, term_weight, term_start = m.group("pred"), "vermin", 0.9, m.start("pred")
            else:
                if lexicon.reported_treatment.match(m.group("mod")):
                    continue
                term = m.group("term")
                term_kind, term_weight = self._term(term)
                term_start = m.start("term")
            out.append(
                _Statement(group, " ".join(m.group("pred").split()), kind, " ".join(term.split()), term_kind,
                           weight * term_weight, (group.end, group.end + m.start("pred")), group.end + m.end())
            )
            if kind not in lex.SELF_TERM_PREDICATES:
                # the modifiers between predicate and term are searched for negation too
                out[-1] = _Statement(out[-1].group, out[-1].predicate, kind, out[-1].term, term_kind, out[-1].weight,
                                     (group.end, group.end + term_start), out[-1].end)
        m = lexicon.extermination_passive.match(after)
        if m is not None:
            out.append(_Statement(group, " ".join(m.group("pred").split()), "extermination", "extermination",
                                  "extermination", lex.EXTERMINATION_WEIGHT, (group.end, group.end + m.start("pred")),
                                  group.end + m.end(), incitement=True))
        before = view[self.clause_starts[self._clause(group.start)] : group.start]
        m = lexicon.extermination_active.search(before)
        if m is not None:
            out.append(_Statement(group, " ".join(m.group("pred").split()), "extermination", "extermination",
                                  "extermination", lex.EXTERMINATION_WEIGHT, (group.start, group.start), group.end,
                                  incitement=True))
        if lexicon.naming.search(before):
            term_match = re.match(rf"\s+((?:[\w'-]+\s+){{0,{MAX_MOD_WORDS}}}?)(\S.*)$", after)
            if term_match is not None:
                for end in range(len(term_match.group(2)), 0, -1):
                    term_kind, term_weight = self._term(term_match.group(2)[:end])
                    if term_weight and (end == len(term_match.group(2)) or not term_match.group(2)[end].isalnum()):
                        start = group.end + term_match.start(2)
                        out.append(_Statement(group, "call", "naming", term_match.group(2)[:end], term_kind,
                                              0.9 * term_weight, (group.end, start), start + end))
                        break
        return out

    def _attributive(self) -> list[_Statement]:
        """"<identity adjective> vermin": the noun phrase is the statement - unless the writer
        says it of themself ("I'm a piece of white trash"), which names no group."""
        out = []
        for m in self.lexicon.attributive.finditer(self.view):
            if (_SELF_DESCRIPTION.search(self.view, max(0, m.start() - 60), m.start())
                    and _SELF_DESCRIPTION_END.match(self.view, m.end())):
                continue
            group = _Group(m.start(), m.end("group"), "identity", lex.IDENTITY_NOUN_WEIGHT, m.group("group"))
            term_kind, term_weight = self._term(m.group("term"))
            out.append(_Statement(group, "attributive", "attributive", m.group("term"), term_kind,
                                  lex.ATTRIBUTIVE_WEIGHT * term_weight, (m.end("group"), m.start("term")), m.end()))
        return out

    # -- blockers ---------------------------------------------------------------------------

    def _sentence_blocker(self) -> str | None:
        view = self.view
        if view.rstrip(" \"'”»)]」』").endswith(("?", "؟", "？")):
            return "question"
        if self.lexicon.counter.search(view):
            return "counter_speech"
        if self.lexicon.reporting.search(self._outside_quotes()):
            return "reported_speech"
        return None

    def _outside_quotes(self) -> str:
        return blank_quotes(self.view, self.span, self.quotes)

    def _quote_blocker(self, statement: _Statement) -> str | None:
        """A statement inside quotation marks is quoted when anything frames the quotation."""
        start = self.span.start + statement.group.start
        for a, b in self.quotes:
            if not a <= start < b:
                continue
            outside = self._outside_quotes()
            if len(re.findall(r"\w+", outside)) >= 2:
                return "quotation"
            if any(self.text[n.start : n.end].strip() for n in self.neighbours):
                return "quotation"
        return None

    @cached_property
    def ml_blocker(self) -> str | None:
        if self.lexicon.ml_counter.search(self.view):
            return "counter_speech"
        if self.lexicon.ml_reporting.search(self._outside_quotes()):
            return "reported_speech"
        return None

    def _ml_statements(self) -> list[_Statement]:
        """Multilingual statements: per language whose terms occur, its templates."""
        out: list[_Statement] = []
        view = self.view
        if not self.lexicon.ml_gate.passes(view):
            return out
        for language in self.lexicon.ml:
            if not language.any_term.passes(view):
                continue
            for order, template in language.templates:
                for m in template.finditer(view):
                    if order == "svo" and not _few_words(m.group("mod")):
                        continue
                    group_text = m.group("group")
                    weight = lex.IDENTITY_NOUN_WEIGHT if language.identity.match(group_text) else lex.ML_GENERIC_WEIGHT
                    group = _Group(m.start("group"), m.end("group"), "identity" if weight == 1.0 else "generic",
                                   weight, group_text)
                    term = m.group("term")
                    kind, term_weight = "subhuman", 1.0  # a denial of humanity unless a family matches
                    for family, family_weight, pattern in language.terms:
                        if pattern.fullmatch(term):
                            kind, term_weight = family, family_weight
                            break
                    pred = m.group("pred") if "pred" in m.re.groupindex and m.group("pred") else "(none)"
                    out.append(_Statement(group, " ".join(pred.split()), f"ml_{language.lang}", " ".join(term.split()),
                                          kind, term_weight, (m.end("group"), m.start("term")), m.end(),
                                          ml=True, term_end=m.end("term")))
        return out

    def _ml_negated(self, statement: _Statement) -> bool:
        lexicon, view = self.lexicon, self.view
        region = view[statement.gap[0] : statement.gap[1]] + " " + view[statement.term_end : statement.end]
        region = lexicon.ml_nothing_but.sub(" ", region)
        if lexicon.ml_negation.search(region):
            return True
        after = lexicon.ml_nothing_but.sub(" ", view[statement.end : statement.end + 30])
        if lexicon.ml_negation_after.match(after):
            return True
        before = view[self.clause_starts[self._clause(statement.group.start)] : statement.group.start]
        return bool(lexicon.ml_denial.search(before) or lexicon.ml_negation.search(before))

    def _negated(self, statement: _Statement) -> bool:
        if statement.ml:
            return self._ml_negated(statement)
        a, b = statement.gap
        if self.lexicon.negation.search(self.view[a:b]):
            return True
        if self.lexicon.denial.search(self.view[: statement.group.start]):
            return True
        clause_start = self.clause_starts[self._clause(statement.group.start)]
        return self.lexicon.negated_group.search(self.view[clause_start : statement.group.start]) is not None

    # -- result -----------------------------------------------------------------------------

    def best(self) -> CallToAction | None:
        statements = [s for g in self._groups() for s in self._statements(g)]
        statements.extend(self._attributive())
        statements.extend(self._ml_statements())
        if not statements:
            return None
        sentence_blocker = self._sentence_blocker()
        top: tuple[float, float, str | None, _Statement] | None = None
        for statement in statements:
            raw = statement.group.weight * statement.weight
            if raw < MIN_SCORE:
                continue
            blocker = sentence_blocker or self._quote_blocker(statement)
            if blocker is None and statement.ml:
                blocker = self.ml_blocker
            if blocker is None and self._negated(statement):
                blocker = "negation"
            score = 0.0 if blocker else raw
            if top is None or (score, raw) > (top[0], top[1]):
                top = (score, raw, blocker, statement)
        if top is None:
            return None
        score, raw, blocker, s = top
        cues = {
            "group": " ".join(s.group.text.split()),
            "group_kind": s.group.kind,
            "predicate": s.predicate,
            "predicate_kind": s.predicate_kind,
            "term": s.term,
            "term_kind": s.term_kind,
        }
        if s.incitement:
            cues["incitement"] = "extermination"
        return CallToAction(self.span, CATEGORY, round(score, 4), cues, blocker, round(raw, 4))


def _few_words(mod: str) -> bool:
    """Between copula and term at most MAX_MOD_WORDS words (or six characters without spaces)."""
    words = mod.split()
    if len(words) > MAX_MOD_WORDS:
        return False
    return not (len(words) == 1 and len(words[0]) > 6 and not words[0].isascii() and _CJK.match(words[0]))


_CJK = re.compile("[\u3400-\u9fff]")

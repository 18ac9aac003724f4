"""How each public dataset's labels become tvec categories.

No public dataset is labelled with tvec's policy categories, so every source label is mapped by
hand here, one function per dataset. The functions are pure (raw fields in, labels out) so the
mapping is testable without the data, and their docstrings are copied verbatim into the model
card: the code *is* the documentation of the mapping.

Conventions:

* a mapping returns ``{category: 0 or 1}`` for the categories the source label speaks to;
  a category it does not mention is **unknown**, not negative (a hate-speech corpus says
  nothing about whether its "normal" tweets are counter-speech);
* ``None`` drops the row (a label that is not a usable judgement, e.g. "idk/skip");
* ``dehumanisation`` is trained as *identity-based hate* (every corpus below lumps religion,
  ethnicity, nationality, gender, sexuality and disability together and most cannot be split by
  target); *offensive*, *abusive* or *vulgar* without an identity attack is **not** hate (0).
  That keeps insults and profanity out of the violating class, the main false-positive trap of
  lexicon-seeded corpora such as Davidson's;
* ``incitement`` is trained from the explicit "call for violence" / "threat" / "violence"
  labels; rows from a clearly neutral class ("normal", "neither", "non-hostile", news) are
  negatives for it too, because a text with no hate and no offence is not a call to violence;
* ``news_reporting`` is positive only for the news corpus; posts from social-media corpora in
  English are negatives (a tweet or forum post is not news reporting). Other languages stay
  unknown: there is no non-English news to contrast them with;
* ``counter_speech`` comes only from the Reddit counter-speech corpus (and HateCheck's counter
  functionalities, evaluation only).

No dataset covers ``insurrection``, ``recruitment`` or ``proscribed_support``; DynaHate's
"support for hateful entities" is mapped to ``glorification`` for EVALUATION ONLY (DynaHate is
never trained on). Those categories are left to the call-to-action rules and the encoder stage.
"""

from __future__ import annotations

from collections.abc import Mapping

from tvec.types import VIOLATING_CATEGORIES, Category

INCITEMENT = str(Category.INCITEMENT)
DEHUMANISATION = str(Category.DEHUMANISATION)
GLORIFICATION = str(Category.GLORIFICATION)
NEWS_REPORTING = str(Category.NEWS_REPORTING)
COUNTER_SPEECH = str(Category.COUNTER_SPEECH)

#: The violating categories, all set to 0 for neutral news.
VIOLATING: tuple[str, ...] = tuple(sorted(str(c) for c in VIOLATING_CATEGORIES))

Labels = dict[str, int]


def map_hatexplain(label: str) -> Labels | None:
    """HateXplain (majority label of three annotators).

    | source label | tvec labels |
    |---|---|
    | `hatespeech` | dehumanisation=1 |
    | `offensive` | dehumanisation=0 (offensive is not hate) |
    | `normal` | dehumanisation=0, incitement=0, news_reporting=0 |
    """
    if label == "hatespeech":
        return {DEHUMANISATION: 1, NEWS_REPORTING: 0}
    if label == "offensive":
        return {DEHUMANISATION: 0, NEWS_REPORTING: 0}
    if label == "normal":
        return {DEHUMANISATION: 0, INCITEMENT: 0, NEWS_REPORTING: 0}
    return None


def map_gab_hate_corpus(hd: int, cv: int) -> Labels:
    """Gab Hate Corpus (binary columns; `vo` vulgarity is ignored: vulgar is not hate).

    | source label | tvec labels |
    |---|---|
    | `hd` (assault on human dignity) | dehumanisation = hd |
    | `cv` (call for violence) | incitement = cv |
    | every row | news_reporting=0 |
    """
    return {DEHUMANISATION: int(hd), INCITEMENT: int(cv), NEWS_REPORTING: 0}


def map_davidson(cls: int) -> Labels | None:
    """Davidson et al. (majority class of CrowdFlower annotators).

    | source label | tvec labels |
    |---|---|
    | `0` hate speech | dehumanisation=1 |
    | `1` offensive language | dehumanisation=0 (offensive is not hate) |
    | `2` neither | dehumanisation=0, incitement=0 |
    | every row | news_reporting=0 |
    """
    if cls == 0:
        return {DEHUMANISATION: 1, NEWS_REPORTING: 0}
    if cls == 1:
        return {DEHUMANISATION: 0, NEWS_REPORTING: 0}
    if cls == 2:
        return {DEHUMANISATION: 0, INCITEMENT: 0, NEWS_REPORTING: 0}
    return None


def map_stormfront(label: str) -> Labels | None:
    """Stormfront sentences (de Gibert et al.).

    | source label | tvec labels |
    |---|---|
    | `hate` | dehumanisation=1 |
    | `noHate` | dehumanisation=0 |
    | `relation` (hate only with the surrounding sentences) | dropped: not judgeable alone |
    | `idk/skip` | dropped |
    | every kept row | news_reporting=0 |
    """
    if label == "hate":
        return {DEHUMANISATION: 1, NEWS_REPORTING: 0}
    if label == "noHate":
        return {DEHUMANISATION: 0, NEWS_REPORTING: 0}
    return None


def map_implicit_hate(stage1: str, stage2: str | None) -> Labels | None:
    """Implicit Hate Corpus (ElSherief et al.): stage-1 class, plus the stage-2 implicit class
    where the post has one.

    | source label | tvec labels |
    |---|---|
    | `not_hate` | dehumanisation=0, incitement=0 |
    | `explicit_hate` | dehumanisation=1 (incitement unknown: explicit hate may or may not threaten) |
    | `implicit_hate` + stage-2 `threatening` | dehumanisation=1, incitement=1 |
    | `implicit_hate` + another stage-2 class | dehumanisation=1, incitement=0 |
    | `implicit_hate` without a stage-2 class | dehumanisation=1 |
    | every kept row | news_reporting=0 |

    Stage-2 `incitement` means "promoting hate groups and ideologies", *not* a call to violence,
    so it is not mapped to tvec's incitement (and not to proscribed_support either: the groups
    are mostly not designated anywhere; the organisations detector handles designation).
    """
    if stage1 == "not_hate":
        return {DEHUMANISATION: 0, INCITEMENT: 0, NEWS_REPORTING: 0}
    if stage1 == "explicit_hate":
        return {DEHUMANISATION: 1, NEWS_REPORTING: 0}
    if stage1 == "implicit_hate":
        labels: Labels = {DEHUMANISATION: 1, NEWS_REPORTING: 0}
        if stage2:
            labels[INCITEMENT] = int(stage2 == "threatening")
        return labels
    return None


def map_ruhsold(task2: int) -> Labels | None:
    """RUHSOLD, Roman Urdu, task 2 (fine-grained).

    | source label | tvec labels |
    |---|---|
    | `2` religious hate | dehumanisation=1 |
    | `0` abusive/offensive, `4` profane/untargeted | dehumanisation=0 |
    | `1` normal | dehumanisation=0, incitement=0 |
    | `3` sexism | dropped: a gender attack, neither clearly identity hate in tvec's sense nor clearly not |
    """
    if task2 == 2:
        return {DEHUMANISATION: 1}
    if task2 in (0, 4):
        return {DEHUMANISATION: 0}
    if task2 == 1:
        return {DEHUMANISATION: 0, INCITEMENT: 0}
    return None


def map_l_hsab(label: str) -> Labels | None:
    """L-HSAB, Levantine Arabic political tweets.

    | source label | tvec labels |
    |---|---|
    | `hate` | dehumanisation=1 |
    | `abusive` | dehumanisation=0 (abuse of politicians is not identity hate) |
    | `normal` | dehumanisation=0, incitement=0 |
    """
    if label == "hate":
        return {DEHUMANISATION: 1}
    if label == "abusive":
        return {DEHUMANISATION: 0}
    if label == "normal":
        return {DEHUMANISATION: 0, INCITEMENT: 0}
    return None


def map_osact2022(hate: str, violence: str) -> Labels | None:
    """OSACT 2022 Arabic (shared-task columns `Hate` and `Violence`; `Offensive` and `Vulgar`
    are ignored: offence and vulgarity are not hate).

    | source label | tvec labels |
    |---|---|
    | `Hate` = `HS1`..`HS6` (any hate type) | dehumanisation=1 |
    | `Hate` = `NOT_HS` | dehumanisation=0 |
    | `Violence` = `VIO` | incitement=1 |
    | `Violence` = `NOT_VIO` | incitement=0 |

    The HS1..HS6 type codes are unverified in the mirror, so every hate type counts.
    """
    labels: Labels = {}
    if hate.startswith("HS"):
        labels[DEHUMANISATION] = 1
    elif hate == "NOT_HS":
        labels[DEHUMANISATION] = 0
    if violence == "VIO":
        labels[INCITEMENT] = 1
    elif violence == "NOT_VIO":
        labels[INCITEMENT] = 0
    return labels or None


def map_constraint_hindi(label_set: str) -> Labels | None:
    """CONSTRAINT-2021 Hindi hostile posts (multi-label `Labels Set`).

    | source label | tvec labels |
    |---|---|
    | contains `hate` | dehumanisation=1 |
    | `non-hostile` | dehumanisation=0, incitement=0 |
    | only `fake` / `offensive` / `defamation` | dehumanisation=0 |
    """
    parts = {p.strip() for p in label_set.split(",") if p.strip()}
    if not parts:
        return None
    if "hate" in parts:
        return {DEHUMANISATION: 1}
    if parts == {"non-hostile"}:
        return {DEHUMANISATION: 0, INCITEMENT: 0}
    return {DEHUMANISATION: 0}


def map_counterspeech_reddit(label: int) -> Labels | None:
    """Reddit hate / counter-speech replies (Hickey et al.; Yu et al. 2022, 2023). The text is the
    REPLY alone; its label was given in the context of the parent comment.

    | source label | tvec labels |
    |---|---|
    | `2` counter-speech | counter_speech=1 |
    | `1` hate (or, in Yu et al. 2023, agreement with the hateful parent) | counter_speech=0 |
    | `0` other | counter_speech=0 |
    | every row | news_reporting=0 |

    `1` is not mapped to dehumanisation: in Yu et al. 2023 it means *agreeing* with a hateful
    parent, which the reply alone need not show.
    """
    if label == 2:
        return {COUNTER_SPEECH: 1, NEWS_REPORTING: 0}
    if label in (0, 1):
        return {COUNTER_SPEECH: 0, NEWS_REPORTING: 0}
    return None


def map_news_neutral(_: str = "") -> Labels:
    """AG News and BBC News articles (every topic).

    | source label | tvec labels |
    |---|---|
    | any topic | news_reporting=1 and every violating category = 0 |

    World news reports attacks and wars; that is exactly why it must score 0 on the violating
    categories.
    """
    labels: Labels = {c: 0 for c in VIOLATING}
    labels[NEWS_REPORTING] = 1
    return labels


def map_dghs(label: str, type_: str) -> Labels | None:
    """DynaHate dev/test (EVALUATION ONLY: never trained on).

    | source label | tvec labels |
    |---|---|
    | `nothate` | dehumanisation=0, incitement=0, glorification=0 |
    | `hate` + type `threatening` | dehumanisation=1, incitement=1 |
    | `hate` + type `dehumanization` / `derogation` / `animosity` | dehumanisation=1, incitement=0 |
    | `hate` + type `notgiven` (round 1) | dehumanisation=1 |
    | `hate` + type `support` (support for hateful entities, e.g. praising Nazis) | glorification=1 |

    `support` is the nearest public proxy for glorification (praise of a violent movement or its
    leaders); it is not glorification of a terrorist attack, so glorification figures on DynaHate
    are indicative only.
    """
    if label == "nothate":
        return {DEHUMANISATION: 0, INCITEMENT: 0, GLORIFICATION: 0}
    if label != "hate":
        return None
    if type_ == "threatening":
        return {DEHUMANISATION: 1, INCITEMENT: 1}
    if type_ in ("dehumanization", "derogation", "animosity"):
        return {DEHUMANISATION: 1, INCITEMENT: 0}
    if type_ == "support":
        return {GLORIFICATION: 1}
    if type_ == "notgiven":
        return {DEHUMANISATION: 1}
    return None


def map_hatecheck(functionality: str, label_gold: str, ref_functionality: str | None = None) -> Labels | None:
    """HateCheck functional tests (EVALUATION ONLY).

    | source label | tvec labels |
    |---|---|
    | `hateful` | dehumanisation=1 |
    | `non-hateful` | dehumanisation=0, incitement=0 |
    | functionality `threat_dir_h`, `threat_norm_h` | incitement=1 |
    | other hateful functionalities | incitement=0 |
    | `spell_*` (obfuscated copy of another case) | incitement as the referenced case |
    | `counter_quote_nh`, `counter_ref_nh` | counter_speech=1 |

    HateCheck's "hateful" covers women, trans, gay, black, disabled people, Muslims and
    immigrants: identity hate, i.e. tvec's dehumanisation as trained here.
    """
    if label_gold == "hateful":
        labels: Labels = {DEHUMANISATION: 1}
        base = ref_functionality if functionality.startswith("spell_") else functionality
        if base is not None:
            labels[INCITEMENT] = int(base.startswith("threat_"))
        return labels
    if label_gold == "non-hateful":
        labels = {DEHUMANISATION: 0, INCITEMENT: 0}
        if functionality in ("counter_quote_nh", "counter_ref_nh"):
            labels[COUNTER_SPEECH] = 1
        return labels
    return None


def merge_labels(first: Mapping[str, int], second: Mapping[str, int]) -> Labels:
    """Labels of two copies of one text: agreement and one-sided labels are kept, a category on
    which they disagree becomes unknown (annotators disagreed; neither answer is safe to learn)."""
    merged: Labels = {}
    for category in set(first) | set(second):
        a, b = first.get(category), second.get(category)
        if a is None or b is None or a == b:
            merged[category] = a if a is not None else b  # type: ignore[assignment]
    return merged


def map_gathered(label: str, categories: tuple[str, ...]) -> Labels | None:
    """The gathered datasets (data/MANIFEST.md gives each source label's tvec label); the
    first stage learns, per dataset, only the categories it annotates:

    | gathered label | tvec labels |
    |---|---|
    | the dataset's own category (incitement: Urdu threats, Bengali violence-inciting text, German calls to violence; dehumanisation: Indonesian, Arabic, French/English/Arabic identity hate) | that category=1, the dataset's other categories=0 |
    | `neutral`, `abuse` | the dataset's categories=0 (abuse is not flagged) |
    | any other label (e.g. German glorification) | left out |

    ``categories`` are the ones the dataset annotates (:mod:`tvec.training.data` lists them)."""
    if label in categories:
        return {c: int(c == label) for c in categories}
    if label in ("neutral", "abuse"):
        return dict.fromkeys(categories, 0)
    return None

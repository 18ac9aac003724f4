"""The detector interface and its registry.

A detector is a small object with a name, the categories it can emit, the languages it knows,
a relative cost, and ``detect``. The scanner runs detectors cheapest first; third-party detectors
plug in through the ``tvec.detectors`` entry-point group (each entry point names a factory that
takes the :class:`~tvec.settings.TvecSettings` and returns a detector). Nothing downstream knows
which detector produced a signal other than by its ``detector`` name, so a new detector needs no
change to the policy engine, the store or the console.
"""

from __future__ import annotations

import abc
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

from tvec.errors import ConfigurationError
from tvec.model.genre import GenreAssessment, assess_genre
from tvec.model.language import LanguageGuess, identify_language
from tvec.model.sentences import split_sentences
from tvec.model.speaker import Voice, sentence_voices
from tvec.normalise import NormalisedText, normalise
from tvec.types import Document, Signal, Span

if TYPE_CHECKING:
    from tvec.settings import TvecSettings

ENTRY_POINT_GROUP = "tvec.detectors"


@dataclass
class PreparedDocument:
    """A document plus what detectors share: its normalised form, computed once per scan."""

    document: Document
    _normalised: NormalisedText | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def normalised(self) -> NormalisedText:
        return self._normalised if self._normalised is not None else normalise(self.document.text)

    @cached_property
    def sentences(self) -> list[Span]:
        """The sentences of the original text (:func:`tvec.model.sentences.split_sentences`),
        split once for every detector that works sentence by sentence. Read-only by contract."""
        return split_sentences(self.document.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [span.start for span in self.sentences]

    def sentence_at(self, position: int) -> int:
        """The index in :attr:`sentences` of the sentence a character position falls in (-1
        before the first): detectors that find a span ask whose voice it is in."""
        return bisect_right(self.sentence_starts, position) - 1

    @cached_property
    def voices(self) -> list[Voice]:
        """Per sentence, whether the author speaks or quotes, reports or cites someone
        (:mod:`tvec.model.speaker`); aligned with :attr:`sentences`."""
        return sentence_voices(self.document.text, self.sentences)

    @cached_property
    def genre(self) -> GenreAssessment:
        """The document's genre (:mod:`tvec.model.genre`), shared by the detectors that weigh
        quoted speech and the one that reports context."""
        return assess_genre(self.document.text, self.sentences, self.voices)

    @cached_property
    def language(self) -> LanguageGuess:
        """The caller's language code when given, else the identified one
        (:mod:`tvec.model.language`)."""
        return identify_language(self.document.text, declared=self.document.lang)


class Detector(abc.ABC):
    """Base class of every detector.

    Subclasses set the class attributes and implement :meth:`detect`. ``cost`` is a relative
    figure (roughly microseconds per kilobyte) used only to order detectors cheapest first.
    """

    name: str = ""
    categories: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset({"*"})
    cost: float = 1.0

    @abc.abstractmethod
    def detect(self, doc: PreparedDocument) -> list[Signal]:
        """Return every signal found in ``doc``, with spans in the original text."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r} cost={self.cost}>"


DetectorFactory = Callable[["TvecSettings"], Detector]


class DetectorRegistry:
    """Named detector factories; built-ins are registered by the entry points of tvec itself."""

    def __init__(self) -> None:
        self._factories: dict[str, DetectorFactory] = {}

    def register(self, name: str, factory: DetectorFactory) -> None:
        if name in self._factories:
            raise ConfigurationError(f"detector {name!r} is registered twice")
        self._factories[name] = factory

    @property
    def names(self) -> list[str]:
        return sorted(self._factories)

    def create(self, names: Iterable[str], settings: TvecSettings) -> list[Detector]:
        """Instantiate the named detectors, ordered cheapest first."""
        detectors = []
        for name in names:
            try:
                factory = self._factories[name]
            except KeyError:
                known = ", ".join(self.names) or "none"
                raise ConfigurationError(f"unknown detector {name!r} (known: {known})") from None
            detectors.append(factory(settings))
        return sorted(detectors, key=lambda d: d.cost)

    @classmethod
    def from_entry_points(cls) -> DetectorRegistry:
        """Every installed detector, each imported only when it is asked for, so that a broken
        plug-in one never uses cannot stop tvec."""
        registry = cls()
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            registry.register(ep.name, _LazyFactory(ep))
        return registry


class _LazyFactory:
    def __init__(self, ep: EntryPoint) -> None:
        self._ep = ep

    def __call__(self, settings: TvecSettings) -> Detector:
        try:
            factory = self._ep.load()
        except Exception as exc:  # a broken plug-in must name itself
            raise ConfigurationError(
                f"cannot load detector plug-in {self._ep.name!r} ({self._ep.value}): {exc}"
            ) from exc
        return factory(settings)


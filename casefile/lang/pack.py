"""The language pack: everything a stage needs to know about one language, by its code.

``get_pack("uk")`` returns the Ukrainian :class:`LanguagePack`; stage code asks the pack
of ``Document.language`` and never branches on the language itself. A pack is its data
folder ``casefile/lang/data/<code>/``: ``pack.yaml`` (its settings: which engines, which
countries its toponyms lie in), and the word tables ``dates.yaml``, ``numbers.yaml``,
``cues.yaml``, ``toponyms.yaml``, ``romanization.yaml``. Packs are registered in
``casefile.registry.languages`` by code, so a plugin adds a language through the same
door (entry-point group ``casefile.languages``).

What a pack offers (each built on first use, then kept):

- ``sentences(text)``: sentence spans (line breaks, then ends of sentences that the
  pack's abbreviations do not explain);
- ``lemma(word)``, ``lemmas(text)``: lower-case lemmas, cached per word;
- ``dates(text, published)``: date expressions resolved to partial-ISO ranges;
- ``counts(text)``, ``number(word)``: numbers in digits and words, any case form;
- ``cues(text, kinds)``: hedges, denials, attributions (and any other list of
  ``cues.yaml``) by lemma;
- ``places(text)``: toponyms with their English names from the gazetteer;
- ``units(text)``: unit mentions with canonical English names;
- ``romanize(text)``, ``person_name(name)``: the national romanisation, a person's
  English name.

English's dates and counts are the engines in ``casefile.extract`` (imported when first
asked, as extraction imports this package: no cycle at import time).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .. import registry
from ..errors import ConfigError
from .counts import CountMatch, WordCounts
from .cues import CueMatch, PhraseMatcher
from .dates import CyrillicDates, DateMatch
from .morph import (
    WORD,
    common_word,
    given_name,
    lemmatizer,
    nominatives,
    normalise_apostrophes,
    noun_word,
    person_word,
    singular_word,
    tag_of,
    unknown_word,
)
from .places import EnglishPlaces, InflectedPlaces, PlaceMatch
from .romanize import KnownPersons, Romanizer
from .summary import english_summary
from .units import CyrillicUnits, chain_links

__all__ = ["DATA_DIR", "LanguagePack", "PersonName", "get_pack", "pack_codes"]

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class PersonName:
    """A person's ``name`` in English; ``original`` as written; ``known`` if from the KB."""

    name: str
    original: str
    known: bool


@dataclass
class LanguagePack:
    """One language's rules and word lists; see the module docstring for what it offers."""

    code: str
    settings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_folder(cls, folder: Path) -> LanguagePack:
        settings = _read(folder / "pack.yaml")
        return cls(str(settings["code"]), {**settings, "folder": str(folder)})

    @property
    def name(self) -> str:
        return str(self.settings.get("name", self.code))

    def table(self, name: str) -> dict[str, Any]:
        """One of the pack's data files, e.g. ``table("numbers")``; {} if it has none. Read
        once per pack (hot paths ask for them per sentence); callers must not change it."""
        if name not in self._tables:
            path = Path(self.settings["folder"]) / f"{name}.yaml"
            self._tables[name] = _read(path) if path.exists() else {}
        return self._tables[name]

    @cached_property
    def _tables(self) -> dict[str, dict[str, Any]]:
        return {}

    # -- words ----------------------------------------------------------------------

    @cached_property
    def lemma(self) -> Any:
        """``lemma(word) -> str``: the word's lemma in lower case (cached)."""
        return lemmatizer(str(self.settings["morphology"]), self.code)

    def lemmas(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, lemma) of every word of ``text``."""
        lemma = self.lemma
        return [(m.start(), m.end(), lemma(m.group())) for m in WORD.finditer(text)]

    def sentences(
        self,
        text: str,
        max_chars: int = 0,
        check: Callable[[], None] | None = None,
        model: str | None = None,
    ) -> list[tuple[int, int]]:
        """Sentence spans. With ``sentences: rules`` a line break ends one, and so does
        ``.!?…`` before a capital, unless the word before the stop is one of the pack's
        abbreviations or an initial; ``sentences: spacy`` is English's splitter
        (``casefile.extract.sentences``: paragraphs, then spaCy's sentencizer). A sentence
        longer than ``max_chars`` (0: no limit) is cut, as the extraction budget asks;
        ``check`` is the document's budget, called as the text is read; ``model``, the spaCy
        model the entities stage runs, lends English's splitter its tokenizer."""
        from ..extract.sentences import bounded, split_sentences

        if self.settings.get("sentences") == "spacy":
            return [(s.start, s.end) for s in split_sentences(text, max_chars, check, model)]
        return [
            piece
            for a, b in self._rule_sentences(text, check)
            for piece in bounded(text, a, b, max_chars)
        ]

    def _rule_sentences(self, text: str, check: Callable[[], None] | None) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", text):
            if check is not None:
                check()
            start = line.start()
            for stop in _STOP.finditer(line.group()):
                before = line.group()[: stop.start()].split()
                word = before[-1].lower() if before else ""
                if stop.group(1) == "." and (
                    word in self._abbreviations or (len(word) == 1 and word.isalpha())
                ):
                    continue
                end = line.start() + stop.end(1)
                if text[start:end].strip():
                    out.append(_strip(text, start, end))
                start = line.start() + stop.end()
            if text[start : line.end()].strip():
                out.append(_strip(text, start, line.end()))
        return out

    @cached_property
    def _abbreviations(self) -> frozenset[str]:
        return frozenset(str(a).lower().rstrip(".") for a in self.settings.get("abbreviations", []))

    # -- dates and counts -----------------------------------------------------------

    @cached_property
    def _dates(self) -> Any:
        engine = self.settings["dates"]
        if engine == "cyrillic":
            return CyrillicDates(self.table("dates")).find
        if engine == "english":
            from ..extract.dates import find_dates

            return find_dates
        raise ConfigError(f"language pack {self.code!r}: unknown dates engine {engine!r}")

    def dates(self, text: str, published: str | date | None) -> list[DateMatch]:
        """Date expressions in ``text`` resolved against ``published``, in text order (for
        English, ``casefile.extract.dates.DateMatch`` objects: the same fields)."""
        return list(self._dates(text, published))

    @cached_property
    def _counts(self) -> WordCounts | None:
        if self.settings["counts"] == "words":
            singular = functools.partial(singular_word, self.code)
            noun = functools.partial(noun_word, self.code)
            table = dict(self.table("numbers"))
            # a day of a month is no count of people ("16 березня загинула жінка"): the
            # month names of the pack's dates.yaml follow a number as its measure does
            months = [
                str(w) for forms in self.table("dates").get("months", {}).values() for w in forms
            ]
            table["not_people_after"] = [*table.get("not_people_after", []), *months]
            grammemes = functools.partial(tag_of, self.code)
            return WordCounts(table, self.lemma, singular, noun, grammemes)
        return None

    def counts(self, text: str) -> list[CountMatch]:
        """Numbers in digits and words in ``text`` with their values, in text order."""
        if self._counts is not None:
            return self._counts.find(text)
        from ..extract.counts import find_counts

        out = []
        for m in find_counts(text):
            c = m.count
            value = c.best if c.best is not None else (c.low or c.high)
            if value is not None:
                out.append(CountMatch(m.start, m.end, text[m.start : m.end], int(value)))
        return out

    def victim_counts(self, text: str) -> list[Any]:
        """Counts of people with their role (killed, injured, victims), as the extraction's
        count stage reads them (``casefile.extract.counts.CountMatch`` for English)."""
        if self._counts is not None:
            return self._counts.victims(text)
        from ..extract.counts import find_counts, may_hold_counts

        return find_counts(text) if may_hold_counts(text) else []

    @cached_property
    def _and_joined(self) -> re.Pattern[str] | None:
        table = self.table("numbers")
        words = [str(w) for w in table.get("and_words", [])]
        if not words:
            return None
        owners = [str(w) for w in table.get("and_owners", [])]
        owner = rf"(?:(?:{'|'.join(map(re.escape, owners))})\s+)?" if owners else ""
        # the first count's noun may stand between ("двоє дорослих і троє дітей")
        joins = "|".join(map(re.escape, words))
        return re.compile(rf"^\s*(?:[^\W\d]+\s+)?(?:{joins})\s+{owner}$", re.I)

    def and_joined(self, between: str) -> bool:
        """Whether the words between two counts join them into one ("двоє дорослих і
        троє дітей": five), by ``numbers.yaml``'s ``and_words`` (and a possessive of
        ``and_owners`` after it: "та її двоє дітей"); English: never (its parse joins)."""
        rx = self._and_joined
        return bool(rx and rx.match(between))

    def one_victim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of one person an act's word at ``text[start:end]`` is done to, named
        right after it ("викрали волонтера", "били мене") or as an object pronoun right
        before it ("його затримали"), for a language without a parse."""
        if self._counts is None:
            return None
        return self._counts.one_after(text, end) or self._counts.one_before(text, start)

    def number(self, phrase: str) -> int | None:
        """The value of a phrase that is one number ("дев'ятьох" -> 9), else None."""
        if self._counts is not None:
            return self._counts.value(phrase)
        from ..extract.counts import number

        return number(phrase)

    # -- summaries ------------------------------------------------------------------

    def summary(self, incident: Any, sentence: str) -> str:
        """An incident's summary: ``sentence`` (the act's first, shortened) where the pack
        says ``summary: sentence``; in English from the incident's fields where it says
        ``summary: fields`` (``casefile.lang.summary``), so a reader of another language
        gets an English line and the spans still point into the original."""
        if self.settings.get("summary") == "fields":
            return english_summary(incident, self.name)
        return sentence

    # -- moods ----------------------------------------------------------------------

    def unrealised(self, text: str, start: int, end: int) -> bool:
        """Whether the verb ``text[start:end]`` names an act not told as done: an
        infinitive ("наказ розстрілювати", "приказ расстрелять") or an imperative
        ("розстрілюйте"), unless a verb that starts or goes on with the act comes right
        before it ("почали обстрілювати"; ``pack.yaml``'s ``phase_verbs``, by lemma). Only
        for a language read by pymorphy3; English has its parse (``events._intent``)."""
        if self.settings["morphology"] != "pymorphy3":
            return False
        word = text[start:end]
        if " " in word.strip():
            return False
        tags = tag_of(self.code, word)
        if not ({"INFN", "infn", "impr"} & tags):
            return False
        before = WORD.findall(text[max(0, start - 40) : start])
        return not (before and self.lemma(before[-1]) in self._phase_verbs)

    def joins(self, between: str) -> bool:
        """Whether the words between two names join them as one party ("... і його
        заступник ...", "... и ..."): a joining word of ``numbers.yaml``'s ``and_words``
        first, then at most three lower-case words. English never (its parse says)."""
        if self._counts is None:
            return False
        words = between.replace(",", " ").split()
        return (
            bool(words)
            and words[0].lower() in self._counts.and_words
            and len(words) <= 4
            and all(w[:1].islower() for w in words[1:])
        )

    def light_verb_phrase(self, between: str) -> bool:
        """Whether ``between`` (the words from a subject to the noun of an act) is one finite
        verb and at most ``_LIGHT_ADJECTIVES`` adjectives ("нанесла массированный ракетный"
        before "удар", "здійснила масований" before "обстріл"): the act is the verb's
        object, the subject its doer. Only for a language read by pymorphy3."""
        if self.settings["morphology"] != "pymorphy3":
            return False
        words = WORD.findall(between)
        if not 2 <= len(words) <= 1 + _LIGHT_ADJECTIVES:
            return False
        if "VERB" not in tag_of(self.code, words[0]):
            return False
        return all({"ADJF", "PRTF"} & tag_of(self.code, w) for w in words[1:])

    def object_of(self, verb: str, phrase: str) -> bool:
        """Whether ``phrase``, named after the verb ``verb``, can only be its object: the
        verb is a finite verb and the phrase's last word is in neither the nominative (a
        subject after its verb: "обстріляли російські військові") nor the instrumental (an
        agent: "розстріляні російськими військовими"), as in "розстріляли українських
        військових". A noun's genitive is its agent ("обстріл окупантів"), so only verbs.
        Only for a language read by pymorphy3."""
        if self.settings["morphology"] != "pymorphy3":
            return False
        if not {"VERB", "INFN"} & tag_of(self.code, verb.strip()):
            return False
        words = WORD.findall(phrase)
        if not words:
            return False
        from .morph import _analyzer

        parses = _analyzer(self.code).parse(normalise_apostrophes(words[-1].lower()))
        if not parses or not parses[0].is_known:
            return False
        return not any({"nomn", "ablt"} & p.tag.grammemes for p in parses)

    @cached_property
    def _phase_verbs(self) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self.settings.get("phase_verbs", []))

    # -- cues -----------------------------------------------------------------------

    @cached_property
    def _cues(self) -> PhraseMatcher:
        lists = {k: v for k, v in self.table("cues").items() if isinstance(v, list)}
        return PhraseMatcher(lists, self.lemmas)

    def cues(self, text: str, kinds: Iterable[str] | None = None) -> list[CueMatch]:
        """Cue phrases of ``kinds`` ("hedge", "denial", "attribution"; all if None)."""
        return self._cues.find(text, kinds)

    @property
    def has_certainty_cues(self) -> bool:
        """Whether the pack lists hedges and evidence (``hedges``, ``evidence_cues``);
        English has its patterns in ``casefile.extract.lexicon``."""
        return self._evidence is not None

    def hedges(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, certainty) of hedges ("ймовірно": alleged) and denials
        ("спростували": disputed) in ``text``."""
        value = {"hedge": "alleged", "denial": "disputed"}
        return [(c.start, c.end, value[c.kind]) for c in self.cues(text, ["hedge", "denial"])]

    @cached_property
    def _evidence(self) -> PhraseMatcher | None:
        table = self.table("cues").get("evidence")
        return PhraseMatcher(table, self.lemmas) if isinstance(table, dict) else None

    def evidence_cues(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, evidence kind) of the evidence ``cues.yaml`` names ("відео": video)."""
        if self._evidence is None:
            return []
        return [(c.start, c.end, c.kind) for c in self._evidence.find(text)]

    def statement_cues(self, text: str) -> list[CueMatch]:
        """Cues of statements that link leaders to crimes ("наказ", "в плен не брать",
        "нагородити"): the ``order``, ``incitement``, ``honour`` and ``denial`` lists of
        ``cues.yaml``; [] for a pack without them (English reads its own, in
        ``casefile.extract.statements``)."""
        if not self._statement_kinds:
            return []
        return self.cues(text, self._statement_kinds)

    @property
    def has_statement_cues(self) -> bool:
        """Whether the pack lists the cues of statements (``statement_cues``)."""
        return bool(self._statement_kinds)

    @cached_property
    def _statement_kinds(self) -> list[str]:
        table = self.table("cues")
        if "order" not in table:
            return []
        return [k for k in ("order", "incitement", "honour", "denial") if k in table]

    # -- statistics -------------------------------------------------------------------

    @property
    def has_statistic_cues(self) -> bool:
        """Whether the pack lists what statistics need (``cues.yaml``'s ``cases``)."""
        return bool(self._case_nouns)

    @cached_property
    def _case_nouns(self) -> frozenset[str]:
        return frozenset(
            normalise_apostrophes(self.lemma(str(w))) for w in self.table("cues").get("cases") or []
        )

    def case_counts(self, text: str) -> list[CountMatch]:
        """Counts of cases ("17 кримінальних проваджень", "240 тисяч злочинів"): a count
        with a noun of ``cues.yaml``'s ``cases`` among the three words after it."""
        if not self._case_nouns:
            return []
        out = []
        for c in self.counts(text):
            if c.value < 2:
                continue  # "ще один випадок катування" tells one act, not a figure
            after = WORD.findall(text, c.end, min(len(text), c.end + 60))[:3]
            if after and normalise_apostrophes(after[0].lower()) in self._month_words:
                continue  # "6 грудня розпочали розслідування": a day, not a figure
            if any(normalise_apostrophes(self.lemma(w)) in self._case_nouns for w in after):
                out.append(c)
        return out

    @cached_property
    def _month_words(self) -> frozenset[str]:
        """Every form of a month's name (``dates.yaml``'s ``months``), lower case."""
        months = self.table("dates").get("months") or {}
        return frozenset(normalise_apostrophes(str(f)) for forms in months.values() for f in forms)

    @cached_property
    def _prosecuted_people(self) -> frozenset[str]:
        words = str(self.table("cues").get("prosecuted_people") or "").split()
        return frozenset(normalise_apostrophes(self.lemma(w)) for w in words)

    def prosecuted_counts(self, text: str) -> list[CountMatch]:
        """Counts of people prosecuted for crimes ("понад 1100 осіб отримали підозри",
        "засуджено 120 осіб"): a count of ``cues.yaml``'s ``prosecuted_people`` (its next
        word) with a ``prosecuted`` cue within some words before or after it."""
        if not self._prosecuted_people:
            return []
        cues = self.cues(text, ["prosecuted"])
        out = []
        for c in self.counts(text):
            after = WORD.findall(text, c.end, min(len(text), c.end + 30))[:1]
            if not any(
                normalise_apostrophes(self.lemma(w)) in self._prosecuted_people for w in after
            ):
                continue
            if any(
                c.end <= q.start <= c.end + 40 or c.start - 30 <= q.end <= c.start for q in cues
            ):
                out.append(c)
        return out

    @cached_property
    def _many_nouns(self) -> frozenset[str]:
        words = str(self.table("cues").get("many_acts") or "").split()
        return frozenset(normalise_apostrophes(w) for w in words)

    def counts_many(self, text: str) -> bool:
        """Whether ``text`` counts many strikes or many places struck ("412 разів обстріляли
        18 населених пунктів", "выпустили 60 снарядов", "15 ударів по 8 громадах"): a
        number of at least ``_MANY`` with a noun of ``cues.yaml``'s ``many_acts`` (a word
        or its lemma) among the two words after it. A region's digest of a day, not one
        act; False for a pack that lists none."""
        if not self._many_nouns:
            return False
        tokens = _NUMBER_OR_WORD.findall(text)
        for k, token in enumerate(tokens):
            value = self.number(token)
            if value is None or value < _MANY:
                continue
            if any(
                normalise_apostrophes(w.lower()) in self._many_nouns
                or normalise_apostrophes(self.lemma(w)) in self._many_nouns
                for w in tokens[k + 1 : k + 3]
            ):
                return True
        return False

    def spread(self, text: str) -> bool:
        """Whether ``text`` spreads a figure over time or places ("з початку", "за добу")."""
        return bool(self.cues(text, ["spread"]))

    def cumulative(self, text: str) -> bool:
        """Whether ``text`` makes a figure a running total or one of a long period ("з
        початку вторгнення", "за тиждень"; ``cues.yaml``'s ``cumulative``), not a day's."""
        return bool(self.cues(text, ["cumulative"]))

    def known(self, text: str) -> bool:
        """Whether ``text`` tells a figure as what is known so far ("відомо про", "известно
        о"; ``cues.yaml``'s ``known``): a tally where the figure is large."""
        return self._listed_cue(text, "known")

    def risen(self, text: str) -> bool:
        """Whether ``text`` tells what a figure rose to ("зросла до", "выросло до";
        ``cues.yaml``'s ``risen``)."""
        return self._listed_cue(text, "risen")

    def _listed_cue(self, text: str, key: str) -> bool:
        """Whether ``text`` holds a cue of ``cues.yaml``'s list ``key``; False for a pack
        that lists none (its cue matcher is not built for it)."""
        return bool(self.table("cues").get(key)) and bool(self.cues(text, [key]))

    def as_of(self, before: str) -> bool:
        """Whether the words ``before`` a date make it the date a figure is told as of."""
        if not self.table("cues").get("as_of"):
            return False  # a pack that lists none (its cue matcher is not even built)
        return any(c.end >= len(before.rstrip()) for c in self.cues(before, ["as_of"]))

    def charged(self, sentence: str) -> bool:
        """Whether ``sentence`` charges someone with an act, for a language without a
        parse: a notice of suspicion, a charge or a sentence in absentia (``cues.yaml``'s
        ``charged``: "повідомили про підозру", "обвиняется", "заочно"). Its word order is
        free ("<кому> повідомлено про підозру", "обвинувачується <хто>"), so the people it
        names are the accused, save the sources and the victims (``Assembler.charged``)."""
        return bool(self.cues(sentence, ["charged"]))

    def default_agent_for(self, country: str | None, kind: str) -> str | None:
        """The force an act of type ``kind`` the pack's language tells without naming who
        did it is laid at, by the country it happened in (None: not known), from
        ``pack.yaml``'s ``default_agents``: a Ukrainian report of a strike on Ukraine that
        names no attacker means Russia's; None where the pack names none for that country,
        or its ``default_agent_types`` (where it lists some) leave out ``kind``."""
        types = self.settings.get("default_agent_types")
        if types and kind not in types:
            return None
        value = (self.settings.get("default_agents") or {}).get(country)
        return str(value) if value else None

    def dated_on_publication(self, kind: str) -> bool:
        """Whether an act of type ``kind`` that a report dates nowhere happened on the day
        the report was published (``pack.yaml``'s ``dated_on_publication``): a news post or
        an official's post about a strike is written the day it struck."""
        return kind in (self.settings.get("dated_on_publication") or [])

    @cached_property
    def _ranks(self) -> PhraseMatcher:
        by_english: dict[str, list[str]] = {}
        for phrase, english in (self.table("cues").get("ranks") or {}).items():
            by_english.setdefault(str(english), []).append(str(phrase))
        return PhraseMatcher(by_english, self.lemmas)

    @cached_property
    def _states(self) -> PhraseMatcher:
        by_english: dict[str, list[str]] = {}
        for phrase, english in (self.table("cues").get("states") or {}).items():
            by_english.setdefault(str(english), []).append(str(phrase))
        return PhraseMatcher(by_english, self.lemmas)

    def states(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, English name) of each word that speaks for a state ("Кремль",
        "російська сторона" -> Russia; ``cues.yaml``'s ``states``)."""
        return [(c.start, c.end, c.kind) for c in self._states.find(text)]

    def ranks(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, English rank, side) of each military rank or post ``cues.yaml``'s
        ``ranks`` names ("одного з командирів" -> commander), with the side an adjective
        right before it names (``sides``: "російські командири" -> Russian), else None."""
        sides = {str(k): str(v) for k, v in (self.table("cues").get("sides") or {}).items()}
        out = []
        for c in self._ranks.find(text):
            before = list(WORD.finditer(text, max(0, c.start - 30), c.start))
            side = sides.get(self.lemma(before[-1].group())) if before else None
            out.append((c.start, c.end, c.kind, side))
        return out

    def matcher(self, phrases: Mapping[str, Iterable[str]]) -> PhraseMatcher:
        """A lemma matcher for other phrase lists (an incident type's triggers and cues)."""
        return PhraseMatcher(phrases, self.lemmas)

    @cached_property
    def _organizations(self) -> tuple[PhraseMatcher, list[tuple[re.Pattern[str], str]]] | None:
        table = self.table("organizations")
        if not table:
            return None
        offices = [
            (re.compile(str(o["pattern"])), str(o["name"])) for o in table.get("oblast_offices", [])
        ]
        return PhraseMatcher(table.get("names", {}), self.lemmas), offices

    def organizations(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, English name) of the bodies ``organizations.yaml`` names: by lemma
        ("Офісу генпрокурора"), and offices named after their oblast ("прокуратура
        Сумської області" -> Sumy Oblast Prosecutor's Office); a body named right before a
        person's name is that person's title and is left out."""
        if self._organizations is None:
            return []
        matcher, offices = self._organizations
        found: list[tuple[int, int, str]] = []
        for rx, template in offices:
            for m in rx.finditer(text):
                oblast = self._oblast(m.group("area"))
                if oblast:
                    found.append((m.start(), m.end(), template.format(oblast=oblast)))
        for c in matcher.find(text):
            if not any(a < c.end and c.start < b for a, b, _ in found):
                found.append((c.start, c.end, c.kind))
        if found and self.names_people:
            # a body right before a person's name is the person's title ("голова
            # Сумської ОВА Іван Петренко"): the person speaks, not the body
            names = {a for a, _, _ in self.persons(text)}
            found = [f for f in found if _next_word_at(text, f[1]) not in names]
        return sorted(found)

    def _oblast(self, area: str) -> str | None:
        """The English name of an oblast named by ``area`` ("Сумської області", "Сумська",
        "Сумщини"), or None."""
        hits = self.places(area) if " " in area else []
        if not hits and isinstance(self._places, InflectedPlaces):
            noun = next(iter(self._places.area_nouns.values()), None)
            hit = self._places._area_name(area.split()[0], noun) if noun else None
            if hit is not None:
                return hit[1]
            one = self.place(area.split()[0])
            return one.name if one and one.candidate.feature_code == "ADM1" else None
        return hits[0].name if hits else None

    def told_on(self, sentence: str, at: int) -> bool:
        """Whether the date at ``sentence[at:]`` says when something was told: a verb of
        reporting or of making a text public ("повідомив", "сообщили", "said", "a report
        released") shortly before it in its clause, or of a step of a case right before
        it ("затримали 18 березня", "задержали в среду": ``procedure``). Phrases that name
        a source ("за даними", "according to") do not count: the date after them is the
        act's. For text
        without a parse (an act's own clause is read from the parse:
        ``events._attachment``). English reads its verbs from ``extract.lexicon``
        (``TOLD_VERB``: a regex, no lemmatizer to load); the others their cue lists."""
        before = re.split(r"[,;:.!?()«»\"]", sentence[max(0, at - _TOLD_REACH) : at])[-1]
        if self.settings["dates"] == "english":
            from ..extract.lexicon import TOLD_VERB

            told = [m.end() for m in TOLD_VERB.finditer(before)]
            # "reports say that on 3 May ...": a date inside what was said is the act's
            return bool(told) and not _COMPLEMENT.search(before, told[-1])
        return (
            any(
                " " not in c.phrase.strip()
                # a step of a case dates itself only right before the date ("затримали 18
                # березня"), not the act named after it ("після обстрілу Херсона 19 вересня")
                and (c.kind != "procedure" or len(WORD.findall(before[c.end :])) <= 1)
                for c in self.cues(before, ["attribution", "publication", "procedure"])
            )
            or self._told_after(sentence, at, before)
            or self._court_day(sentence, at)
            or self._source_sentence(sentence, at)
        )

    def _source_sentence(self, sentence: str, at: int) -> bool:
        """Whether the date at ``sentence[at:]`` is in a sentence that opens by pointing
        back to what was told (``source_back``: "Об этом сообщил ...", "Про це повідомила
        ...") after its verb of reporting, with no word that opens a clause between ("...
        сообщил омбудсмен в Telegram в четверг, 23 января": the day it was told, across the
        commas ``told_on``'s clause stops at; not "..., добавив, что 20 января ...")."""
        head = sentence[:at]
        words = WORD.findall(head)
        if not words or not self.cues(" ".join(words[:2]), ["source_back"]):
            return False
        verbs = [
            c
            for c in self.cues(head, ["attribution", "publication"])
            if " " not in c.phrase.strip()
        ]
        if not verbs:
            return False
        return not any(
            self.lemma(w) in self._clause_openers or w.lower() in self._asides
            for w in WORD.findall(head[verbs[0].end :])
        )

    def court_seat(self, before: str) -> bool:
        """Whether a place right after ``before`` is where a court sits: a noun of
        ``cues.yaml``'s ``court_seat`` among the last ``_SEAT_WORDS`` words of its clause
        ("районний суд м. Чернігова", "Суд у Львові"), not where the act was."""
        seats = frozenset(str(w) for w in self.table("cues").get("court_seat") or [])
        if not seats:
            return False
        clause = re.split(r"[,;:!?()«»\"]", before[-80:])[-1]
        return any(self.lemma(w) in seats for w in WORD.findall(clause)[-_SEAT_WORDS:])

    def _court_day(self, sentence: str, at: int) -> bool:
        """Whether the date at ``sentence[at:]`` is followed in its clause by a court's
        step (``cues.yaml``'s ``court``), with nothing but the rest of the date and adverbs
        between ("суд 10 жовтня 2025 року заочно засудив ...", "суд 3 июня приговорил"):
        the day of the verdict, not of the act it tells of."""
        after = re.split(r"[,;:!?()«»\"]", sentence[at : at + _TOLD_AHEAD])[0]
        steps = self.cues(after, ["court"])
        if not steps:
            return False
        words = WORD.findall(after[: steps[0].start])
        dates = {w.lower() for w in self.table("dates").get("year_words", [])}
        months = {str(w) for forms in self.table("dates").get("months", {}).values() for w in forms}
        return all(
            w.lower() in months or w.lower() in dates or "ADVB" in tag_of(self.code, w)
            for w in words
        )

    def _told_after(self, sentence: str, at: int, before: str) -> bool:
        """Whether the date at ``sentence[at:]`` opens its clause (nothing before it there
        but a phrase that points back, ``source_back``: "Про це 11 жовтня повідомила
        пресслужба") and a verb of reporting follows it in that clause, with no other verb
        between, only the teller (at most ``_TOLD_SUBJECT`` words: "Вчера, 19 июня, Офис
        генпрокурора сообщил о ..."). Pieces between commas before the verb's are the
        date's own (at most ``_TOLD_DATE_WORDS`` words each: "Сьогодні, 12 вересня, ...");
        a word that opens a clause leaves the date the act's ("24 листопада, як повідомили
        в ОВА, окупанти ...")."""
        head = WORD.findall(before)
        if head and not (len(head) <= 2 and self.cues(before, ["source_back"])):
            return False
        pieces = re.split(r"[,;:.!?()«»\"—–]", sentence[at : at + _TOLD_AHEAD])
        for piece in pieces:
            verbs = [
                c
                for c in self.cues(piece, ["attribution", "publication"])
                if " " not in c.phrase.strip()
            ]
            words = WORD.findall(piece[: verbs[0].start] if verbs else piece)
            if any(
                self.lemma(w) in self._clause_openers
                or w.lower() in self._asides
                or {"VERB", "INFN", "PRTS", "GRND"} & tag_of(self.code, w)
                for w in words
            ):
                return False
            if verbs:
                return len(words) <= _TOLD_DATE_WORDS + _TOLD_SUBJECT
            if len(words) > _TOLD_DATE_WORDS:
                return False
        return False

    @cached_property
    def _asides(self) -> frozenset[str]:
        return frozenset(str(self.table("cues").get("asides") or "").lower().split())

    def reports_about(self, sentence: str, start: int, end: int) -> bool:
        """Whether ``sentence`` tells ``sentence[start:end]`` (a body or a person) as the
        source of what it says. English: a verb of reporting within 30 characters of the
        name. A language pack: a cue of ``attribution`` in the name's clause (no clause
        break between them, at most ``_SOURCE_WORDS`` words apart), so a long title may
        stand between the verb and the name ("повідомив голова обласної військової
        адміністрації ..."), but not after a phrase of ``not_source`` ("повідомили про
        підозру": a notice of suspicion names the suspect); in a line that opens with a
        source header ("Джерело:"), every name is a source; a name before a notice of
        suspicion in any case but the nominative (the dative, or the accusative the
        dictionary reads a given name in) is the suspect ("Сергею Иванову сообщено о
        подозрении")."""
        if self.settings["dates"] == "english":
            return self.reports(sentence[max(0, start - 30) : min(len(sentence), end + 30)])
        if self.source_line(sentence) == "header":
            return True
        found = self.cues(sentence, ["attribution", "not_source"])
        notices = [(c.start, c.end) for c in found if c.kind == "not_source"]
        for c in found:
            if c.kind == "attribution" and any(a <= c.start and c.end <= b for a, b in notices):
                continue  # the verb of "повідомлено про підозру": the phrase decides
            if c.kind != "attribution" and c.end <= start:
                continue  # "повідомили про підозру": the name after it is the suspect
            if c.kind != "attribution" and self.name_case(sentence[start:end]) not in (
                "nomn",
                None,
            ):
                continue  # "<кому> повідомлено про підозру": the suspect (no subject), told of it
            a, b = (c.end, start) if c.end <= start else (end, c.start)
            if c.start < end and start < c.end:
                return True
            if a > b:
                continue
            between = sentence[a:b]
            if len(WORD.findall(between)) <= _SOURCE_WORDS and not self._breaks_clause(between):
                return True
        return False

    def told_by(self, sentence: str, start: int, end: int) -> bool:
        """Whether ``sentence[start:end]`` is the subject of a verb of reporting right
        beside it ("як повідомляють окупанти", "окупанти заявили"): who tells of the act,
        not who did it. For a language without a parse; English: never."""
        if self.settings["dates"] == "english":
            return False
        for c in self.cues(sentence, ["attribution"]):
            if "PREP" in tag_of(self.code, c.phrase.split()[0]):
                continue  # "за даними": the name after it is a source of facts, not a teller
            between = sentence[c.end : start] if c.end <= start else sentence[end : c.start]
            if (c.end <= start or end <= c.start) and not between.strip():
                return True
        return False

    def _breaks_clause(self, text: str) -> bool:
        """Whether ``text`` (between a cue and a name) ends one clause and opens another:
        a stop, a colon or dash, a quotation, or a comma before a word that opens a clause
        (``cues.yaml``'s ``clause_openers``: "що", "который")."""
        if _CLAUSE_BREAK.search(text):
            return True
        for m in re.finditer(r",\s*(\w+)", text):
            if self.lemma(m.group(1)) in self._clause_openers:
                return True
        return False

    def relative_clause(self, between: str) -> bool:
        """Whether ``between`` (the text from a name to a verb after it) opens a relative
        clause whose verb it is, the name its subject ("військовому рф <name>, який у
        березні 2022 року вбив ...", "«Грім» і «Сокіл», які стратили ..."): a
        comma and a word of ``cues.yaml``'s ``relatives``, no other clause break."""
        m = _RELATIVE.fullmatch(between)
        return m is not None and m["word"].lower() in self._relatives

    @cached_property
    def _relatives(self) -> frozenset[str]:
        return frozenset(str(self.table("cues").get("relatives") or "").split())

    @cached_property
    def _clause_openers(self) -> frozenset[str]:
        words = self.table("cues").get("clause_openers") or []
        return frozenset(self.lemma(str(w)) for w in words)

    def source_line(self, sentence: str) -> str | None:
        """How a sentence names the source of the report around it: ``"header"`` for a line
        that opens with a source header ("Джерело: ...", ``cues.yaml``'s
        ``source_header``), ``"back"`` for one that opens by pointing back ("Про це
        повідомили ...", ``source_back``) and holds a cue of attribution; else None."""
        if not self._source_lines:
            return None
        head = sentence.lstrip(' -–—•*"«')[:40]
        found = self.cues(head, ["source_header", "source_back"])
        if not found or found[0].start > 0:
            return None
        if found[0].kind == "source_header":
            return "header"
        return "back" if self.cues(sentence, ["attribution"]) else None

    @cached_property
    def _source_lines(self) -> bool:
        table = self.table("cues")
        return bool(table.get("source_header") or table.get("source_back"))

    def reports(self, text: str) -> bool:
        """Whether ``text`` has a verb or phrase of reporting ("повідомили", "said")."""
        if self.settings["dates"] == "english":
            from ..extract.lexicon import REPORTING_VERB

            return bool(REPORTING_VERB.search(text))
        return bool(self.cues(text, ["attribution"]))

    # -- resolution -----------------------------------------------------------------

    @cached_property
    def _places(self) -> InflectedPlaces | EnglishPlaces:
        if self.settings["places"] == "inflected":
            return InflectedPlaces(
                self.table("toponyms"),
                list(self.settings.get("place_countries", [])),
                self.lemma,
                self.romanize,
                functools.partial(unknown_word, self.code),
                self._person_word,
                functools.partial(common_word, self.code),
                nominatives=functools.partial(nominatives, self.code),
                given=functools.partial(given_name, self.code),
                adjective=self._adjective_word,
            )
        return EnglishPlaces()

    def _adjective_word(self, word: str) -> bool:
        """A word the dictionary reads as an adjective first ("Красного")."""
        return "ADJF" in tag_of(self.code, word)

    def _person_word(self, word: str) -> bool:
        """A word that names a person: so read by the dictionary, or a known surname."""
        return person_word(self.code, word) or KnownPersons.default().get(word) is not None

    def toponyms(self, text: str, country: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, name to geocode) of each toponym: for English the name as written
        (``Gazetteer.find``), for an inflecting language the English name it was read as
        (in ``country`` where it can be: ``places``)."""
        if isinstance(self._places, EnglishPlaces):
            return self._places.spans(text)
        return [(p.start, p.end, p.name) for p in self.places(text, country)]

    def document_country(self, texts: Iterable[str]) -> str | None:
        """The country the places ``texts`` name lie in, where one holds at least
        ``_COUNTRY_SHARE`` of them weighed by population (an oblast outweighs a hamlet of
        the same name elsewhere: "в Николаеве ... Николаевской области" is about Ukraine);
        countries themselves do not vote. None for English (its geocoder weighs the
        document itself) or where no country holds that share."""
        if isinstance(self._places, EnglishPlaces):
            return None
        votes: Counter[str] = Counter()
        for text in texts:
            for m in self._places.find(text):
                c = m.candidate
                if c.country and not str(c.feature_code).startswith("PCL"):
                    votes[c.country] += max(c.population, 1)
        total = sum(votes.values())
        if not total:
            return None
        country, weight = votes.most_common(1)[0]
        return country if weight >= _COUNTRY_SHARE * total else None

    def places(self, text: str, country: str | None = None) -> list[PlaceMatch]:
        """Toponyms in ``text`` with the gazetteer's English names, spans as written. After
        a preposition of ``pack.yaml``'s ``region_prepositions``, a city whose oblast bears
        its name is the oblast ("на Запоріжжі": the region; "у Запоріжжі": the city), unless
        the name is in the accusative ("удар на Одесу": the city aimed at). With
        ``country``, the one a document's places lie in (``document_country``), a word read
        as a settlement elsewhere is read in that country where it can be ("в Николаеве"
        in a report about Ukraine is Mykolaiv, not a hamlet in Rostov Oblast)."""
        if isinstance(self._places, EnglishPlaces):
            found = self._places.find(text)
        else:
            found = self._places.find(text, country)
        words = self.settings.get("region_prepositions") or []
        if not words:
            return found
        before = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})\s+\Z", re.I)
        out = []
        for m in found:
            c = m.candidate
            region = (
                self.place(c.admin1)
                if c.feature_class == "P"
                and c.admin1 == f"{m.name} Oblast"
                and before.search(text, max(0, m.start - 5), m.start)
                and not self._aimed_at(m.text)
                else None
            )
            if region is not None:
                m = PlaceMatch(m.start, m.end, m.text, m.form, region.name, region.candidate)
            out.append(m)
        return out

    def _aimed_at(self, word: str) -> bool:
        """The toponym is in the accusative or nominative, not the locative: "атака на
        Одесу" aims at the city, where "на Одещині", "на Запоріжжі" say where."""
        if self.settings["morphology"] != "pymorphy3":
            return False
        tags = tag_of(self.code, word.split()[-1])
        return bool({"accs", "nomn"} & tags) and not {"loct", "datv"} & tags

    def place(self, name: str) -> PlaceMatch | None:
        """One toponym in any case form ("Харкові") read as a place, or None."""
        hit = self._places.resolve(name)
        return PlaceMatch(0, len(name), name, *hit) if hit else None

    def units(self, text: str, orbat: Any = None) -> list[tuple[int, int, str]]:
        """Unit mentions as (start, end, canonical English name), in text order: the unit
        grammar's (``casefile.resolve.units``), then what the pack's ``units.yaml`` reads
        besides ("237-го полку" under the division named after it)."""
        from ..knowledge.orbat import Orbat
        from ..resolve.units import canonical_unit, find_units

        found = find_units(text, orbat)
        if self._units is None:
            return found
        kb = orbat if orbat is not None else Orbat.default()

        def only(number: str, noun: str) -> str | None:
            # the one formation of the order of battle with the number and noun ("76-ї
            # дивізії": the 76th Air Assault Division), if there is just one
            names = {
                r.name for r in kb if r.name.startswith(number + " ") and r.name.endswith(noun)
            }
            return names.pop() if len(names) == 1 else None

        found = self._units.find(
            text,
            found,
            lambda name: canonical_unit(name, kb),
            lambda parent: [c.name for c in kb.children(parent)],
            only,
        )
        return sorted(found + self._quoted_units(text, found, kb))

    def _quoted_units(
        self, text: str, found: list[tuple[int, int, str]], kb: Any
    ) -> list[tuple[int, int, str]]:
        """Formations named by a name in quotes in any case form ("батальйону «Спарти»",
        "з «Ахмату»", "центру «Рубікон»"): the order of battle's unit with that name or
        alias, as written, in the nominative or romanised (no guess at a near spelling)."""
        out = []
        for m in _QUOTED_NAME.finditer(text):
            a, b = m.span(1)
            if any(s < b and a < e for s, e, _ in found):
                continue
            name = m.group(1)
            forms = [name]
            if " " not in name:
                forms += list(nominatives(self.code, name))
            forms += [self.romanize(f) for f in list(forms)]
            for form in dict.fromkeys(forms):
                record = kb.resolve(form, fuzzy=False)
                if record is not None:
                    out.append((a, b, record.name))
                    break
        return out

    def unit_links(
        self, text: str, found: list[tuple[int, int, str]]
    ) -> list[tuple[str, str, int, int]]:
        """(child, parent, start, end): the chains of command the language states by the
        order of unit names alone (a genitive chain, ``units.yaml``'s ``chains: genitive``);
        English states them in words and parentheses, which the units stage reads."""
        if self._genitive_chains and len(found) > 1:
            return chain_links(text, found, self._units.part_of if self._units else None)
        return []

    @cached_property
    def _genitive_chains(self) -> bool:
        return self.table("units").get("chains") == "genitive"

    @cached_property
    def _units(self) -> CyrillicUnits | None:
        table = self.table("units")
        return CyrillicUnits(table, self.lemma) if table else None

    @cached_property
    def romanize(self) -> Romanizer:
        """``romanize(text)``: Cyrillic words in the pack's national romanisation."""
        table = self.table("romanization")
        return Romanizer.from_table(table) if table else Romanizer({}, {}, {})

    @property
    def names_people(self) -> bool:
        """Whether the pack finds people itself (``persons: morphology``), for a language
        without a spaCy model that names them."""
        return self.settings.get("persons") == "morphology"

    def persons(self, text: str) -> list[tuple[int, int, PersonName]]:
        """(start, end, English name) of the people named in ``text`` (``names_people``)."""
        from .persons import MorphPersons

        finder = MorphPersons(self.code, KnownPersons.default().get)
        found = [
            (a, b, self.person_name(text[a:b], self._rank_cases(text[:a])))
            for a, b in finder.find(text)
        ]
        found += self.ranked_persons(text, found)
        return sorted(found + self.call_signs(text, found), key=lambda f: f[0])

    def ranked_persons(
        self, text: str, found: list[tuple[int, int, PersonName]]
    ) -> list[tuple[int, int, PersonName]]:
        """Two capitalised words right after a rank (``cues.yaml``'s ``rank_words``) that
        the dictionary reads as no person, each a word it does not know or a name's and
        none a place's ("полковнику Азатбеку Омурбекову"): a person, each word read back
        to the nominative by the rank's case (``pack.yaml``'s ``name_endings``: "Омурбекову"
        -> "Омурбеков"); none inside a name ``found``."""
        if self.settings["morphology"] != "pymorphy3" or not self._rank_words:
            return []
        out: list[tuple[int, int, PersonName]] = []
        for m in _RANKED.finditer(text):
            a, b = m.start("name"), m.end("name")
            if any(x < b and a < y for x, y, _ in found):
                continue
            cases = self._rank_cases(text[:a])
            words = m["name"].split()
            if not cases or not all(self._name_word(w) for w in words):
                continue
            agree = self._name_case(words, cases)
            nominative = " ".join(self._by_case(w, agree, cases) for w in words)
            out.append((a, b, PersonName(self.romanize(nominative), m["name"], False)))
        return out

    def _name_word(self, word: str) -> bool:
        """A word of a person's name the dictionary lacks or reads as one, and no place."""
        tags = tag_of(self.code, word)
        return "Geox" not in tags and (
            unknown_word(self.code, word) or bool({"Name", "Surn", "Patr"} & tags)
        )

    def _by_case(self, word: str, agree: set[tuple[str, str]] | None, cases: frozenset[str]) -> str:
        """The nominative of a word of a name after a rank: the dictionary's, where it reads
        the word in the rank's case, else by ``name_endings`` of that case."""
        readings = {
            (str(p.tag.case), str(p.tag.gender))
            for p in self._name_parses(word)
            if str(p.tag.case) in cases
        }
        if readings:
            if agree and any(r[0] in cases for r in agree):
                return self._nominative(word, agree)
            return self._nominative(word, readings)
        table = self.settings.get("name_endings") or {}
        for case in sorted(cases):
            for ending, nominative in table.get(case) or []:
                if word.endswith(str(ending)) and len(word) > len(str(ending)) + 2:
                    return word[: len(word) - len(str(ending))] + str(nominative or "")
        return word

    def call_signs(
        self, text: str, found: list[tuple[int, int, PersonName]]
    ) -> list[tuple[int, int, PersonName]]:
        """People named by a call sign in quotes right after a word of ``cues.yaml``'s
        ``call_sign`` ("з позивним «Грім»", "взводный «Сокол»"; those joined after it:
        "«Грім» і «Сокіл»"), the name romanised as written; none inside a name ``found``."""
        out: list[tuple[int, int, PersonName]] = []
        for c in self.cues(text, ["call_sign"]):
            # "<name> на прізвисько «Тайфун»": the named person's own call sign names him
            owner = next(
                (p for _, y, p in found if _OWN_CALL_SIGN.fullmatch(text, y, c.start)), None
            )
            at = c.end
            while m := _CALL_SIGN.match(text, at):
                a, b = m.span("name")
                a, b = a - 1, b + 1  # the quotes too: "«Грім» і «Сокіл»" joins two names
                if not any(x < b and a < y for x, y, _ in found):
                    name = m["name"]
                    out.append((a, b, owner or PersonName(self.romanize(name), name, False)))
                    owner = None  # "«Грім» і «Сокіл»": the second is another's
                at = m.end()
                joined = _JOINED.match(text, at)
                word = joined["word"] if joined else None
                if not joined or (word is not None and word.lower() not in self._and_words):
                    break
                at = joined.end()
        return out

    def day_shift(self, sentence: str) -> int | None:
        """The days the sentence's opening shifts its act from the act told before it ("Two
        days earlier, ...": -2; "The next day, ...": 1), by ``dates.yaml``'s ``shift_*``
        tables; None where it opens with none."""
        table = self.table("dates")
        head = " ".join(re.findall(r"[\w'’-]+", sentence)[:4]).lower()
        for phrase, days in (table.get("shift_phrases") or {}).items():
            if head.startswith(phrase):
                return int(days)
        words = head.split()
        if len(words) < 3:
            return None
        numbers = table.get("numbers") or {}
        n = int(words[0]) if words[0].isdigit() else numbers.get(words[0])
        unit = (table.get("shift_units") or {}).get(words[1])
        if n is None or unit is None:
            return None
        if words[2] in (table.get("shift_back") or []):
            return -int(n) * int(unit)
        if words[2] in (table.get("shift_forward") or []):
            return int(n) * int(unit)
        return None

    @cached_property
    def _and_words(self) -> frozenset[str]:
        """The words that join two names ("і", "и": ``dates.yaml``'s ``and``)."""
        return frozenset(str(w).lower() for w in self.table("dates").get("and") or [])

    def _rank_cases(self, before: str) -> frozenset[str]:
        """The cases the rank or title before a name may stand in ("капітана" before
        "Романа Кравцова": the genitive or accusative; "командира роти Олександра
        Іванова"), the nearest of ``cues.yaml``'s ``rank_words`` among the
        ``_RANK_WORDS`` words of its clause before the name; none where none stands there."""
        if self.settings["morphology"] != "pymorphy3" or not self._rank_words:
            return frozenset()
        from .morph import _analyzer

        clause = re.split(r"[,;:.!?()«»\"—–]", before[-_TOLD_REACH:])[-1]
        for word in reversed(WORD.findall(clause)[-_RANK_WORDS:]):
            parses = _analyzer(self.code).parse(normalise_apostrophes(word.lower()))
            cases = frozenset(
                str(p.tag.case)
                for p in parses
                if normalise_apostrophes(p.normal_form) in self._rank_words and p.tag.case
            )
            if cases:
                return cases
        return frozenset()

    def rank_spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of the words of a rank in ``text`` ("рядовий", "старший лейтенант",
        "младший сержант"): a word whose lemma is one of ``cues.yaml``'s ``rank_words``, and a
        word of its ``rank_modifiers`` right before one."""
        if not self._rank_words:
            return []
        mods = frozenset(str(self.table("cues").get("rank_modifiers") or "").split())
        words = list(WORD.finditer(text))
        out: list[tuple[int, int]] = []
        for k, m in enumerate(words):
            lem = normalise_apostrophes(self.lemma(m.group()))
            if lem in self._rank_words:
                out.append(m.span())
                prev = words[k - 1] if k else None
                if prev is not None and self.lemma(prev.group()) in mods:
                    out.append(prev.span())
        return sorted(out)

    @cached_property
    def _rank_words(self) -> frozenset[str]:
        words = str(self.table("cues").get("rank_words") or "").split()
        return frozenset(normalise_apostrophes(w.lower()) for w in words)

    def person_name(self, name: str, cases: frozenset[str] = frozenset()) -> PersonName:
        """A person's English name: the knowledge base's spelling, else the romanisation
        of the nominative (an inflected name is read back by pymorphy3), in the case of
        the rank before it where ``cases`` gives it ("капітана Романа Кравцова": Roman
        Kravtsov, not the woman's name in the nominative)."""
        words = name.split()
        agree = self._name_case(words, cases)
        nominative = " ".join(
            self._by_case(w, agree, cases) if cases else self._nominative(w, agree) for w in words
        )
        known = KnownPersons.default().get(nominative)
        if known is not None:
            return PersonName(known.name, name, True)
        return PersonName(self.romanize(nominative), name, False)

    def may_be_subject(self, word: str) -> bool:
        """Whether ``word`` may be the subject of a verb: the dictionary reads it in the
        nominative, or as indeclinable ("РФ"). English: always."""
        if self.settings["morphology"] != "pymorphy3":
            return True
        from .morph import _analyzer

        parses = _analyzer(self.code).parse(normalise_apostrophes(word.lower()))
        return any({"nomn", "Fixd"} & set(p.tag.grammemes) for p in parses)

    def name_case(self, name: str) -> str | None:
        """The grammatical case a person's name stands in ("datv" for "Сергею Иванову"),
        by the reading its words share; None where the dictionary cannot tell."""
        agree = self._name_case(name.split())
        return next(iter(agree))[0] if agree else None

    def _name_parses(self, word: str) -> list[Any]:
        """pymorphy3's readings of ``word`` as part of a person's name, in the singular."""
        if self.settings["morphology"] != "pymorphy3" or not _CYRILLIC.search(word):
            return []
        from .morph import _analyzer

        return [
            p
            for p in _analyzer(self.code).parse(normalise_apostrophes(word.lower()))
            if {"Name", "Surn", "Patr"} & set(p.tag.grammemes) and p.tag.number != "plur"
        ]

    def _name_case(
        self, words: list[str], cases: frozenset[str] = frozenset()
    ) -> set[tuple[str, str]] | None:
        """The (case, gender) reading every word of a name agrees in, the likeliest by
        pymorphy3's scores summed over the words, the nominative first on a tie, then a
        man's name
        ("Алексея Кулемзина": genitive masculine, so Кулемзин, not the woman's name
        Кулемзина; "Петро Іваненко": not the vocative of Петра, a case news never uses).
        None where they share none."""
        scores: dict[tuple[str, str], float] | None = None
        for word in words:
            best: dict[tuple[str, str], float] = {}
            for p in self._name_parses(word):
                if p.tag.case == "voct":
                    continue
                r = (str(p.tag.case), str(p.tag.gender))
                best[r] = max(best.get(r, 0.0), float(p.score))
            if not best:
                continue
            if scores is None:
                scores = best
            else:
                scores = {r: s + best[r] for r, s in scores.items() if r in best}
        if not scores:
            return None
        if cases and any(r[0] in cases for r in scores):
            scores = {r: v for r, v in scores.items() if r[0] in cases}
        # on a tie the nominative, then the man's reading ("Петру Сидорову": the dative of
        # Петро Сидоров, not the accusative of the woman's name Петра Сидорова)
        top = max(scores, key=lambda r: (round(scores[r], 6), r[0] == "nomn", r[1] == "masc"))
        return {top}

    def _nominative(self, word: str, agree: set[tuple[str, str]] | None = None) -> str:
        parses = self._name_parses(word)
        if agree is not None:
            parses = [p for p in parses if (str(p.tag.case), str(p.tag.gender)) in agree] or parses
        for p in parses:
            if "nomn" in p.tag.grammemes:
                return word  # already the nominative
            nom = p.inflect({"nomn"})
            if nom is not None:
                w = str(nom.word)
                return "-".join(x[:1].upper() + x[1:] for x in w.split("-"))
        return word


# a lower-case word (a rank) and two capitalised ones after it (a name)
_RANKED = re.compile(
    r"(?<![\w'’ʼ-])[а-яіїєґё'’ʼ-]+[ \xa0]+"
    r"(?P<name>[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+[ \xa0][А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+)(?![\w'’ʼ-])"
)
_RANK_WORDS = 4  # words before a name among which its rank or title may stand
_LIGHT_ADJECTIVES = 3  # adjectives between a light verb and the act's noun
# Between a person's name and the word of a call sign that is his own ("<name> з позивним",
# "<name>, по прозвищу"): a comma and a preposition at most
_OWN_CALL_SIGN = re.compile(r"\s*,?\s*(?:[^\W\d_]{1,3}\s+)?")
_SEAT_WORDS = 3  # words between a court's noun and the place it sits in ("суд м. Чернігова")
_COUNTRY_SHARE = 0.75  # of the places' weight one country must hold to read the others in it
_MANY = 3  # strikes or places a digest counts at least ("3 удари", "5 населених пунктів")
# a number in digits ("18", "18-ти") or a word: the tokens ``counts_many`` reads
_NUMBER_OR_WORD = re.compile(r"\d+(?:-[^\W\d_]+)?|[^\W\d_](?:[^\W\d_]|['’ʼ](?=[^\W\d_]))*")
_TOLD_REACH = 50  # characters between a verb of reporting and the date it is told on
_TOLD_AHEAD = 90  # characters after a date in which a verb of reporting may follow it
_TOLD_DATE_WORDS = 4  # words of a date ("24 листопада 2024 року")
_TOLD_SUBJECT = 5  # words of the teller between a date and the verb after it
_COMPLEMENT = re.compile(r"\b(?:that|how)\b", re.I)  # opens the clause of what was told
_SOURCE_WORDS = 12  # words at most between a cue of attribution and the source it names
# a stop inside a sentence ends an abbreviation ("в.о. голови"), not a clause
_CLAUSE_BREAK = re.compile(r"[;:!?()«»\"“”„…]|\s[-–—]\s")
_STOP = re.compile(r"([.!?…]+)[\"»”)]*\s+(?=[\"«„“(]?[A-ZА-ЯІЇЄҐЁ0-9])")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# a call sign in quotes: one or two capitalised words ("«Грім»", "\"Сокол\"")
_CALL_SIGN = re.compile(
    r"[ \xa0]*[«\"“„](?P<name>[A-ZА-ЯІЇЄҐЁ][\w'’ʼ-]{1,20}(?: [A-ZА-ЯІЇЄҐЁ][\w'’ʼ-]{1,20})?)[»\"”“]"
)
# a name's own words up to a comma, a relative pronoun, then the clause up to its verb
_RELATIVE = re.compile(r"[»\"”]?[^,;:.!?()«»\"—–]*,\s*(?P<word>\w+)\b[^,;:.!?()«»\"—–]*")
_JOINED = re.compile(r"[ \xa0]*(?:,|(?P<word>\w+))")
# A name of one to three words in quotes ("«Спарта»", "„Ахмат“", "\"Рубікон\"")
_QUOTED_NAME = re.compile(r"[«„“\"]([A-ZА-ЯІЇЄҐЁ][\w'’ʼ-]*(?:\s[\w'’ʼ-]+){0,2})[»“”\"]")


def _next_word_at(text: str, at: int) -> int:
    """Where the next word after ``text[:at]`` starts, past spaces and closing quotes."""
    while at < len(text) and (text[at].isspace() or text[at] in '"»”'):
        at += 1
    return at


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read the language pack table ({e})") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a language pack table must be a mapping")
    return data


_PACKS: dict[str, LanguagePack] = {}


def _builtin(code: str) -> Any:
    def factory() -> LanguagePack:
        return LanguagePack.from_folder(DATA_DIR / code)

    return factory


for _code in ("en", "uk", "ru"):
    registry.languages.register(_code)(_builtin(_code))


def pack_codes() -> list[str]:
    """The codes of every language casefile can analyse."""
    return registry.languages.names()


def get_pack(code: str | None) -> LanguagePack:
    """The pack of ``code`` (built once); ConfigError naming the known codes if none."""
    code = (code or "en").lower()
    if code not in _PACKS:
        if code not in registry.languages.names():
            raise ConfigError(
                f"casefile cannot analyse language {code!r} (it can: {', '.join(pack_codes())})"
            )
        pack = registry.languages.get(code)()
        if not isinstance(pack, LanguagePack):
            raise ConfigError(f"language pack {code!r} is not a LanguagePack: {pack!r}")
        _PACKS[code] = pack
    return _PACKS[code]

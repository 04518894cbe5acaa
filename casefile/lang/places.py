"""Place names in inflected text, resolved to the gazetteer's English names.

Ukrainian and Russian decline their toponyms: "у Харкові", "в Харькове", "біля
Авдіївки", "Харківської області". The gazetteer (``casefile.knowledge.gazetteer``) holds
nominatives, so :class:`InflectedPlaces` first goes back to the nominative:

1. every capitalised Cyrillic word (and an adjective with "область"/"район" after it)
   is a candidate; its forms are the word itself, each rewrite of its ending by the
   pack's ``toponyms.yaml`` rules ("Харкові" -> "Харків", "Бучі" -> "Буча") and the
   pymorphy3 lemma;
2. a form the pack's ``names`` table knows ("Херсонщина") gives that name; every other
   form is looked up in the gazetteer, keeping places in the pack's countries (a
   romanised key alone also matches "Ják" in Hungary for "Як") that are named, not
   only sounded alike;
3. the most populous place wins (a rewrite that happens to be a hamlet loses to the
   city), a place matched by an alternate name counting a fifth of its people, the word
   as written five times; a word pymorphy3 reads as a person's name is a place only if a
   town ("Захарова" is not Zakharovo); a word it does not know at all may still be a
   village spelled another way (the gazetteer's consonant skeletons); a word read as an
   adjective ("Донецької обласної") or standing after a given name is no place, nor a town
   a road is named after ("на трасі Київ – Житомир": ``road_nouns``); the match keeps the
   span as written and the nominative it was read as.

English keeps its own finder (``Gazetteer.find``): its names are not inflected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.fuzz import ratio

from ..knowledge.gazetteer import Candidate, Gazetteer

__all__ = ["EnglishPlaces", "InflectedPlaces", "PlaceMatch"]


@dataclass(frozen=True)
class PlaceMatch:
    """``text[start:end]`` names the place ``candidate`` (English name ``name``); ``form`` is
    the nominative it was read as."""

    start: int
    end: int
    text: str
    form: str
    name: str
    candidate: Candidate


_CAP_WORD = re.compile(
    r"(?<![\w'’ʼ-])[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+(?:-[А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґё'’ʼ]+)*"
)
_NEXT_WORD = re.compile(r"\s+([а-яіїєґё][а-яіїєґё.-]*)")
_PREVIOUS_WORD = re.compile(r"([\w'’ʼ-]+)[ \xa0]+\Z")
# The start of a sentence or a line, where every word is capitalised.
_OPENS = re.compile(r"(?:\A|[.!?:;…\n]|[\"«„“(—–-])[\s\xa0\"«„“(]*\Z")
_NEXT_CAP_WORD = re.compile(
    r"[ \xa0]([А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+(?:-[А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґё'’ʼ]+)*)"
)
_SECOND_NEXT_WORD = re.compile(r"\s+\S+\s+([а-яіїєґё][а-яіїєґё.-]*)")
_MATCHES_KEPT = ("name", "alternate")  # not a base name's area, nor a sound-alike
_ALTERNATE_WEIGHT = 0.2
_OTHER_NAME_WEIGHT = 0.001  # an alternate name that is no spelling of the place's own
_SPELLING_RATIO = 60  # rapidfuzz ratio from which an alternate name is a spelling of the name
_AS_WRITTEN_WEIGHT = 5.0
# A word the dictionary reads as a person's name is a place only if this populous.
_PERSON_OVER_PLACE = 5000
# An ordinary word the dictionary knows, capitalised only because it opens a sentence or a
# line, is a place only if this populous ("Джерело:" is a source, not a village).
_COMMON_OVER_PLACE = 100_000


# A settlement whose population the gazetteer does not know (0) counts as a small town's:
# a town named as written is not lost to another place's alternate name ("Білозерка" is
# Bilozerka, not the town that once bore the name).
_UNKNOWN_POPULATION = 1000


def _people(cand: Candidate) -> int:
    if cand.population or cand.feature_class != "P":
        return cand.population
    return _UNKNOWN_POPULATION


_MIN_SKELETON = 4  # letters a word needs to be looked up by its consonants
_MIN_NAME = 3  # letters a word needs to be a toponym at all


class InflectedPlaces:
    """The place finder of a language whose toponyms decline."""

    def __init__(
        self,
        table: dict[str, Any],
        countries: list[str],
        lemma: Callable[[str], str],
        romanize: Callable[[str], str] = str,
        unknown: Callable[[str], bool] = lambda word: False,
        person: Callable[[str], bool] = lambda word: False,
        common: Callable[[str], bool] = lambda word: False,
        gazetteer: Callable[[], Gazetteer] = Gazetteer.default,
        nominatives: Callable[[str], tuple[str, ...]] = lambda word: (),
        given: Callable[[str], bool] = lambda word: False,
        adjective: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self.endings = [(str(a), str(b)) for a, b in table["endings"]]
        self.names = {str(k).lower(): str(v) for k, v in table.get("names", {}).items()}
        # "Нікопольщина": the district named after its town ("Нікопольський район")
        self.area_suffixes = {str(k): str(v) for k, v in (table.get("area_suffixes") or {}).items()}
        areas = table.get("areas", {})
        self.adj_nominative = {
            str(k): str(v) for k, v in areas.get("adjective_nominative", {}).items()
        }
        self.area_nouns = {
            form.lower(): noun for noun, forms in areas.get("nouns", {}).items() for form in forms
        }
        masc = areas.get("masculine", {})
        self.masc_nouns = set(masc.get("nouns", []))
        self.masc_endings = {str(k): str(v) for k, v in masc.get("adjective_endings", {}).items()}
        self.conjunctions = {str(c) for c in areas.get("conjunctions", [])}
        self.adjective_forms = tuple(str(e) for e in table.get("adjective_forms", []))
        roads = [re.escape(str(r)) for r in table.get("road_nouns", [])]
        # "на трасі Миколаїв – Херсон": the towns a road joins are not where an act on it
        # happened (the road, or the area its report names, is)
        self.road_end = (
            re.compile(
                r"(?<![\w'’])(?:" + "|".join(roads) + r")\w*\s+(?:сполученням\s+|сообщением\s+)?"
                r"(?:[А-ЯІЇЄҐЁ][\w'’-]*\s*[-–—]\s*)?\Z",
                re.I,
            )
            if roads
            else None
        )
        # "у селі Зайцеве", "с. Липці", "смт Білозерка": the word after one of these is a
        # settlement's name, though the dictionary reads it as a surname or a common word
        settlements = [re.escape(str(w)) for w in table.get("settlement_nouns", [])]
        self.settlement_before = (
            re.compile(r"(?<![\w'’])(?:" + "|".join(settlements) + r")[ \xa0]*\Z", re.I)
            if settlements
            else None
        )
        capitals = [re.escape(str(w)) for w in table.get("capital_nouns", [])]
        self.capital_before = (
            re.compile(r"(?<![\w'’])(?:" + "|".join(capitals) + r")[ \xa0]+\Z", re.I)
            if capitals
            else None
        )
        self.capitals = {str(k): str(v) for k, v in (table.get("capitals") or {}).items()}
        self.vowels = set(str(table.get("vowels", "")))
        self.countries = set(countries)
        self.lemma = lemma
        self.romanize = romanize
        self.unknown = unknown
        self.person = person
        self.common = common
        self._gazetteer = gazetteer
        self.nominatives = nominatives
        self.given = given
        self.adjective = adjective
        self.resolve = lru_cache(maxsize=50_000)(self._resolve)

    # -- one name ---------------------------------------------------------------------

    def forms(self, word: str) -> list[str]:
        """The nominatives ``word`` may be: itself, its ending rewrites, its lemma."""
        out = [word]
        for ending, nominative in self.endings:
            if not ending and word[-1:].lower() in self.vowels:
                continue  # "Сум" -> "Суми", never "Суми" -> "Сумии"
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                out.append(word[: len(word) - len(ending)] + nominative)
        lem = self.lemma(word)
        if lem:
            out.append(lem[:1].upper() + lem[1:])
        return list(dict.fromkeys(out))

    def _resolve(self, word: str) -> tuple[str, str, Candidate] | None:
        """(nominative, English name, candidate) of an inflected toponym, or None."""
        if len(word) < _MIN_NAME:
            return None  # "Ко" is among Kyiv's alternate names, and a preposition
        best = self._most_likely(word, settlements_only=False)
        if best is None:
            return self._sounded(word)
        _, form, cand = best
        if cand.population < _PERSON_OVER_PLACE and self.person(word):
            return None  # "Захарова" is the spokeswoman before the hamlet of Zakharovo
        return form, cand.place.name, cand

    def _most_likely(
        self, word: str, settlements_only: bool, country: str | None = None
    ) -> tuple[tuple[float, int], str, Candidate] | None:
        """(score, form, candidate) of the best reading of ``word``'s forms: the most
        populous, an alternate name weighing a fifth (the old name "Pokrovsk" of Engels loses
        to Pokrovsk) and the word as written, read as a name, more ("Подолы" is Podoly before
        "Подол" is Podil; not for a word a settlement noun introduces, ``settlements_only``);
        then the earlier form."""
        best: tuple[tuple[float, int], str, Candidate] | None = None
        for i, form in enumerate(self.forms(word)):
            for cand in self._lookup(form):
                if settlements_only and cand.feature_class != "P":
                    continue
                if country is not None and cand.country != country:
                    continue
                weight = 1.0 if cand.match == "name" else self._alternate_weight(form, cand)
                if not settlements_only and i == 0 and cand.match == "name":
                    weight = _AS_WRITTEN_WEIGHT
                score = ((_people(cand) + 1) * weight, -i)
                if best is None or score > best[0]:
                    best = (score, form, cand)
        return best

    def _alternate_weight(self, form: str, cand: Candidate) -> float:
        """How much a match by an alternate name counts: a spelling of the place's own
        name ("Харьков" for Kharkiv) a fifth, another name it bore or was confused with
        ("Александровка" for Donetsk, "Білозерка" for Skadovka) next to nothing."""
        latin = self.romanize(form).lower()
        if ratio(latin, cand.place.name.lower()) >= _SPELLING_RATIO:
            return _ALTERNATE_WEIGHT
        return _OTHER_NAME_WEIGHT

    def resolve_within(self, word: str, country: str) -> tuple[str, str, Candidate] | None:
        """The best reading of ``word`` as a settlement of ``country``, or None: a Russian
        spelling read in a report about Ukraine ("в Николаеве" is Mykolaiv, not the hamlet
        Nikolayev in Rostov Oblast; "в Волчанске" is Vovchansk)."""
        best = self._most_likely(word, settlements_only=True, country=country)
        if best is None:
            return None
        _, form, cand = best
        return form, cand.place.name, cand

    def resolve_named(self, word: str) -> tuple[str, str, Candidate] | None:
        """A word a settlement noun introduces: its forms as a settlement's name, the
        surname reading ignored ("у селі Зайцеве" is Zaitseve, not Zaitsev's)."""
        best = self._most_likely(word, settlements_only=True)
        if best is None:
            return self.resolve(word)
        _, form, cand = best
        return form, cand.place.name, cand

    def _sounded(self, word: str) -> tuple[str, str, Candidate] | None:
        """The last resort for a word the dictionary does not know: the gazetteer's
        consonant skeletons ("Белозерка", the Russian spelling, finds Bilozerka)."""
        if len(word) < _MIN_SKELETON or not self.unknown(word):
            return None  # "Ще" has too few consonants to say which place it sounds like
        gz = self._gazetteer()
        forms = self.forms(word)
        for spelling in dict.fromkeys([*forms, *map(self.romanize, forms)]):
            found = [
                c
                for c in gz.candidates(spelling, skeletons=True)
                if c.match == "skeleton" and c.country in self.countries
            ]
            if found:
                # the spelling nearest the word's romanisation, then the most populous
                latin = self.romanize(word).lower()
                best = max(found, key=lambda c: (ratio(latin, c.place.name.lower()), c.population))
                if best.population < _PERSON_OVER_PLACE and self.person(word):
                    return None
                return word, best.place.name, best
        return None

    def _lookup(self, form: str) -> list[Candidate]:
        gz = self._gazetteer()
        alias = self.names.get(form.lower())
        if alias:
            found = gz.candidates(alias, skeletons=False)
            return found[:1]
        if gz.is_stoplisted(form):
            return []
        for suffix, area in self.area_suffixes.items():
            if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_NAME:
                found = gz.candidates(form[: -len(suffix)] + area, skeletons=False)
                return [c for c in found if c.match in _MATCHES_KEPT][:1]
        # the gazetteer keys Cyrillic by the Ukrainian romanisation: a Russian name is also
        # asked in its own ("Белгород" is "Belgorod", not "Belhorod")
        spellings = dict.fromkeys((form, self.romanize(form)))
        return [
            c
            for spelling in spellings
            for c in gz.candidates(spelling, skeletons=False)
            if c.match in _MATCHES_KEPT and (not self.countries or c.country in self.countries)
        ]

    # -- running text -----------------------------------------------------------------

    def find(self, text: str, country: str | None = None) -> list[PlaceMatch]:
        """Every toponym in ``text`` with its English name, in text order; with
        ``country`` (the one the document's places lie in), a single word read as a
        settlement elsewhere is read in that country where it can be (``resolve_within``)."""
        out: list[PlaceMatch] = []
        pos = 0
        while (m := _CAP_WORD.search(text, pos)) is not None:
            word, start, end = m.group(), m.start(), m.end()
            pos = end
            area = self._area(text, word, end) or self._two_words(text, word, end)
            if area is not None:
                form, name, cand, area_end = area
                pos = area_end
                if self._city_district(text, form, area_end):
                    continue  # "Дніпровський район Херсона": a district of the city after it
                out.append(PlaceMatch(start, area_end, text[start:area_end], form, name, cand))
                continue
            named = self.settlement_before is not None and bool(
                self.settlement_before.search(text, max(0, start - 20), start)
            )
            hit = self.resolve(word) if not named else self.resolve_named(word)
            if hit is None:
                continue
            if country is not None and hit[2].country != country and hit[2].feature_class == "P":
                hit = self.resolve_within(word, country) or hit
            capital = self._capital(text, start, hit)
            if capital is not None:
                out.append(PlaceMatch(start, end, word, *capital))
                continue
            if named:
                out.append(PlaceMatch(start, end, word, *hit))
                continue
            if self.road_end is not None and self.road_end.search(text, max(0, start - 60), start):
                continue  # an end of a road ("траса Київ – Житомир"), not the act's place
            if self.adjective_forms and hit[0].lower().endswith(self.adjective_forms):
                continue  # "Донецької обласної прокуратури": an adjective, not Donetskyi
            before = _PREVIOUS_WORD.search(text, 0, start)
            if (
                before
                and before.group(1)[:1].isupper()
                and (
                    self.person(before.group(1))
                    or (self.given(before.group(1)) and self.person(word))
                )
            ):
                continue  # "Олександр Гусак", "Максим Жуков": a surname after a given name
            after = _NEXT_CAP_WORD.match(text, end)
            if (
                after
                and self.adjective(word)
                and self.resolve(after.group(1)) is None
                and self._area(text, after.group(1), after.end()) is None
            ):
                continue  # "Красного Креста": an adjective of a name that is no place
            if (
                after
                and hit[2].population < _COMMON_OVER_PLACE
                and self.given(word)
                and self.person(after.group(1))
            ):
                continue  # "Максима Гордієнка": a given name before a surname
            if (
                hit[2].population < _COMMON_OVER_PLACE
                and _OPENS.search(text, 0, start)
                and self.common(word)
            ):
                continue  # "Джерело:" opening a line is a source, not the village Dzherelo
            out.append(PlaceMatch(start, end, word, *hit))
        return out

    def _capital(
        self, text: str, start: int, hit: tuple[str, str, Candidate]
    ) -> tuple[str, str, Candidate] | None:
        """The capital a country read at ``start`` stands for after a form of "capital"
        ("по столиці України": Kyiv; ``capital_nouns``, ``capitals``), else None."""
        name = self.capitals.get(hit[1])
        if name is None or self.capital_before is None or hit[2].feature_class != "A":
            return None
        if not self.capital_before.search(text, max(0, start - 20), start):
            return None
        found = [
            c
            for c in self._gazetteer().candidates(name, skeletons=False)
            if c.feature_code == "PPLC"
        ]
        return (hit[0], found[0].place.name, found[0]) if found else None

    def _city_district(self, text: str, form: str, end: int) -> bool:
        """Whether the raion ``form`` ("Дніпровський район") that ends at ``end`` is
        followed, across a space, by a city in the genitive ("... район Херсона"): a
        district of that city, which the gazetteer's raion of that name (elsewhere) is not."""
        if form.split()[-1] not in self.masc_nouns:
            return False
        after = _NEXT_CAP_WORD.match(text, end)
        if after is None or text[end : after.start(1)].strip():
            return False
        if self._area(text, after.group(1), after.end()) is not None:
            return False  # "Харківський район Харківської області": the raion's oblast
        hit = self.resolve(after.group(1))
        return hit is not None and hit[2].feature_class == "P"

    def _area(self, text: str, word: str, end: int) -> tuple[str, str, Candidate, int] | None:
        """An adjective and an area noun: "Харківської області" is Kharkiv Oblast."""
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            return None
        noun = self._area_noun(nxt.group(1))
        if noun is None and nxt.group(1) in self.conjunctions:
            # "Київській та Житомирській областях": the noun after the second adjective
            later = _SECOND_NEXT_WORD.match(text, nxt.end())
            second = self._area_noun(later.group(1)) if later is not None else None
            if second is not None:
                found = self._area_name(word, second)  # the span: the adjective alone
                return (*found, end) if found else None
        if noun is None:
            return None
        found = self._area_name(word, noun)
        stop = (
            0
            if nxt.group(1).lower() in self.area_nouns
            else len(nxt.group(1)) - len(nxt.group(1).rstrip("."))
        )
        return (*found, nxt.end() - stop) if found else None

    def _two_words(self, text: str, word: str, end: int) -> tuple[str, str, Candidate, int] | None:
        """A settlement of two capitalised words, each in any case form ("у Новій Каховці":
        Nova Kakhovka, "Кривому Розі": Kryvyi Rih), the gazetteer asked for the pairs of
        their nominatives; the most populous found."""
        nxt = _NEXT_CAP_WORD.match(text, end)
        if nxt is None:
            return None
        second = nxt.group(1)
        firsts = dict.fromkeys([word, *self.nominatives(word), *self.forms(word)])
        seconds = dict.fromkeys([second, *self.forms(second), *self.nominatives(second)])
        best: tuple[int, str, Candidate] | None = None
        for a in firsts:
            for b in seconds:
                for cand in self._lookup(f"{a} {b}"):
                    if cand.feature_class == "P" and (best is None or cand.population > best[0]):
                        best = (cand.population, f"{a} {b}", cand)
        if best is None:
            return None
        _, form, cand = best
        return form, cand.place.name, cand, nxt.end()

    def _area_noun(self, word: str) -> str | None:
        """The area noun ``word`` is a form of ("області", "обл."), also with the full stop
        that ends its sentence ("... Херсонської області.")."""
        word = word.lower()
        return self.area_nouns.get(word) or self.area_nouns.get(word.rstrip("."))

    def _area_name(self, word: str, noun: str) -> tuple[str, str, Candidate] | None:
        if noun is None:
            return None
        endings = self.masc_endings if noun in self.masc_nouns else self.adj_nominative
        for ending, nominative in sorted(endings.items(), key=lambda e: -len(e[0])):
            if word.endswith(ending):
                adjective = word[: len(word) - len(ending)] + nominative
                form = f"{adjective} {noun}"
                found = self._lookup(form)
                if not found:  # "Курська область": the gazetteer has "Курськ" + Oblast
                    stems = (adjective[:-1], adjective[:-2], adjective[: -len(nominative)])
                    for stem in dict.fromkeys(stems):
                        found = self._lookup(f"{stem} {noun}")
                        if found:
                            break
                if found:
                    cand = found[0]
                    return form, cand.place.name, cand
                return None
        return None


class EnglishPlaces:
    """English toponyms as written: :meth:`Gazetteer.find`, then the best candidate."""

    def __init__(self, gazetteer: Callable[[], Gazetteer] = Gazetteer.default) -> None:
        self._gazetteer = gazetteer

    def resolve(self, word: str) -> tuple[str, str, Candidate] | None:
        found = self._gazetteer().candidates(word, skeletons=False)
        return (word, found[0].place.name, found[0]) if found else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return self._gazetteer().find(text)

    def find(self, text: str) -> list[PlaceMatch]:
        out = []
        for start, end, surface in self._gazetteer().find(text):
            hit = self.resolve(surface)
            if hit is not None:
                out.append(PlaceMatch(start, end, surface, *hit))
        return out

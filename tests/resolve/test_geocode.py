"""Toponym resolution: context, document coherence and fallbacks."""

from __future__ import annotations

import numpy as np
import pytest

from casefile.knowledge.gazetteer import Gazetteer, name_key
from casefile.model import Place
from casefile.resolve import geocode as geocoding
from casefile.resolve.geocode import (
    COHERENCE_WEIGHT,
    FEATURES,
    Scored,
    coherence,
    distance_km,
    geocode,
    geocode_all,
    proximity,
    rank,
)

ROBOTYNE = Place("Robotyne", lat=47.449, lon=35.836)


@pytest.mark.parametrize("spelling", ["Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Запоріжжя"])
def test_zaporizhzhia_spellings_resolve_alike(spelling: str) -> None:
    place = geocode(spelling, country_hint="UA")
    assert place is not None
    assert (place.name, place.admin1, place.precision) == (
        "Zaporizhzhia",
        "Zaporizhzhia Oblast",
        "settlement",
    )


@pytest.mark.parametrize(
    "name, context, precision",
    [
        ("Kursk", "Ukraine launched an incursion into Kursk Oblast in August.", "admin1"),
        ("Kursk", "A drone hit an apartment block in Kursk.", "settlement"),
        ("Kursk region", "", "admin1"),
        ("Kursk Oblast", "", "admin1"),
    ],
)
def test_kursk_oblast_vs_city(name: str, context: str, precision: str) -> None:
    place = geocode(name, context)
    assert place is not None
    assert (place.country, place.admin1, place.precision) == ("RU", "Kursk Oblast", precision)


def test_robotyne_with_oblast_context() -> None:
    place = geocode("Robotyne", "Ukrainian troops retook Robotyne, Zaporizhzhia Oblast.")
    assert place is not None
    assert (place.name, place.admin1, place.precision) == (
        "Robotyne",
        "Zaporizhzhia Oblast",
        "district",
    )
    assert distance_km(place, ROBOTYNE) < 60  # the raion's point, within district tolerance


def test_russian_form_of_a_village_in_a_report_on_the_war() -> None:
    place = geocode("Rabotino", "Russian sources say Rabotino was shelled.", country_hint="UA")
    assert place is not None and place.name == "Robotyne"


def test_unknown_village_falls_back_to_oblast_precision() -> None:
    place = geocode("Zzyzxivka", "the village of Zzyzxivka, Donetsk Oblast, was shelled")
    assert place is not None
    assert (place.name, place.admin1, place.precision) == ("Zzyzxivka", "Donetsk Oblast", "admin1")


def test_unknown_village_falls_back_to_its_raion() -> None:
    place = geocode("Zzyzxivka", "in Zzyzxivka (Pokrovsk district) two civilians were killed")
    assert place is not None
    assert (place.name, place.admin1, place.precision) == (
        "Zzyzxivka",
        "Donetsk Oblast",
        "district",
    )


def test_unknown_name_without_context_is_none() -> None:
    assert geocode("Zzyzxivka") is None


@pytest.mark.parametrize("name, context", [("Police", "Police said"), ("Monday", "On Monday")])
def test_common_words_are_not_places(name: str, context: str) -> None:
    assert geocode(name, context) is None


@pytest.mark.parametrize(
    "context, admin1",
    [("Alexandria, La., police said", "Louisiana"), ("Alexandria, Va., police said", "Virginia")],
)
def test_state_abbreviation_qualifies_a_town(context: str, admin1: str) -> None:
    place = geocode("Alexandria", context)
    assert place is not None and (place.country, place.admin1) == ("US", admin1)


def test_qualifier_picks_the_right_namesake() -> None:
    place = geocode("Andriivka", "near Andriivka, Donetsk region, soldiers were shot")
    assert place is not None and place.admin1 == "Donetsk Oblast"


@pytest.mark.parametrize(
    ("context", "admin1"),
    [
        ("Two men were shot near Stepove, northwest of Avdiivka, in December.", "Donetsk Oblast"),
        ("A strike hit Stepove (15 km south of Dnipro) at night.", "Dnipropetrovsk Oblast"),
    ],
)
def test_a_direction_from_a_town_picks_the_namesake_near_it(context: str, admin1: str) -> None:
    place = geocode("Stepove", context)
    assert place is not None and place.admin1 == admin1
    scored = geocoding.rank("Stepove", context)
    assert scored[0].contributions["landmark"] > 0  # the feature says why


def test_near_places_pick_the_namesake_close_to_them() -> None:
    kramatorsk = Place("Kramatorsk", "UA", "Donetsk Oblast", 48.72, 37.56, "settlement")
    place = geocode("Olenivka", near=[kramatorsk])
    assert place is not None and place.admin1 == "Donetsk Oblast"


def test_geocode_all_resolves_a_document_together() -> None:
    text = "Paris police made an arrest. The Lamar County sheriff said Paris schools in Texas shut."
    names = ["Paris", "Lamar County", "Paris", "Texas"]
    spans = [
        (text.index(n, i), text.index(n, i) + len(n))
        for n, i in zip(names, [0, 0, 40, 0], strict=True)
    ]
    places = geocode_all(names, text, spans=spans)
    assert [p.admin1 for p in places if p] == ["Texas"] * 4


def test_geocode_all_gives_unknown_names_the_place_before_them() -> None:
    text = "In Bucha, bodies lay on Yablunska Street."
    places = geocode_all(["Bucha", "Yablunska Street"], text, spans=[(3, 8), (24, 40)])
    assert places[1] is not None
    assert (places[1].name, places[1].admin1) == ("Yablunska Street", "Kyiv Oblast")


def test_rank_explains_each_score() -> None:
    best = rank("Kursk")[0]
    assert set(best.contributions) == {f.name for f in FEATURES}
    assert best.score == pytest.approx(sum(best.contributions.values()))


@pytest.mark.parametrize(
    "name, cc, precision",
    [("Ukraine", "UA", "country"), ("Donbas", "UA", "admin1"), ("Kharkov", "UA", "settlement"),
     ("Харків", "UA", "settlement"), ("Sudzha", "RU", "settlement")],
)  # fmt: skip
def test_names_in_reports_on_the_war(name: str, cc: str, precision: str) -> None:
    place = geocode(name)
    assert place is not None and (place.country, place.precision) == (cc, precision)


def _scored(*names: str) -> list[list[Scored]]:
    """Each name's top candidates with their own scores, as geocode_all hands them on."""
    return [rank(n)[: geocoding.TOP_K] for n in names]


def _coherence_by_matrix(groups: list[list[Scored]]) -> list[float]:
    """The best candidate's score per name, every name reading every other: the
    definition, over the whole proximity matrix, as a small document computes it."""
    flat = [s for g in groups for s in g]
    owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    prox = proximity([s.candidate for s in flat])
    base = np.array([s.score for s in flat])
    scores = base
    for _ in range(geocoding.COHERENCE_ROUNDS):
        p = np.exp(scores - np.array([scores[owner == k].max() for k in owner]))
        p /= np.array([p[owner == k].sum() for k in owner])
        others = prox * p[None, :] * (owner[:, None] != owner[None, :])
        scores = base + COHERENCE_WEIGHT * others.sum(axis=1) / (len(groups) - 1)
    return [float(scores[owner == k].max()) for k in range(len(groups))]


def test_coherence_of_a_short_document_is_every_name_against_every_other() -> None:
    groups = _scored("Paris", "Lamar County", "Texas", "Springfield", "Kursk")
    chosen = coherence(groups)
    assert [s.score for s in chosen if s] == pytest.approx(_coherence_by_matrix(groups))
    assert [s.candidate.country for s in chosen if s] == ["US", "US", "US", "US", "RU"]


def test_coherence_reads_the_names_mentioned_near_each_name() -> None:
    groups = _scored("Paris", "Lamar County", "Texas", "Lyon", "Marseille")
    paris_texas, lyon, marseille, lamar, texas = 0, 3, 4, 1, 2
    after_texas = coherence(groups, order=[lyon, marseille, lamar, texas, paris_texas], window=2)
    after_lyon = coherence(groups, order=[lamar, texas, lyon, marseille, paris_texas], window=2)
    assert (after_texas[0] and after_texas[0].candidate.admin1) == "Texas"
    assert (after_lyon[0] and after_lyon[0].candidate.country) == "FR"


def test_coherence_past_its_budget_keeps_each_names_own_best(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(geocoding, "COHERENCE_PAIRS", 0)
    groups = _scored("Paris", "Lamar County", "Texas")
    chosen = coherence(groups)
    assert [s.candidate for s in chosen if s] == [g[0].candidate for g in groups]
    assert all(s.contributions["coherence"] == 0.0 for s in chosen if s)


def test_a_long_document_resolves_every_mention_of_a_name_alike() -> None:
    # 2,000 distinct names of the gazetteer, a few times each, and Kharkiv 5,000 times
    gaz = Gazetteer.default()
    names: dict[str, str] = {}
    for i in range(0, len(gaz), 97):
        name = gaz.get(i).place.name
        names.setdefault(name_key(name), name)
        if len(names) == 2000:
            break
    rng = np.random.default_rng(7)
    mentions = [str(n) for n in rng.permutation(list(names.values()) * 3 + ["Kharkiv"] * 5000)]
    text, spans = "", []
    for name in mentions:
        spans.append((len(text), len(text) + len(name)))
        text += name + ". "
    places = geocode_all(mentions, text, spans=spans, fill_unknown=False)
    by_name: dict[str, list[Place | None]] = {}
    for name, place in zip(mentions, places, strict=True):
        by_name.setdefault(name, []).append(place)
    assert all(found.count(found[0]) == len(found) for found in by_name.values())
    kharkiv = by_name["Kharkiv"][0]
    assert kharkiv is not None and (kharkiv.country, kharkiv.precision) == ("UA", "settlement")
    assert sum(found[0] is not None for found in by_name.values()) > 1900


def test_a_name_another_place_once_bore_weighs_less_than_its_own_spelling() -> None:
    # "Bilozerka" is among the alternate names of a bigger town nearby, and no spelling of
    # that town's own name: the village named so wins in its region
    place = geocode("Bilozerka", "Occupiers detained a farmer in Bilozerka, Kherson Oblast.")
    assert place is not None and place.name == "Bilozerka"
    # a spelling of a city's own name still finds the city
    place = geocode("Kharkov", "A missile hit Kharkov.", country_hint="UA")
    assert place is not None and place.name == "Kharkiv"


def test_the_shares_of_near_places_in_an_area_and_a_country() -> None:
    from casefile.resolve.geocode import Evidence, Mention, same_admin1, same_country

    near = [
        Place("A", "UA", "Kharkiv Oblast"),
        Place("B", "UA", "Kharkiv Oblast"),
        Place("C", "RU", "Kharkiv Oblast"),  # an area of one name in another country
        Place("D", "UA", None),
        Place("E", None, None),
    ]
    ev = Evidence(Mention("X"), near)
    gaz = Gazetteer.default()
    kharkiv = gaz.candidates("Kharkiv")[0]
    assert kharkiv.admin1 == "Kharkiv Oblast" and kharkiv.country == "UA"
    assert same_admin1(kharkiv, ev) == 2 / 3
    assert same_country(kharkiv, ev) == 3 / 4
    assert same_admin1(kharkiv, Evidence(Mention("X"), near[3:])) == 0.0


def test_a_bare_city_name_beside_a_town_of_its_oblast_is_the_city() -> None:
    # the oblast is named after the city; a town in it must not pull the name to the oblast
    text = "In Mykolaiv, a missile hit a hotel. In Voznesensk, a drone hit a bus."
    names = ["Mykolaiv", "Voznesensk"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = geocode_all(names, text, spans=spans, fill_unknown=False)
    assert [p.precision if p else None for p in places] == ["settlement", "settlement"]


@pytest.mark.parametrize(
    ("written", "context", "shown"),
    [
        # the gazetteer's transliteration with its marks: the text's plain spelling is shown
        ("Sinjar", "Mass graves were found near Sinjar in northern Iraq.", "Sinjar"),
        ("Rafah", "Shelters in Rafah in southern Gaza were hit.", "Rafah"),
        # capitals of a wire copy, and a name in another script, keep the gazetteer's name
        ("SINJAR", "MASS GRAVES WERE FOUND NEAR SINJAR IN NORTHERN IRAQ.", "Sinjār"),
        ("Харків", "Удар по місту Харків вночі.", "Kharkiv"),
    ],
)
def test_a_place_is_shown_as_the_text_writes_it(written: str, context: str, shown: str) -> None:
    start = context.index(written)
    (place,) = geocode_all([written], context, spans=[(start, start + len(written))])
    assert place is not None and place.name == shown

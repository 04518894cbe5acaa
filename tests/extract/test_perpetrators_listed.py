"""Who did an act, in phrasings probed with our own sentences. People named together in one
list ("<name> and <name>") are people, though the tagger took one of them for an
organisation (entities._listed_people); an organisation listed beside a person stays one. A
definite phrase that refers back ("The soldiers shot ...") stands for the doer of the
sentence before, not for those it was done to (events.antecedent, events._patient). A
passive retelling by the act's noun names its doer (events._perpetrated); a list of names
charged is every name (events._listing_comma); a man whom an adjective ties the doers to
("loyal to <name>") is none (events._tied_by_adjective). The suspects a sentence after the
act names are its doers beside its unit (assemble.identified_in, concept
``names_suspects``)."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> Analysis:
        doc = Document.from_text(text, name="t", language="en")
        doc.published = "2025-03-12"
        return pipeline(doc)

    return run


def everyone(a: Analysis) -> set[str]:
    return {p.name for i in a.incidents for p in i.perpetrators}


@pytest.mark.parametrize(
    "text",
    [
        "Russian soldiers Ivan Sidorov and Pavel Orlov tortured a farmer in the village of "
        "Lukashivka in March 2022, prosecutors said.",
        "A court in Chernihiv sentenced two Russian soldiers, Ivan Sidorov and Pavel Orlov, "
        "in absentia for torturing a farmer in Lukashivka in March 2022.",
    ],
)
def test_both_men_of_a_pair_are_doers(extract, text: str) -> None:
    a = extract(text)
    assert {"Ivan Sidorov", "Pavel Orlov"} <= everyone(a)
    assert "Pavel Orlov" in {m.text for m in a.mentions_of("person")}


def test_an_organisation_listed_beside_a_person_stays_one(extract) -> None:
    a = extract(
        "Anna Kovalenko and Amnesty International said Russian soldiers shot two farmers in "
        "Lukashivka in March 2022."
    )
    assert "Amnesty International" not in {m.text for m in a.mentions_of("person")}


def test_the_soldiers_of_a_capture_are_the_captors(extract) -> None:
    # "The soldiers" refers back to who captured, not to the captured side's men
    a = extract(
        "Russian soldiers captured a group of Ukrainian servicemen near Vuhledar in October "
        "2023. The soldiers then shot the prisoners, Ukraine's prosecutors said."
    )
    assert everyone(a) == {"Russian forces"}


def test_the_men_taken_are_the_ones_referred_to_where_no_one_took_them(extract) -> None:
    # the only side the sentence before names is the one it is done to: that side still
    a = extract(
        "Police detained three fighters of the Rapid Support Forces in Omdurman in May 2024. "
        "The fighters had killed two traders in the market, police said."
    )
    assert everyone(a) <= {"Rapid Support Forces"}


def test_a_retelling_in_the_passive_names_the_doer(extract) -> None:
    # the act's sentence names no doer; the next one comes back to it by its noun
    a = extract(
        "A rocket strike on a bus depot in Kherson on 4 May 2024 killed three drivers. "
        "The strike was carried out by Russian forces, the regional governor said."
    )
    assert everyone(a) == {"Russian forces"}


def test_every_man_of_a_list_charged_is_a_doer(extract) -> None:
    a = extract(
        "Prosecutors charged Ivan Sidorov, Pavel Orlov and Oleg Kuznetsov with the murder of a "
        "farmer in Lukashivka in March 2022."
    )
    assert everyone(a) == {"Ivan Sidorov", "Pavel Orlov", "Oleg Kuznetsov"}


def test_the_man_an_adjective_ties_the_doers_to_is_not_one(extract) -> None:
    a = extract(
        "A mercenary group loyal to the former colonel Pedro Ramirez attacked a truck of the "
        "interior ministry on 26 March 1989 in El Jicote, killing a worker."
    )
    assert a.incidents
    assert "Pedro Ramirez" not in everyone(a)


def test_the_suspects_named_after_the_act_are_its_doers(extract) -> None:
    a = extract(
        "Investigators said that on 5 March 2022 servicemen of the 5th Separate Guards Tank "
        "Brigade beat a farmer in Lukashivka and shot him. The suspects are Sergeant Ivan "
        "Sidorov and Private Oleg Kuznetsov."
    )
    assert {"Ivan Sidorov", "Oleg Kuznetsov"} <= everyone(a)


def test_a_man_named_after_the_act_without_a_word_of_suspicion_is_no_doer(extract) -> None:
    # the victim, named in the sentence after the act, is not the doer
    a = extract(
        "Russian soldiers shot a farmer in Lukashivka on 5 March 2022. He was Ivan Sidorov, "
        "a retired teacher."
    )
    assert "Ivan Sidorov" not in everyone(a)

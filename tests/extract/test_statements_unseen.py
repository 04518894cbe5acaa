"""Statements in the phrasings of genres the rules were not built on (news wire, UN and NGO
reports, prosecutors' releases, other conflicts): each sentence written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def statements():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> list[tuple[str, str]]:
        a = pipeline(Document.from_text(text, name="t", published="2024-05-01", language="en"))
        return sorted((s.kind, s.speaker) for s in a.statements)

    return run


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a call by its verb and the harm it asks: "demanded", "incited", "called for"
        (
            "In a post on Telegram, Oleg Sidorov demanded the physical destruction of the enemy.",
            "Oleg Sidorov",
        ),
        (
            "The minister, Avi Cohen, called for the expulsion of the villagers from the valley.",
            "Avi Cohen",
        ),
        (
            "At a rally, the preacher Ivan Petrenko incited his followers to drive the minority "
            "out of the province.",
            "Ivan Petrenko",
        ),
        # a passive "must be <harmed>" with a word of harm the old list lacked
        (
            "On his show, Pavel Orlov told viewers that every enemy soldier must be annihilated.",
            "Pavel Orlov",
        ),
        (
            "Ramzan Kadyrov publicly urged the troops to show no mercy to captured enemy fighters.",
            "Ramzan Kadyrov",
        ),
    ],
)
def test_a_call_to_harm_in_other_words_is_incitement(statements, text: str, speaker: str) -> None:
    assert statements(text) == [("incitement", speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Blogger Ivan Petrenko called on the troops to "destroy" the city and its residents.',
            "Ivan Petrenko",
        ),
        (
            'The rapporteur condemned a post by the minister Avi Cohen calling for "the '
            'annihilation" of the enclave.',
            "Avi Cohen",
        ),
        (
            'Ramzan Kadyrov said that enemy soldiers who surrender should be "destroyed".',
            "Ramzan Kadyrov",
        ),
    ],
)
def test_a_call_with_its_harm_in_quotes(statements, text: str, speaker: str) -> None:
    assert statements(text) == [("incitement", speaker)]


@pytest.mark.parametrize(
    "text",
    [
        "The UN rapporteur Maria Lopez called for an investigation into the killings of prisoners.",
        "Ivan Petrenko urged the soldiers not to kill the captured men.",
        "The court found that Oleg Sidorov had incited the murder of Vladimir Putin in a speech.",
    ],
)
def test_a_call_that_asks_no_harm_is_no_incitement(statements, text: str) -> None:
    assert statements(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "In an intercepted call, the commander Ivan Petrov instructs his men to execute the "
            "prisoners.",
            "Ivan Petrov",
        ),
        (
            "Witnesses said Oleg Sidorov had given instructions to kill everyone in the camp.",
            "Oleg Sidorov",
        ),
        # the giver after "on instructions from", without his rank
        (
            "Survivors said the soldiers were acting on instructions from Lieutenant Colonel Aung "
            "Min to burn the village.",
            "Aung Min",
        ),
        (
            "According to the indictment, Major Pavel Orlov commanded his subordinates to kill the "
            "two detained men.",
            "Pavel Orlov",
        ),
        # a leader telling his own men to spare no one
        (
            "In a recorded message, militia leader Ahmed Salih told his fighters to spare no one "
            "in the camp.",
            "Ahmed Salih",
        ),
    ],
)
def test_an_order_told_by_instruction_or_command(statements, text: str, speaker: str) -> None:
    assert statements(text) == [("order", speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Russian forces held the town. The captured soldier told investigators he had been "
            "ordered by his commander to shoot the two men.",
            "Russian commander",
        ),
        (
            "Russian forces held the town. The defendant testified that a deputy brigade commander "
            "instructed the unit to kill all prisoners.",
            "Russian deputy brigade commander",
        ),
        (
            "Russian forces held the town. The commander gave a criminal order to shoot the men.",
            "Russian commander",
        ),
        # a rank of a unit: the rank, with the side the order of battle gives the unit
        (
            "The deputy commander of a reconnaissance company of the 71st Motorized Rifle "
            "Regiment gave the order to shoot the two prisoners.",
            "Russian deputy commander",
        ),
    ],
)
def test_an_order_given_by_rank_only_names_the_side_and_rank(
    statements, text: str, speaker: str
) -> None:
    assert statements(text) == [("order", speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Putin signed a decree granting the brigade the honorary name of guards.",
            "Vladimir Putin",  # a known person by the knowledge base's full name
        ),
        ("Shoigu hailed the paratroopers for their courage in the operation.", "Sergei Shoigu"),
        (
            "The Russian Defense Ministry praised elements of the 155th Naval Infantry Brigade for "
            "their actions near the village.",
            "Russian Defense Ministry",
        ),
        (
            "Putin signed a decree awarding the Guards honorific to the 155th Naval Infantry "
            "Brigade.",
            "Vladimir Putin",
        ),
        # praise for a deed told ("had taken no prisoners") is no call to do it
        (
            "Oleg Sidorov praised the fighters of the assault battalion who, he boasted, had taken "
            "no prisoners in the battle for the ridge.",
            "Oleg Sidorov",
        ),
    ],
)
def test_an_honour_granted_or_praise_hailed(statements, text: str, speaker: str) -> None:
    assert statements(text) == [("honour", speaker)]


def test_who_receives_a_title_gives_nothing(statements) -> None:
    assert statements("The battalion commander, Ivan Petrov, was named a Hero of Russia.") == []
    # the giver is the one who spoke before
    got = statements(
        "Vladimir Putin signed a decree on Monday. The 64th brigade was awarded the honorary "
        "title of Guards."
    )
    assert got == [("honour", "Vladimir Putin")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The junta spokesman, Zaw Min Tun, refused to accept responsibility for the airstrike.",
            "Zaw Min Tun",
        ),
        # a state's body named by its nationality, as its forces are named
        ("The Israeli military said it targets only Hamas militants.", "Israel Defense Forces"),
        (
            "The Syrian government has repeatedly said it does not use chemical weapons against "
            "its own people.",
            "Syrian government",
        ),
        (
            '"Our forces do not fight civilians," army spokesman Nabil Abdallah said.',
            "Nabil Abdallah",
        ),
        (
            "A spokesman for the Rapid Support Forces said the group had not been involved in the "
            "killings.",
            "Rapid Support Forces",
        ),
        # who reports a denial makes it, not the forces it is about
        (
            "Kremlin spokesman Dmitry Peskov said Russian forces don't target civilians.",
            "Dmitry Peskov",
        ),
        (
            "The Israeli army insisted that it had struck a Hamas command centre.",
            "Israel Defense Forces",
        ),
        ("Defense Minister Ivan Petrenko said the report was nonsense.", "Ivan Petrenko"),
        (
            "The reports of mass graves are baseless, the spokesman Zaw Min Tun told reporters.",
            "Zaw Min Tun",
        ),
    ],
)
def test_a_denial_in_other_words(statements, text: str, speaker: str) -> None:
    assert statements(text) == [("denial", speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a state's body named by its nationality is the speaker, not a place in its name
        (
            "The Myanmar military has denied committing atrocities in the villages.",
            "Myanmar military",
        ),
        ('The Russian embassy in Washington called the report "another lie".', "Russian embassy"),
        # who opens a quote with a colon says it
        ('Peskov: "The footage from the town is a fake."', "Dmitry Peskov"),
    ],
)
def test_who_denies_named_by_a_body_or_before_a_colon(statements, text: str, speaker: str) -> None:
    assert statements(text) == [("denial", speaker)]


def test_an_order_told_by_a_witness_is_the_commanders_not_the_witness(statements) -> None:
    got = statements(
        "Russian forces held the town. In a video, a Wagner fighter says his commander told "
        "them to shoot anyone who tried to flee."
    )
    assert got == [("order", "Russian commander")]


def test_telling_ones_own_fighters_to_show_no_mercy_is_an_order(statements) -> None:
    got = statements(
        "The militia commander, Omar Haroun, told his fighters in a speech to show no mercy to "
        "the villagers."
    )
    assert got == [("order", "Omar Haroun")]


def test_a_claim_called_a_quoted_fiction_is_denied(statements) -> None:
    got = statements('The envoy Vasily Petrov said the accusations were "pure fiction".')
    assert got == [("denial", "Vasily Petrov")]


def test_officers_of_one_side_told_only_by_rank_are_one_speaker(statements) -> None:
    got = statements(
        "Russian forces held the village. Investigators identified a Russian officer who ordered "
        "the shooting of the prisoners. "
        "The company commander later gave the order to kill the wounded as well."
    )
    assert [kind for kind, _ in got] == ["order"]


def test_an_officer_told_by_rank_is_the_one_the_report_names(statements) -> None:
    got = statements(
        "Russian forces held the town in March. A court upheld the sentence of a battalion "
        "commander who ordered his men to fire on civilians. Lieutenant Colonel Oleg Sidorov "
        "ordered his subordinates to shoot at passing cars, the court found."
    )
    assert got == [("order", "Oleg Sidorov")]

"""Ukrainian and Russian statements and statistics in more phrasings (calls by more verbs,
honours by their titles, a defence ministry by one name, a known tally, a breakdown by
year), and the English speaker names they share: each sentence written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.lang import get_pack
from casefile.model import Document

pytestmark = pytest.mark.slow


def test_a_given_name_that_is_a_town_too_names_a_person_before_a_surname() -> None:
    text = "Ведущий Владимир Соловьев выступил в эфире. Жители города Владимир Ивановской области."
    found = [(text[a:b], p.name) for a, b, p in get_pack("ru").persons(text)]
    assert found == [("Владимир Соловьев", "Vladimir Solovyev")]


@pytest.mark.parametrize(
    ("code", "text", "want"),
    [
        # a call to kill by a verb form the list lacked ("убивати" beside "вбивати")
        (
            "uk",
            "Телеведучий Петро Сидоренко закликав убивати українських полонених.",
            [("incitement", "Petro Sydorenko")],
        ),
        # an honour by its title: an honorary name given by a decree of a named person
        (
            "ru",
            "Указом Ивана Петрова полку присвоено почётное наименование за бои в городе.",
            [("honour", "Ivan Petrov")],
        ),
        (
            "uk",
            "Іван Петренко присвоїв бригаді почесне найменування після боїв за місто.",
            [("honour", "Ivan Petrenko")],
        ),
    ],
)
def test_more_calls_and_honours(extract, code: str, text: str, want: list) -> None:
    a = extract(text, code, "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == want


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ru", "Минобороны РФ назвало кадры с места удара фейком."),
        ("uk", "Міністерство оборони Росії заперечило удар по лікарні."),
        ("en", "Russia's defence ministry denied that its forces struck the hospital."),
        ("en", "The Russian Ministry of Defence dismissed the reports as a provocation."),
        ("en", "The Russian MoD rejected the accusations of shelling."),
    ],
)
def test_a_defence_ministry_has_one_name_in_every_spelling(extract, code: str, text: str) -> None:
    a = extract(text, code, "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == [("denial", "Russian Defense Ministry")]


def test_a_state_that_denies_keeps_its_name(extract) -> None:
    a = extract("Moscow denied that its forces struck the hospital.", "en", "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == [("denial", "Russia")]


@pytest.fixture(scope="module")
def stats():
    pipeline = Pipeline.from_settings()

    def run(text: str, code: str) -> list[tuple[int, str, str | None]]:
        doc = Document.from_text(text, name="t", published="2024-05-01", language=code)
        return sorted(
            (s.value, s.counted, s.period.start if s.period else None)
            for s in pipeline(doc).statistics
        )

    return run


def test_a_large_figure_known_so_far_is_a_tally(stats) -> None:
    assert stats("Омбудсман повідомив, що відомо про 140 страчених полонених.", "uk") == [
        (140, "victims", None)
    ]
    assert stats("Омбудсмен сообщил, что известно о 140 казнённых пленных.", "ru") == [
        (140, "victims", None)
    ]
    # a few known dead after one strike are its toll, told as an incident
    assert stats("Після удару по місту відомо про 14 загиблих.", "uk") == []


def test_the_parts_of_a_breakdown_by_year(stats) -> None:
    got = stats(
        "З початку вторгнення загинули 9 000 цивільних: у 2022 році — 6 100, у 2023 році — 1 900.",
        "uk",
    )
    assert got == [(1900, "victims", "2023"), (6100, "victims", "2022"), (9000, "victims", None)]


@pytest.mark.parametrize(
    ("code", "text", "want"),
    [
        # what a tally of prisoners rose to
        ("uk", "Кількість страчених полонених зросла до 132.", [(132, "victims", None)]),
        ("ru", "Число казнённых пленных выросло до 132.", [(132, "victims", None)]),
        # a large figure spread over a period
        ("uk", "Загалом у полоні загинули 215 українських військових.", [(215, "victims", None)]),
        # a figure as of a day
        ("ru", "По состоянию на 3 марта погибли 512 детей.", [(512, "victims", None)]),
        # a running total by the other spelling of "внаслідок"
        ("uk", "Унаслідок збройної агресії РФ загинули 517 дітей.", [(517, "victims", None)]),
    ],
)
def test_a_running_tally_in_more_words(stats, code: str, text: str, want: list) -> None:
    assert stats(text, code) == want


@pytest.mark.parametrize(
    "text",
    [
        "Кількість загиблих унаслідок удару зросла до 46.",  # one strike's toll rising
        "Станом на 10:00 відомо про 12 загиблих.",  # a toll so far, as of an hour
        "Загалом у місті загинули 14 людей.",  # a few in all
    ],
)
def test_an_acts_toll_is_no_running_tally(stats, text: str) -> None:
    assert stats(text, "uk") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a known person named by surname only: the name the knowledge base gives him
        ("Peskov told reporters the accusations were lies.", ("denial", "Dmitry Peskov")),
        # a body named with its state's possessive: the state's adjective
        (
            "Russia's Investigative Committee rejected the claims of torture.",
            ("denial", "Russian Investigative Committee"),
        ),
    ],
)
def test_english_speakers_by_the_names_gold_gives(extract, text: str, want: tuple) -> None:
    a = extract(text, "en", "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == [want]


def test_data_on_the_killing_of_prisoners_is_a_tally(stats) -> None:
    assert stats("Слідчі мають дані про страту на полі бою 57 полонених бійців.", "uk") == [
        (57, "victims", None)
    ]
    assert stats("У нас есть сведения о казни 57 пленных бойцов.", "ru") == [(57, "victims", None)]
    # data on a strike's few dead: its toll
    assert stats("Маємо інформацію про 14 загиблих після удару по місту.", "uk") == []


@pytest.mark.parametrize(
    ("code", "text", "want"),
    [
        # a word that speaks for a state, with a verb of saying before the noun cue
        ("ru", "В Кремле назвали эти обвинения клеветой.", [("denial", "Russia")]),
        ("uk", "У Кремлі назвали ці звинувачення брехнею.", [("denial", "Russia")]),
        # a counter-claim: the other side's army did it
        ("uk", "Російська сторона звинуватила ЗСУ у загибелі бранців.", [("denial", "Russia")]),
        # a state a noun cue is told of makes no denial
        ("uk", "РФ готує нову провокацію біля станції.", []),
    ],
)
def test_a_state_denies_by_its_word(extract, code: str, text: str, want: list) -> None:
    a = extract(text, code, "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Moscow insisted the pictures had been doctored.", ("denial", "Russia")),
        (
            "Ivan Sidorov said the reports of the shooting were not true.",
            ("denial", "Ivan Sidorov"),
        ),
        (
            "Russia's Foreign Ministry called the findings a crude forgery.",
            ("denial", "Russian Foreign Ministry"),
        ),
    ],
)
def test_english_denials_of_forged_evidence(extract, text: str, want: tuple) -> None:
    a = extract(text, "en", "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == [want]


def test_a_passive_act_is_no_denial(extract) -> None:
    a = extract("The prisoners had been shot and the bodies were burned.", "en", "2024-03-10")
    assert a.statements == []


def test_an_order_to_kill_with_no_giver_named_is_the_command_of_the_reports_forces(
    extract,
) -> None:
    a = extract(
        "Російські військові отримували наказ не брати полонених, а вбивати їх.", "uk", "2024-03-10"
    )
    assert [(s.kind, s.speaker) for s in a.statements] == [("order", "Russian commander")]
    # an order to do no harm is none, named giver or not
    assert extract("Командир роти наказав охороняти склад.", "uk", "2024-03-10").statements == []


def test_each_speaker_of_a_kind_makes_a_statement(extract) -> None:
    a = extract(
        "Дмитро Пєсков заперечив причетність армії до страти полонених. "
        "Марія Захарова назвала відео фейком.",
        "uk",
        "2024-03-10",
    )
    assert sorted((s.kind, s.speaker) for s in a.statements) == [
        ("denial", "Dmitry Peskov"),
        ("denial", "Maria Zakharova"),
    ]
    # one speaker's denials told twice are one statement
    a = extract(
        "Дмитро Пєсков заперечив причетність армії. Пєсков також назвав відео фейком.",
        "uk",
        "2024-03-10",
    )
    assert [(s.kind, s.speaker) for s in a.statements] == [("denial", "Dmitry Peskov")]

"""First reports in Ukrainian and Russian (issue #12): the act's date, its perpetrators'
units, each phrase written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


@pytest.mark.parametrize(
    ("code", "sentence", "at_word", "told"),
    [
        # the date opens the clause and the teller's verb follows it: when it was told
        (
            "ru",
            "Вчера, 7 марта, прокуратура области сообщила о гибели двух мужчин",
            "7 марта",
            True,
        ),
        ("ru", "Вчера, 7 марта, прокуратура области сообщила о гибели двух мужчин", "Вчера", True),
        ("uk", "Про це 2 квітня повідомила пресслужба поліції", "2 квітня", True),
        ("uk", "Сьогодні, 9 травня, оприлюднила звіт місія", "9 травня", True),
        # another verb between them, or the teller in an aside: the date is the act's
        ("uk", "2 квітня росіяни вдарили по селищу, повідомила поліція", "2 квітня", False),
        ("uk", "2 квітня, як повідомила поліція, росіяни вдарили по селищу", "2 квітня", False),
        ("ru", "7 марта военные обстреляли рынок и сообщили об этом", "7 марта", False),
        ("ru", "Обстрел случился 7 марта, сообщила полиция", "7 марта", False),
    ],
)
def test_a_date_a_verb_of_telling_follows_is_when_it_was_told(
    code: str, sentence: str, at_word: str, told: bool
) -> None:
    assert get_pack(code).told_on(sentence, sentence.index(at_word)) is told


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        # a battalion the grammar reads with its type is named by the regiment after it
        (
            "uk",
            "солдати 3-го танкового батальйону 1065-го артилерійського полку",
            "3rd Tank Battalion, 1065th Artillery Regiment",
        ),
        (
            "ru",
            "солдаты 1-го мотострелкового батальона 1008-го мотострелкового полка",
            "1st Motorized Rifle Battalion, 1008th Motorized Rifle Regiment",
        ),
    ],
)
def test_a_battalion_with_its_type_is_named_by_its_regiment(
    code: str, text: str, name: str
) -> None:
    assert name in [n for _, _, n in get_pack(code).units(text)]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "бійці 24-ї окремої бригади спецпризначення"),
        ("ru", "бойцы 24-й отдельной бригады спецназначения"),
    ],
)
def test_a_spetsnaz_brigade_named_in_short(code: str, text: str) -> None:
    assert [n for _, _, n in get_pack(code).units(text)] == ["24th Spetsnaz Brigade"]


def _perpetrators(extract, text: str, language: str) -> list[list[str]]:
    analysis = extract(text, language, "2024-05-06")
    return [sorted(p.name for p in i.perpetrators) for i in analysis.incidents]


def test_units_joined_before_the_act_are_each_its_perpetrator(extract) -> None:
    text = (
        "Бойовики 25-ї окремої мотострілецької бригади та 155-ї окремої бригади морської "
        "піхоти стратили трьох полонених поблизу Покровська."
    )
    assert _perpetrators(extract, text, "uk") == [
        ["155th Naval Infantry Brigade", "25th Motorized Rifle Brigade"]
    ]


def test_a_unit_named_as_part_of_a_larger_one_is_the_perpetrator(extract) -> None:
    text = (
        "Военнослужащие 64-й отдельной мотострелковой бригады из состава 35-й "
        "общевойсковой армии расстреляли двух пленных под Курском."
    )
    assert _perpetrators(extract, text, "ru") == [["64th Motorized Rifle Brigade"]]


def test_a_page_stamp_between_the_headline_and_the_body_leaves_the_body_its_lead(extract) -> None:
    text = (
        "Ворог обстріляв Нікополь: є загиблі\n\n"
        "03.09.2024 09:15\n\n"
        "Близько 07:30 російські військові обстріляли Південний район Нікополя. "
        "Загинула 52-річна жінка, повідомила ОВА."
    )
    analysis = extract(text, "uk", "2024-09-03")
    assert [i.type for i in analysis.incidents] == ["attack_on_civilians"]


@pytest.mark.parametrize(
    ("code", "text", "start", "end"),
    [
        ("uk", "наприкінці травня – на початку червня 2023 року", "2023-05", "2023-06"),
        ("ru", "в конце апреля – начале мая 2022 года", "2022-04", "2022-05"),
        ("ru", "в середине сентября - в конце октября 2022 года", "2022-09", "2022-10"),
    ],
)
def test_two_months_each_with_its_part_are_one_range(
    code: str, text: str, start: str, end: str
) -> None:
    found = get_pack(code).dates(text, "2024-06-11")
    assert [(d.range.start, d.range.end) for d in found] == [(start, end)]


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "Майор Андрій Волков наказав підлеглим розстріляти полонених. "
            "Трьох українських військовополонених убили поблизу Вовчанська.",
            "uk",
            "Andrii Volkov",
        ),
        (
            "Капитан Олег Зуев отдал приказ расстрелять пленных. "
            "Пятеро украинских военнопленных были убиты под Часовым Яром.",
            "ru",
            "Oleg Zuyev",
        ),
    ],
)
def test_the_man_who_ordered_the_act_in_the_sentence_before_is_its_perpetrator(
    extract, text: str, language: str, who: str
) -> None:
    assert who in _perpetrators(extract, text, language)[0]


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        (
            "Наприкінці жовтня в мережі з'явилося відео, на якому окупанти розстрілюють двох "
            "українських полонених. На записі видно бійців 36-ї армії. "
            "Розстріл стався 19 жовтня поблизу Кураховього.",
            "uk",
            "2024-10-19",
        ),
        (
            "В середине октября в сети появилось видео, где военные расстреливают двух "
            "украинских пленных. Расстрел произошел 9 октября.",
            "ru",
            "2024-10-09",
        ),
    ],
)
def test_the_day_a_sentence_says_the_act_happened_on_dates_it(
    extract, text: str, language: str, day: str
) -> None:
    analysis = extract(text, language, "2024-11-04")
    assert [(i.date.start, i.date.end) for i in analysis.incidents if i.date] == [(day, day)]


def test_a_day_before_a_step_of_a_case_counts_no_cases() -> None:
    pack = get_pack("uk")
    assert pack.case_counts("Поліція 14 березня відкрила провадження") == []
    assert [c.value for c in pack.case_counts("Слідчі відкрили 23 кримінальні провадження")] == [23]


def test_without_a_parse_the_place_nearest_the_act_is_its_place(extract) -> None:
    text = (
        "Суд у Львові заочно засудив російського військового, який у березні 2022 року "
        "катував цивільних у Бородянці."
    )
    analysis = extract(text, "uk", "2024-11-20")
    assert [i.place.name for i in analysis.incidents if i.place] == ["Borodianka"]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("uk", "росіяни обстріляли Синельниківщину", "Synelnykivskyi Raion"),
        ("uk", "на Краматорщині загинули двоє", "Kramatorskyi Raion"),
        ("ru", "на Никопольщине погиб мужчина", "Nikopolskyi Raion"),
        ("uk", "на Харківщині", "Kharkiv Oblast"),  # an oblast so named: its own entry
    ],
)
def test_a_district_named_after_its_town(code: str, text: str, name: str) -> None:
    assert [m.name for m in get_pack(code).places(text)] == [name]


@pytest.mark.parametrize(
    ("text", "language", "force"),
    [
        (
            "Утром Россия нанесла массированный ракетный удар по Днепру, погибли 9 человек.",
            "ru",
            "Russian forces",
        ),
        (
            "Вночі Україна завдала масованого удару по Бєлгороду, загинули двоє людей.",
            "uk",
            "Ukrainian forces",
        ),
    ],
)
def test_a_state_that_dealt_the_blow_is_its_forces(
    extract, text: str, language: str, force: str
) -> None:
    assert _perpetrators(extract, text, language) == [[force]]


@pytest.mark.parametrize(
    ("code", "text", "cumulative"),
    [
        ("uk", "За два роки повномасштабної війни в області загинули 640 цивільних", True),
        ("uk", "Відтоді, як почалася війна, у громаді загинули 120 людей", True),
        ("ru", "За два года войны в регионе погибли 310 мирных жителей", True),
        ("ru", "С тех пор, как началась война, в городе погибли 150 человек", True),
        # one day of the war is no running total
        ("uk", "У перший день війни окупанти вбили 14 людей", False),
    ],
)
def test_a_figure_over_the_years_of_the_war_is_a_running_total(
    code: str, text: str, cumulative: bool
) -> None:
    assert get_pack(code).cumulative(text) is cumulative


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("унаслідок удару загинули тринадцятеро людей", 13),
        ("серед поранених вісімнадцятеро дітей", 18),
    ],
)
def test_collective_numerals_above_ten(text: str, value: int) -> None:
    assert [c.value for c in get_pack("uk").counts(text)] == [value]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        # a name read in the case of the rank or title before it, not the woman's nominative
        ("uk", "вирок для лейтенанта Валентина Соколова", "Valentyn Sokolov"),
        ("ru", "приговор для командира взвода Александра Соколова", "Aleksandr Sokolov"),
        ("uk", "сержантові Олені Коваль", "Olena Koval"),
    ],
)
def test_a_name_after_a_rank_is_read_in_its_case(code: str, text: str, name: str) -> None:
    assert [p.name for _, _, p in get_pack(code).persons(text)] == [name]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        # a name the dictionary lacks, after a rank: a person, read back by the rank's case
        ("uk", "Підозру повідомлено полковнику Нурланбеку Джумабекову.", "Nurlanbek Dzhumabekov"),
        ("ru", "Обвинение предъявлено майору Нурланбеку Джумабекову.", "Nurlanbek Dzhumabekov"),
        ("uk", "вирок для сержанта Жаргала Доржиєва", "Zharhal Dorzhyiev"),
        # capitalised words of a body after a rank: no person
        ("uk", "Це був полковник Збройних Сил.", None),
    ],
)
def test_an_unknown_name_after_a_rank_is_a_person(code: str, text: str, name: str | None) -> None:
    found = [p.name for _, _, p in get_pack(code).persons(text)]
    assert found == ([name] if name else [])

"""Romanisation by the national standards, persons' English names, units in Cyrillic."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Скобєлєв", "Skobieliev"),
        ("Юрій", "Yurii"),  # initial ю is yu, final й is i
        ("Їжакевич", "Yizhakevych"),
        ("Згурський", "Zghurskyi"),  # зг is zgh
        ("Щербина", "Shcherbyna"),
        ("Гнатюк", "Hnatiuk"),  # г is h, inner ю is iu
        ("Мар'яна", "Mariana"),  # the apostrophe is dropped
        ("Ґалаґан", "Galagan"),
    ],
)
def test_ukrainian_romanisation_is_the_2010_table(cyrillic: str, latin: str) -> None:
    assert get_pack("uk").romanize(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Андреев", "Andreyev"),  # е after a vowel is ye
        ("Ельцин", "Yeltsin"),  # initial е is ye
        ("Юрий", "Yuriy"),
        ("Горбачёв", "Gorbachyov"),
        ("Григорьев", "Grigoryev"),  # the soft sign dropped, е after it is ye
        ("Хрущёв", "Khrushchyov"),
        ("Быков", "Bykov"),
    ],
)
def test_russian_romanisation_is_bgn_pcgn(cyrillic: str, latin: str) -> None:
    assert get_pack("ru").romanize(cyrillic) == latin


def test_a_known_person_gets_the_usual_english_spelling_from_an_inflected_form() -> None:
    name = get_pack("uk").person_name("Зеленського")
    assert (name.name, name.original, name.known) == ("Volodymyr Zelenskyy", "Зеленського", True)


def test_an_unknown_person_is_romanised_from_the_nominative() -> None:
    name = get_pack("uk").person_name("Олександра Скобєлєва")
    assert (name.name, name.original, name.known) == (
        "Oleksandr Skobieliev",
        "Олександра Скобєлєва",
        False,
    )


@pytest.mark.parametrize(
    ("code", "text", "unit"),
    [
        ("uk", "бійці 155-ї окремої бригади морської піхоти", "155th Naval Infantry Brigade"),
        ("ru", "155-я бригада морской пехоты", "155th Naval Infantry Brigade"),
        ("uk", "76-ї десантно-штурмової дивізії", "76th Air Assault Division"),
        ("ru", "военные 64-й отдельной мотострелковой бригады", "64th Motorized Rifle Brigade"),
    ],
)
def test_cyrillic_unit_names_canonicalise(code: str, text: str, unit: str) -> None:
    found = get_pack(code).units(text)
    assert [name for _, _, name in found] == [unit]


@pytest.mark.parametrize(
    ("code", "text", "units"),
    [
        (
            "uk",
            "бійці другого батальйону 237-го полку 76-ї десантно-штурмової дивізії",
            [
                "2nd Battalion, 237th Air Assault Regiment",  # the battalion of its parent
                "237th Air Assault Regiment",  # the division's child with that number
                "76th Air Assault Division",
            ],
        ),
        (
            "uk",
            "льотчики 121-го важкого бомбардувального полку",
            ["121st Heavy Bomber Aviation Regiment"],
        ),
        (
            "ru",
            "солдаты 237-го полка 76-й десантно-штурмовой дивизии",
            [
                "237th Air Assault Regiment",
                "76th Air Assault Division",
            ],
        ),
    ],
)
def test_bare_and_ordinal_word_units_read_with_their_parent(
    code: str, text: str, units: list[str]
) -> None:
    assert [name for _, _, name in get_pack(code).units(text)] == units


def test_a_number_before_a_noun_that_is_no_unit() -> None:
    assert get_pack("uk").units("у 2023 році 5 людей загинули") == []


def test_persons_found_by_name_tags_with_english_names() -> None:
    text = "Про це повідомив голова ОВА Олег Синєгубов. Депутата Олександра Гуза затримали."
    found = [(text[a:b], p.name) for a, b, p in get_pack("uk").persons(text)]
    assert found == [
        ("Олег Синєгубов", "Oleh Syniehubov"),  # the knowledge base's spelling
        ("Олександра Гуза", "Oleksandr Huz"),  # read back to the nominative, romanised
    ]
    ru = [(p.name, p.known) for _, _, p in get_pack("ru").persons("рассказал Олег Ширяев")]
    assert ru == [("Oleg Shiryayev", False)]  # BGN/PCGN: я, then е after a vowel


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        (
            "uk",
            "Про це повідомила Сумська обласна прокуратура",
            ["Sumy Oblast Prosecutor's Office"],
        ),
        (
            "uk",
            "За даними Офісу генпрокурора та СБУ",
            [
                "Office of the Prosecutor General",
                "Security Service of Ukraine",
            ],
        ),
        ("ru", "сообщает прокуратура Курской области", ["Kursk Oblast Prosecutor's Office"]),
        (
            "uk",
            "Джерело: ОК «Південь» та Миколаївська ОВА",
            ["Operational Command South", "Mykolaiv Oblast Military Administration"],
        ),
        (
            "ru",
            "пишет The New York Times со ссылкой на МККК",
            ["The New York Times", "International Committee of the Red Cross"],
        ),
    ],
)
def test_organizations_get_their_english_names(code: str, text: str, names: list[str]) -> None:
    assert [n for _, _, n in get_pack(code).organizations(text)] == names


@pytest.mark.parametrize(
    ("code", "text", "units", "links"),
    [
        (
            "uk",
            "Бійці 20-го мотострілецького полку Західного військового округу стріляли по селу.",
            ["20th Motorized Rifle Regiment", "Western Military District"],
            [("20th Motorized Rifle Regiment", "Western Military District")],
        ),
        ("uk", "По місту вдарили кораблі Чорноморського флоту.", ["Black Sea Fleet"], []),
        (
            "ru",
            "Это сделали военные Центрального военного округа.",
            ["Central Military District"],
            [],
        ),
        ("ru", "Десантники ВДВ вошли в город.", ["Russian Airborne Forces"], []),
    ],
)
def test_formations_without_a_number(
    code: str, text: str, units: list[str], links: list[tuple[str, str]]
) -> None:
    pack = get_pack(code)
    found = pack.units(text)
    assert [name for _, _, name in found] == units
    assert [(c, p) for c, p, _, _ in pack.unit_links(text, found)] == links


@pytest.mark.parametrize(
    ("code", "written", "name"),
    [
        ("uk", "Петро Іваненко", "Petro Ivanenko"),  # not the vocative of a woman's name
        ("uk", "Ганна Коваль", "Hanna Koval"),
        ("ru", "Алексея Кулемзина", "Aleksey Kulemzin"),  # the man's genitive, not Кулемзина
        ("ru", "Алексей Кулемзин", "Aleksey Kulemzin"),
        ("ru", "Сергею Иванову", "Sergey Ivanov"),  # a surname that is also a village
        ("ru", "Марии Захаровой", "Maria Zakharova"),
        ("uk", "Юлії Свириденко", "Yuliia Svyrydenko"),
    ],
)
def test_every_word_of_a_name_goes_back_to_the_nominative_in_one_case(
    code: str, written: str, name: str
) -> None:
    assert get_pack(code).person_name(written).name == name


def test_a_dative_name_with_a_surname_that_is_also_a_place_is_a_person() -> None:
    found = get_pack("ru").persons("Военнослужащему РФ Сергею Иванову заочно сообщено")
    assert [p.name for _, _, p in found] == ["Sergey Ivanov"]

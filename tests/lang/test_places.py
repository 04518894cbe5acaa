"""Toponyms in their case forms resolve to the gazetteer's English names, spans as written."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


@pytest.mark.parametrize(
    ("code", "word", "name"),
    [
        ("uk", "Харкові", "Kharkiv"),
        ("uk", "Харкова", "Kharkiv"),
        ("ru", "Харькове", "Kharkiv"),
        ("uk", "Києві", "Kyiv"),
        ("uk", "Бучі", "Bucha"),  # not "Buchy" in France: Cyrillic resolves near home
        ("uk", "Покровська", "Pokrovsk"),  # not Engels, once called Pokrovsk
        ("uk", "Авдіївці", "Avdiivka"),
        ("ru", "Авдеевкой", "Avdiivka"),
        ("uk", "Запоріжжі", "Zaporizhzhia"),
        ("uk", "Маріуполя", "Mariupol"),
        ("uk", "Тростянці", "Trostianets"),
        ("ru", "Белгороде", "Belgorod"),  # asked in Russian romanisation too
        ("uk", "Херсонщині", "Kherson Oblast"),
    ],
)
def test_a_case_form_of_a_town_resolves_to_the_town(code: str, word: str, name: str) -> None:
    hit = get_pack(code).place(word)
    assert hit is not None
    assert hit.name == name


def test_places_in_running_text_keep_their_spans() -> None:
    text = "Ворог атакував Харківську область: у Харкові поранено двох людей. Як повідомили"
    found = get_pack("uk").places(text)
    assert [(p.text, p.name) for p in found] == [
        ("Харківську область", "Kharkiv Oblast"),
        ("Харкові", "Kharkiv"),
    ]
    assert all(text[p.start : p.end] == p.text for p in found)


def test_russian_oblast_in_the_genitive() -> None:
    found = get_pack("ru").places("удар по Курской области")
    assert [(p.text, p.name) for p in found] == [("Курской области", "Kursk Oblast")]


def test_a_capitalised_word_that_is_not_a_place() -> None:
    assert get_pack("uk").places("Про це повідомили. Як відомо, ГУР") == []


def test_a_surname_is_not_a_hamlet() -> None:
    # the dictionary reads these as surnames; the places of that name are villages
    assert get_pack("ru").places("заявила Захарова") == []
    assert get_pack("uk").places("сказав Сирський") == []


def test_a_russian_spelling_of_a_ukrainian_village_by_its_consonants() -> None:
    hit = get_pack("ru").place("Белозерке")
    assert hit is not None and hit.name == "Bilozerka"


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Джерело: прокуратура."),  # a word opening a line, the village Dzherelo aside
        ("uk", "Прокурори Донецької обласної прокуратури"),  # an adjective, not Donetskyi
        ("uk", "бої на Покровському напрямку"),
        ("ru", "рассказал Александр Гусак"),  # a surname after a given name
    ],
)
def test_words_that_only_look_like_places(code: str, text: str) -> None:
    assert get_pack(code).places(text) == []


def test_a_short_word_is_not_looked_up_by_its_consonants() -> None:
    assert get_pack("uk").places("Ще двоє людей дістали поранення.") == []


def test_a_two_letter_word_is_no_toponym() -> None:
    assert get_pack("ru").places("«Ко мне подошли», — сказал он.") == []


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        # the oblast's noun with the stop that ends the sentence; the span leaves the stop out
        (
            "ru",
            "Людей вывезли из Запорожской области.",
            [("Запорожской области", "Zaporizhzhia Oblast")],
        ),
        ("uk", "Вибух пролунав у Сумській області.", [("Сумській області", "Sumy Oblast")]),
        # an adjective in the plural opening a sentence is no village
        ("ru", "Украинские дроны ночью атаковали Курск.", [("Курск", "Kursk")]),
    ],
)
def test_area_at_a_sentences_end_and_an_adjective_that_opens_it(
    code: str, text: str, names: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.name) for m in get_pack(code).places(text)] == names


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        ("uk", "Дрон атакував авто на трасі Миколаїв – Херсон поблизу Бургунки.", ["Burhunka"]),
        ("ru", "Машину обстреляли на трассе Киев – Житомир.", []),
        ("uk", "Удар по автошляху Харків — Чугуїв.", []),
    ],
)
def test_the_towns_a_road_is_named_after_are_not_places_of_the_act(
    code: str, text: str, names: list[str]
) -> None:
    assert [m.name for m in get_pack(code).places(text)] == names


def test_adjectives_in_zkyi_are_areas_with_their_noun_and_no_place_without() -> None:
    uk = get_pack("uk")
    assert [p.name for p in uk.places("у Запорізькому районі")] == ["Zaporizkyi Raion"]
    assert uk.places("бої на Запорізькому напрямку") == []  # a front, not the village


def test_on_a_city_named_region_is_the_region_in_it_the_city() -> None:
    uk = get_pack("uk")
    assert [p.name for p in uk.places("бої на Запоріжжі")] == ["Zaporizhzhia Oblast"]
    assert [p.name for p in uk.places("вибухи у Запоріжжі")] == ["Zaporizhzhia"]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("uk", "удар по Новій Каховці", "Nova Kakhovka"),
        ("uk", "вибухи у Великій Новосілці", "Velyka Novosilka"),
        ("uk", "обстріл смт Козача Лопань", "Kozacha Lopan"),
        ("uk", "у Кривому Розі", "Kryvyi Rih"),  # a noun whose stem changes: pack data
        ("ru", "в Кривом Роге", "Kryvyi Rih"),
        ("ru", "в Новой Каховке", "Nova Kakhovka"),
    ],
)
def test_a_settlement_of_two_words_in_any_case(code: str, text: str, name: str) -> None:
    assert [p.name for p in get_pack(code).places(text)] == [name]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("uk", "окупанти увірвалися в с. Циркуни вранці", "Tsyrkuny"),  # "с." opens no sentence
        ("uk", "обстріляли у с. Липці будинок", "Lyptsi"),  # "липці" is also a common word
        ("uk", "у селі Зайцеве загинув чоловік", "Zaitseve"),  # read also as a surname's
        ("ru", "в поселке Зайцево погиб мужчина", "Zaitseve"),
    ],
)
def test_the_word_a_settlement_noun_introduces_is_its_name(code: str, text: str, name: str) -> None:
    assert [m.name for m in get_pack(code).places(text)] == [name]


def test_a_village_of_unknown_population_named_as_written_is_itself() -> None:
    # the gazetteer counts no people in Bilozerka; a town once so named is another place
    hit = get_pack("uk").place("Білозерка")
    assert hit is not None and hit.name == "Bilozerka"


def test_a_given_name_before_a_surname_is_no_village() -> None:
    # "Максима" is also a village's name; before a surname it is a man's
    assert get_pack("uk").places("наказ командира роти Максима Гордієнка") == []


def test_a_name_another_place_once_bore_is_no_spelling_of_it() -> None:
    # "Александровка" is among a city's old names: the villages named so come first
    hit = get_pack("ru").place("Александровке")
    assert hit is not None and hit.name != "Donetsk"


def test_a_city_aimed_at_after_na_is_the_city_not_its_region() -> None:
    uk = get_pack("uk")
    assert [m.name for m in uk.places("ракетна атака на Одесу")] == ["Odesa"]
    assert [m.name for m in uk.places("вибухи на Одещині")] == ["Odesa Oblast"]


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        ("ru", "передал данные Международному комитету Красного Креста", []),
        ("uk", "звернулися до Червоного Хреста", []),
        ("uk", "удар по Покровську Донецької області", ["Pokrovsk", "Donetsk Oblast"]),
    ],
)
def test_an_adjective_of_a_name_that_is_no_place(code: str, text: str, names: list[str]) -> None:
    assert [m.name for m in get_pack(code).places(text)] == names

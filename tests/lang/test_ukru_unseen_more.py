"""Ukrainian and Russian reports of kinds the gold files hold few of (issue #12, sixth
pass): each phrase written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


def _doers(analysis) -> list[list[str]]:
    return [[p.name for p in i.perpetrators] for i in analysis.incidents]


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # a Russian-language report of a strike on a Ukrainian city that names no attacker
        (
            "Вечером беспилотники атаковали Запорожье. Погибли двое мирных жителей, "
            "сообщил глава области.",
            "Russian forces",
        ),
        # ... and of one on a Russian town
        (
            "Днем дрон атаковал автобус в Шебекино. Погиб пассажир, еще трое ранены, "
            "сообщил губернатор.",
            "Ukrainian forces",
        ),
    ],
)
def test_a_russian_report_of_a_strike_with_no_attacker_names_the_other_side(
    extract, text: str, doer: str
) -> None:
    analysis = extract(text, "ru", "2025-04-16")
    assert _doers(analysis) == [[doer]]


def test_the_default_doer_by_country_is_only_for_strikes() -> None:
    ru = get_pack("ru")
    assert ru.default_agent_for("UA", "attack_on_civilians") == "Russian forces"
    assert ru.default_agent_for("RU", "attack_on_civilians") == "Ukrainian forces"
    assert ru.default_agent_for(None, "attack_on_civilians") is None
    assert ru.default_agent_for("UA", "deportation") is None
    uk = get_pack("uk")
    assert uk.default_agent_for(None, "torture") == "Russian forces"
    assert uk.default_agent_for("RU", "attack_on_civilians") is None


@pytest.mark.parametrize(
    ("code", "text", "many"),
    [
        ("uk", "За добу ворог 230 разів обстріляв 14 населених пунктів області.", True),
        ("uk", "Росіяни завдали 12 ударів по 6 громадах Сумщини.", True),
        ("ru", "За сутки ВСУ выпустили по области 45 снарядов.", True),
        ("ru", "Противник 20 раз обстрелял приграничные села.", True),
        # one strike, or a toll: no digest
        ("uk", "Росіяни двічі вдарили по Харкову, загинули 3 людини.", False),
        ("ru", "В трех домах выбиты окна, погибли четыре человека.", False),
    ],
)
def test_a_sentence_that_counts_many_strikes_or_places_is_a_digest(
    code: str, text: str, many: bool
) -> None:
    assert get_pack(code).counts_many(text) is many


@pytest.mark.parametrize(
    ("code", "text", "region", "town"),
    [
        (
            "uk",
            "Минулої доби окупанти 230 разів обстріляли 14 населених пунктів Херсонщини. "
            "Загинули четверо людей, ще 10 поранені.\n"
            "У Бериславі дрон атакував автомобіль. Водій загинув.",
            "Kherson Oblast",
            "Beryslav",
        ),
        (
            "ru",
            "За минувшие сутки противник 40 раз обстрелял 12 населенных пунктов Запорожской "
            "области. Погибли три человека.\nВ Степногорске снаряд попал в дом. Погиб мужчина.",
            "Zaporizhzhia Oblast",
            "Stepnohirsk",
        ),
    ],
)
def test_a_regions_digest_keeps_its_toll_apart_from_the_town_told_after_it(
    extract, code: str, text: str, region: str, town: str
) -> None:
    analysis = extract(text, code, "2025-04-16")
    got = sorted(
        (i.place.name if i.place else None, i.count.best if i.count else None)
        for i in analysis.incidents
    )
    assert (region, 4 if code == "uk" else 3) in got
    assert (town, 1) in got


def test_a_regions_single_strike_and_its_town_stay_one_act(extract) -> None:
    text = "Вночі ворог атакував Одещину ударними дронами. В Одесі загинула жінка."
    analysis = extract(text, "uk", "2025-04-16")
    assert [(i.place.name, i.count.best) for i in analysis.incidents] == [("Odesa", 1)]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # Russian spellings of Ukrainian towns that are also the own names of places in
        # Russia: the document's oblast says which
        ("Вечером в Николаеве ранены трое, сообщили власти Николаевской области.", "Mykolaiv"),
        ("Авиабомба попала в дом в Волчанске Харьковской области, погибла женщина.", "Vovchansk"),
        ("В Орехове Запорожской области снаряд попал в магазин, погиб мужчина.", "Orikhiv"),
        # a report about Russia keeps its towns
        ("В Белгороде дрон атаковал машину, сообщили власти Белгородской области.", "Belgorod"),
    ],
)
def test_a_russian_spelling_is_read_in_the_country_the_report_is_about(
    extract, text: str, town: str
) -> None:
    analysis = extract(text, "ru", "2025-04-16")
    assert town in {m.value.name for m in analysis.mentions_of("place")}


def test_the_country_a_documents_places_lie_in() -> None:
    ru = get_pack("ru")
    assert ru.document_country(["В Николаеве", "Николаевской области"]) == "UA"
    assert ru.document_country(["в Курске и Белгороде"]) == "RU"
    assert ru.document_country(["ничего"]) is None
    assert get_pack("en").document_country(["in Mykolaiv"]) is None


@pytest.mark.parametrize(
    ("code", "sentence", "at_word", "told"),
    [
        # a sentence that points back and tells who told it: its day, past the commas
        ("ru", "Об этом сообщила прокуратура в своем канале в пятницу, 14 марта.", "14", True),
        ("uk", "Про це повідомив голова ОВА у Telegram у середу, 9 квітня.", "9", True),
        # a clause after the verb of telling: the day of what was told
        ("ru", "Об этом сообщил омбудсмен, уточнив, что 2 марта пленных расстреляли.", "2", False),
        ("uk", "Про це повідомили в поліції, зазначивши, що 5 квітня ворог вдарив.", "5", False),
    ],
)
def test_a_day_in_a_sentence_that_names_who_told_the_act_is_when_it_was_told(
    code: str, sentence: str, at_word: str, told: bool
) -> None:
    assert get_pack(code).told_on(sentence, sentence.index(at_word)) is told


def test_an_execution_told_of_on_a_day_is_not_dated_by_it(extract) -> None:
    text = (
        "Оккупанты расстреляли троих украинских военнопленных. Об этом сообщил омбудсмен "
        "в своем Telegram-канале во вторник, 15 апреля."
    )
    analysis = extract(text, "ru", "2025-04-16")
    assert [i.date for i in analysis.incidents] == [None]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("uk", "Ракети летіли на столицю України з півночі.", "Kyiv"),
        ("ru", "Беспилотники атаковали столицу России ночью.", "Moscow"),
        # a country alone stays the country
        ("uk", "Дрони атакували Україну вночі.", "Ukraine"),
    ],
)
def test_the_capital_of_a_country_is_its_capital_city(code: str, text: str, name: str) -> None:
    assert [m.name for m in get_pack(code).places(text)] == [name]


def test_an_attack_on_the_capital_is_placed_in_it(extract) -> None:
    text = (
        "Вночі окупанти вдарили ракетами по столиці України. Загинули двоє цивільних, "
        "повідомили у міській військовій адміністрації."
    )
    analysis = extract(text, "uk", "2025-04-16")
    assert [i.place.name for i in analysis.incidents] == ["Kyiv"]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "uk",
            "Били льотчики 52-го важкого бомбардувального полку військово-космічних сил РФ.",
        ),
        (
            "ru",
            "Били летчики 52-го тяжелого бомбардировочного авиаполка военно-космических сил.",
        ),
    ],
)
def test_the_aerospace_forces_by_their_other_name_command_the_regiment_before_them(
    code: str, text: str
) -> None:
    names = [name for _, _, name in get_pack(code).units(text)]
    assert names[-1] == "Russian Aerospace Forces"


def test_a_preposition_opening_a_sentence_is_no_name_before_a_town() -> None:
    # pymorphy3 also reads "из" as a given name: a town after it is still a town
    text = "Из Краматорска за неделю вывезли сорок детей."
    assert [m.name for m in get_pack("ru").places(text)] == ["Kramatorsk"]


@pytest.mark.parametrize(
    ("code", "text", "town"),
    [
        # a list of cities: the first is no village of the second's oblast
        ("uk", "Вночі дрони атакували Київ, Одесу та Дніпро. У Києві загинула жінка.", "Kyiv"),
        ("ru", "Ночью дроны атаковали Киев, Одессу и Днепр. В Киеве погибла женщина.", "Kyiv"),
    ],
)
def test_a_city_before_another_in_a_list_is_that_city(
    extract, code: str, text: str, town: str
) -> None:
    analysis = extract(text, code, "2025-04-16")
    first = next(m for m in analysis.mentions_of("place") if m.sentence == 0)
    assert (first.value.name, first.value.precision) == (town, "settlement")
    assert [i.place.name for i in analysis.incidents] == [town]


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        ("ru", "За месяц от обстрелов пострадали 48 человек, 9 из которых летально.", 9),
        ("uk", "Від обстрілів постраждали 30 людей, четверо з них летально.", 4),
    ],
)
def test_fatally_counts_the_killed(code: str, text: str, value: int) -> None:
    killed = [v.count.best for v in get_pack(code).victim_counts(text) if v.role == "killed"]
    assert killed == [value]

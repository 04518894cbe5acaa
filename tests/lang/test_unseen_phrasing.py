"""Ukrainian and Russian reports in phrasings the rules were not built on (issue #12):
each written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("code", "text", "place", "count", "date"),
    [
        (
            "uk",
            "Уночі на 3 травня окупанти атакували Черкаси ударними безпілотниками. "
            "Загинула літня жінка, ще двоє мешканців поранені.",
            "Cherkasy",
            1,
            ("2025-05-02", "2025-05-03"),
        ),
        (
            "ru",
            "В среду армия нанесла ракетный удар по Полтаве. "
            "Погибли три человека, еще девять ранены.",
            "Poltava",
            3,
            ("2025-04-30", "2025-04-30"),
        ),
    ],
)
def test_a_strike_and_its_toll_told_in_two_sentences(
    extract, code: str, text: str, place: str, count: int, date: tuple[str, str]
) -> None:
    (inc,) = extract(text, code, "2025-05-03").incidents
    assert inc.type == "attack_on_civilians"
    assert inc.place is not None and inc.place.name == place
    assert inc.count is not None and inc.count.best == count
    assert inc.date is not None and (inc.date.start, inc.date.end) == date


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "uk",
            "За версією слідства, 2 березня 2025 року підлеглі за його наказом "
            "обстріляли житловий квартал Херсона, загинули двоє цивільних.",
        ),
        (
            "ru",
            "По версии следствия, 2 марта 2025 года подчиненные по его приказу "
            "обстреляли жилой квартал Херсона, погибли двое мирных жителей.",
        ),
    ],
)
def test_an_act_done_on_an_order_was_done(extract, code: str, text: str) -> None:
    (inc,) = extract(text, code, "2025-03-20").incidents
    assert inc.type == "attack_on_civilians"
    assert inc.date is not None and inc.date.start == "2025-03-02"


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        (
            "ru",
            "Наблюдатели ООН зафиксировали гибель 41 мирного жителя Украины в прошлом месяце.",
            41,
        ),
        ("uk", "Минулого місяця місія ООН задокументувала загибель 52 цивільних.", 52),
        (
            "uk",
            "З початку вторгнення прокурори встановили понад 17,5 тис. депортованих дітей.",
            17500,
        ),
    ],
)
def test_a_counting_body_s_figure_of_last_month_or_of_deported_children(
    extract, code: str, text: str, value: int
) -> None:
    a = extract(text, code, "2024-12-05")
    assert [(s.value, s.counted) for s in a.statistics] == [(value, "victims")]


def test_a_district_is_narrowed_to_the_town_a_sentence_of_the_act_names(extract) -> None:
    a = extract(
        "Окупанти катували мешканців Ізюмського району Харківської області.\n"
        "За даними слідства, у квітні 2022 року в місті Балаклія військові рф затримали "
        "трьох чоловіків і катували їх у підвалі.",
        "uk",
        "2024-06-01",
    )
    (inc,) = a.incidents
    assert inc.type == "torture"
    assert inc.place is not None and inc.place.name == "Balakliia"


def test_the_unit_the_next_sentence_names_did_an_act_told_without_its_doer(extract) -> None:
    a = extract(
        "Журналисты выяснили, кто в марте 2022 года застрелил двух мирных жителей в Ирпене. "
        "Это были солдаты 234-го десантно-штурмового полка.",
        "ru",
        "2024-06-01",
    )
    (inc,) = a.incidents
    assert inc.type == "killing_of_civilians"
    assert [p.name for p in inc.perpetrators] == ["234th Air Assault Regiment"]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "ru",
            "По данным СБУ, этот удар нанесли экипажи 52-го тяжелого бомбардировочного авиаполка.",
        ),
        ("uk", "За даними СБУ, цей удар завдали екіпажі 52-го важкого бомбардувального авіаполку."),
    ],
)
def test_an_aviation_regiment_named_by_its_compound_noun(code: str, text: str) -> None:
    from casefile.lang import get_pack

    assert [n for _, _, n in get_pack(code).units(text)] == ["52nd Heavy Bomber Aviation Regiment"]


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        (
            "ru",
            "Военнослужащий 18-й армии Павел Орлов и его сослуживец Денис Егоров в мае "
            "2022 года пытали трех жителей Херсона.",
            ["Pavel Orlov", "Denis Yegorov", "18th Combined Arms Army"],
        ),
        (
            "uk",
            "Військовий 18-ї армії Павло Орлов та його спільник Денис Єгоров у травні "
            "2022 року катували трьох мешканців Херсона.",
            ["Pavlo Orlov", "Denys Yehorov", "18th Combined Arms Army"],
        ),
    ],
)
def test_a_second_person_joined_to_the_doer_did_it_too_and_their_unit_named_before(
    extract, code: str, text: str, names: list[str]
) -> None:
    (inc,) = extract(text, code, "2024-06-01").incidents
    assert [p.name for p in inc.perpetrators] == names


def test_strikes_listed_at_their_times_of_day_are_acts_apart(extract) -> None:
    a = extract(
        "На Херсонщині внаслідок ворожих ударів загинули троє людей.\n\n"
        "Близько 07:10 окупанти атакували дроном автобус у Бериславі.\n"
        "Загинув водій.\n\n"
        "Близько 09:40 противник завдав удару артилерією по житловому кварталу у "
        "Каховці.\nЗагинули двоє жінок.",
        "uk",
        "2024-09-02",
    )
    by_place = {i.place.name: i.count.best for i in a.incidents if i.place and i.count}
    assert by_place.get("Kakhovka") == 2


def test_a_toll_told_as_of_a_time_does_not_part_the_act(extract) -> None:
    a = extract(
        "Близько 11:20 росіяни вдарили ракетою по торговому центру в Кременчуці.\n"
        "Станом на 18:00 відомо про 12 загиблих.",
        "uk",
        "2024-09-02",
    )
    (inc,) = a.incidents
    assert inc.place is not None and inc.place.name == "Kremenchuk"
    assert inc.count is not None and inc.count.best == 12


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ru", "3 мая российские крылатые ракеты попали в жилой дом в Умани, погибли 20 человек."),
        ("uk", "3 травня противник вдарив по житловому будинку в Умані, загинули 20 людей."),
    ],
)
def test_the_adversary_and_its_missiles_are_russian_forces(extract, code: str, text: str) -> None:
    (inc,) = extract(text, code, "2024-05-05").incidents
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        (
            "uk",
            "Слідчі встановили причетність командира взводу Максима Гордієнка до злочину. "
            "У квітні 2022 року його підлеглі розстріляли двох полонених біля Ізюма.",
            "Maksym Hordiienko",
        ),
        (
            "ru",
            "Следователи идентифицировали военного Игоря Лаптева. В апреле 2022 года он "
            "застрелил двух мирных жителей в Изюме.",
            "Igor Laptev",
        ),
    ],
)
def test_who_investigators_identified_did_the_act(extract, code: str, text: str, name: str) -> None:
    (inc,) = extract(text, code, "2024-05-05").incidents
    assert name in [p.name for p in inc.perpetrators]


def test_a_charge_names_the_unit_not_those_that_command_it(extract) -> None:
    a = extract(
        "Прокурори повідомили про підозру військовим 3-го батальйону 76-ї десантно-штурмової "
        "дивізії, які у березні 2022 року розстріляли чотирьох цивільних у Бучі.",
        "uk",
        "2024-05-05",
    )
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == ["3rd Battalion, 76th Air Assault Division"]


def test_he_after_a_sentence_naming_the_soldier_and_one_civilian_shot(extract) -> None:
    a = extract(
        "Суд заочно засудив російського військового до 11 років ув'язнення. "
        "За даними слідства, 3 березня 2022 року він застрелив цивільного у Гостомелі.",
        "uk",
        "2024-06-05",
    )
    (inc,) = a.incidents
    assert inc.type == "killing_of_civilians"
    assert inc.date is not None and inc.date.start == "2022-03-03"
    assert inc.count is not None and inc.count.best == 1
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "ru",
            "Бывший пленный рассказал, что в колонии его избивали. Так же обращались и с "
            "другими украинскими военнопленными.",
        ),
    ],
)
def test_prisoners_of_a_side_are_not_its_forces_but_held_by_the_other(
    extract, code: str, text: str
) -> None:
    (inc,) = extract(text, code, "2024-06-05").incidents
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Бойовики підрозділу «Ахмат» утримували волонтерів у підвалі."),
        ("ru", "Бойцы батальона «Ахмат» удерживали волонтеров в подвале."),
    ],
)
def test_the_akhmat_formation_by_its_name(code: str, text: str) -> None:
    from casefile.lang import get_pack

    assert [n for _, _, n in get_pack(code).units(text)] == ["Akhmat Spetsnaz"]


@pytest.mark.parametrize(
    ("code", "text", "side"),
    [
        ("ru", "Рашисты сбросили авиабомбу на Краматорск. Погибли три человека.", "Russian"),
        ("ru", "Россияне обстреляли Херсон из артиллерии. Погибли двое мирных жителей.", "Russian"),
        ("uk", "Окупаційні війська обстріляли Нікополь. Загинула жінка, двоє поранені.", "Russian"),
        ("uk", "Загарбники вдарили по Сумах. Загинули п'ятеро мирних мешканців.", "Russian"),
        (
            "ru",
            "Вооруженные силы России ударили по Сумам. Погибли пятеро мирных жителей.",
            "Russian",
        ),
        ("ru", "Боевики ВФУ обстреляли Донецк. Погибли двое мирных жителей.", "Ukrainian"),
        (
            "ru",
            "Вооруженные формирования Украины ударили по Горловке. Погибла женщина.",
            "Ukrainian",
        ),
        ("uk", "ЗСУ вдарили по Бєлгороду, заявили в Москві. Загинули двоє цивільних.", "Ukrainian"),
        ("uk", "Внаслідок російської атаки на Суми загинули двоє мирних жителів.", "Russian"),
        ("ru", "В результате российской атаки на Сумы погибли двое мирных жителей.", "Russian"),
    ],
)
def test_a_side_named_by_a_word_of_its_own(extract, code: str, text: str, side: str) -> None:
    (inc,) = extract(text, code, "2025-03-01").incidents
    assert [p.name for p in inc.perpetrators] == [f"{side} forces"]


@pytest.mark.parametrize(
    ("code", "text", "side"),
    [
        (
            "ru",
            "В Горловке под обстрел попал рынок, погибли пять человек. Оккупанты уже "
            "поспешили обвинить в обстреле рынка украинских военных.",
            "Ukrainian",
        ),
        (
            "uk",
            "У Горлівці під обстріл потрапив ринок, загинули п'ятеро людей. Окупанти вже "
            "встигли звинуватити в обстрілі ринку українські безпілотники.",
            "Ukrainian",
        ),
    ],
)
def test_who_blames_someone_for_a_strike_is_not_who_struck(
    extract, code: str, text: str, side: str
) -> None:
    (inc,) = extract(text, code, "2025-03-01").incidents
    assert [p.name for p in inc.perpetrators] == [f"{side} forces"]


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        (
            "ru",
            "Военнослужащий 64-й отдельной мотострелковой бригады ВС РФ Иван Петров застрелил "
            "мирного жителя в Буче в марте 2022 года.",
            ["Ivan Petrov", "64th Motorized Rifle Brigade"],
        ),
        (
            "uk",
            "Військовий 36-ї армії РФ Іван Коваль катував місцевого жителя у селі "
            "Лук'янівка у березні 2022 року.",
            ["Ivan Koval", "36th Combined Arms Army"],
        ),
    ],
)
def test_a_person_named_after_his_unit_and_its_army_did_it_with_his_unit(
    extract, code: str, text: str, names: list[str]
) -> None:
    (inc,) = extract(text, code, "2025-03-01").incidents
    assert [p.name for p in inc.perpetrators] == names


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        ("uk", "Бойовики 64-ї бригади розстріляли", ["64th Motorized Rifle Brigade"]),
        ("uk", "Окупанти з 155-ї бригади стратили", ["155th Naval Infantry Brigade"]),
        ("ru", "Военные 64-й бригады ВС РФ расстреляли", ["64th Motorized Rifle Brigade"]),
        ("uk", "Бійці 80-ї бригади знищили техніку", []),  # either side's
        ("uk", "російські окупанти стратили бійців 47-ї бригади", []),  # the victims' unit
        ("ru", "бойцы 64-й бригады ВСУ", []),
    ],
)
def test_a_bare_numbered_brigade_called_russian_by_the_words_beside_it(
    code: str, text: str, names: list[str]
) -> None:
    from casefile.lang import get_pack

    assert [n for _, _, n in get_pack(code).units(text)] == names


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "uk",
            "Російські військові стратили трьох українських бійців, які здалися в полон.\n\n"
            "Про це повідомляє прокуратура. Злочин стався 14 жовтня біля села Степове.\n\n"
            "Нагадаємо, з початку повномасштабного вторгнення 24 лютого 2022 року відомо "
            "про понад 200 страчених українських полонених.",
        ),
        (
            "ru",
            "Российские военные казнили трех украинских бойцов, сдавшихся в плен.\n\n"
            "Об этом сообщает прокуратура. Преступление произошло 14 октября у села Степовое.\n\n"
            "Напомним, с начала полномасштабного вторжения 24 февраля 2022 года известно "
            "о более чем 200 казненных украинских пленных.",
        ),
    ],
)
def test_a_tally_since_the_invasion_does_not_date_the_act(extract, code: str, text: str) -> None:
    a = extract(text, code, "2025-10-20")
    (inc,) = a.incidents
    assert inc.date is not None and (inc.date.start, inc.date.end) == ("2025-10-14", "2025-10-14")
    (stat,) = a.statistics
    assert stat.period is not None and (stat.period.start, stat.period.end) == (
        "2022-02-24",
        "2025-10-20",
    )


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        ("uk", "обстріляли Дніпровський район Херсона", ["Kherson"]),
        ("ru", "обстреляли Куйбышевский район Донецка", ["Donetsk"]),
        ("uk", "у Бериславському районі Херсонщини", ["Beryslavskyi Raion", "Kherson Oblast"]),
    ],
)
def test_a_district_of_a_city_named_before_it_is_the_city(
    code: str, text: str, names: list[str]
) -> None:
    from casefile.lang import get_pack

    assert [m.name for m in get_pack(code).places(text)] == names


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Внаслідок удару загинула жінка 67 років, ще троє людей поранені."),
        ("ru", "В результате удара погиб мужчина 60 лет, еще трое ранены."),
    ],
)
def test_one_person_killed_told_with_an_age_after_is_one(code: str, text: str) -> None:
    from casefile.lang import get_pack

    killed = [v for v in get_pack(code).victim_counts(text) if v.role == "killed"]
    assert [v.count.best for v in killed] == [1]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "ru",
            "В Минобороны России отвергли обвинения в ударе по больнице в Херсоне. Ранее "
            "украинские власти сообщили, что 1 ноября российский дрон атаковал больницу, "
            "погибли двое медиков.",
        ),
        (
            "uk",
            "У Міноборони Росії відкинули звинувачення в ударі по лікарні в Херсоні. Раніше "
            "українська влада повідомила, що 1 листопада російський дрон атакував лікарню, "
            "загинули двоє медиків.",
        ),
    ],
)
def test_rejecting_the_accusations_is_a_denial(extract, code: str, text: str) -> None:
    a = extract(text, code, "2025-11-03")
    assert [s.kind for s in a.statements] == ["denial"]
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]


def test_a_digest_tells_one_act_a_town_each_dated_by_its_lead(extract) -> None:
    a = extract(
        "Минулої доби росіяни обстріляли шість громад області.\n\n"
        "У Нікополі внаслідок удару дрона загинула 70-річна жінка. Ще двоє людей поранені.\n\n"
        "У Павлограді ворог вдарив ракетою по приватному сектору: загинув 52-річний "
        "чоловік, пошкоджено будинок.",
        "uk",
        "2025-08-14",
    )
    by_place = {i.place.name: i for i in a.incidents if i.place}
    assert set(by_place) == {"Nikopol", "Pavlohrad"}
    for inc in by_place.values():
        assert inc.date is not None and (inc.date.start, inc.date.end) == (
            "2025-08-13",
            "2025-08-14",
        )


@pytest.mark.parametrize(
    ("code", "name", "english"),
    [("uk", "Петру Сидорову", "Petro Sydorov"), ("ru", "Петру Сидорову", "Pyotr Sidorov")],
)
def test_a_mans_name_in_the_dative_is_not_a_womans_in_the_accusative(
    code: str, name: str, english: str
) -> None:
    from casefile.lang import get_pack

    assert get_pack(code).person_name(name).name == english


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        (
            "uk",
            "Заочно засуджено двох російських військових, які катували жителів Херсонщини.\n\n"
            "Суд встановив, що у серпні 2022 року командир взводу Андрій Ковальов та рядовий "
            "Сергій Мельников утримували у підвалі в Олешках трьох цивільних. Окупанти били "
            "їх та погрожували розстрілом.",
            ["Andrii Kovalov", "Serhii Melnykov"],
        ),
        (
            "ru",
            "Заочно осуждены двое российских военных, которые пытали жителей Херсонщины.\n\n"
            "Суд установил, что в августе 2022 года командир взвода Андрей Ковалев и рядовой "
            "Сергей Мельников удерживали в подвале в Алешках троих мирных жителей. Оккупанты "
            "избивали их и угрожали расстрелом.",
            ["Andrey Kovalev", "Sergey Melnikov"],
        ),
        (
            "uk",
            "У березні 2022 року командир роти 36-ї загальновійськової армії Петро Гуменюк "
            "та його підлеглий Максим Жуков утримували у підвалі в Бородянці чотирьох "
            "цивільних. Окупанти били затриманих.",
            ["Petro Humeniuk", "Maksym Zhukov", "36th Combined Arms Army"],
        ),
    ],
)
def test_the_people_named_as_the_subject_of_a_detention_did_the_torture_it_began(
    extract, code: str, text: str, names: list[str]
) -> None:
    (inc,) = extract(text, code, "2025-04-15").incidents
    assert inc.type == "torture"
    assert [p.name for p in inc.perpetrators] == names


def test_a_given_name_by_its_rarer_reading_before_a_surname_is_a_person() -> None:
    from casefile.lang import get_pack

    pack = get_pack("uk")
    text = "його підлеглий Максим Жуков утримував"
    assert [p.name for _, _, p in pack.persons(text)] == ["Maksym Zhukov"]
    assert pack.places(text) == []


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        ("uk", "бойовики батальйону «Спарта» розстріляли", ["Sparta Battalion"]),
        ("uk", "кадирівці з «Ахмату» катували", ["Akhmat Spetsnaz"]),
        (
            "uk",
            "оператори центру «Рубікон» атакували",
            ["Rubikon Center for Advanced Unmanned Technologies"],
        ),
        ("ru", "бойцы «Ахмата» пытали", ["Akhmat Spetsnaz"]),
        ("ru", "сообщили «Новости Донбасса»", []),  # a name in quotes that is no unit
    ],
)
def test_a_formation_named_in_quotes_in_any_case_form(
    code: str, text: str, names: list[str]
) -> None:
    from casefile.lang import get_pack

    assert [n for _, _, n in get_pack(code).units(text)] == names


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        (
            "uk",
            "Слідство встановило, що 9 січня 2025 року командир роти 30-ї мотострілецької "
            "бригади ЗС РФ Антон Козлов наказав стратити двох українських військових, які "
            "потрапили в полон. Наказ виконали його підлеглі.",
            ["Anton Kozlov", "30th Motorized Rifle Brigade"],
        ),
        (
            "ru",
            "Следствие установило, что 9 января 2025 года командир роты 30-й мотострелковой "
            "бригады ВС РФ Антон Козлов приказал казнить двух украинских военных, попавших "
            "в плен. Приказ выполнили его подчиненные.",
            ["Anton Kozlov", "30th Motorized Rifle Brigade"],
        ),
    ],
)
def test_an_order_said_to_be_carried_out_is_an_act(
    extract, code: str, text: str, names: list[str]
) -> None:
    a = extract(text, code, "2025-11-03")
    (inc,) = a.incidents
    assert inc.type == "execution_of_pows"
    assert inc.date is not None and inc.date.start == "2025-01-09"
    assert [p.name for p in inc.perpetrators] == names
    assert [s.kind for s in a.statements] == ["order"]


def test_an_order_not_said_to_be_carried_out_stays_an_order(extract) -> None:
    a = extract(
        "Командир роти наказав стратити двох українських військових, які потрапили в полон.",
        "uk",
        "2025-11-03",
    )
    assert a.incidents == []


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("uk", "обстріл в Артемівську", "Bakhmut"),
        ("uk", "у Красноармійську загинули", "Pokrovsk"),
        ("uk", "у Дзержинську", "Toretsk"),
        ("ru", "в Артемовске погибли", "Bakhmut"),
        ("ru", "в Красноармейске", "Pokrovsk"),
    ],
)
def test_a_renamed_town_by_its_old_name(code: str, text: str, name: str) -> None:
    from casefile.lang import get_pack

    assert [m.name for m in get_pack(code).places(text)] == [name]


def test_a_side_and_its_unit_named_for_an_order_and_its_carrying_out_are_one_party(
    extract,
) -> None:
    a = extract(
        "Російські військові застрелили цивільного на Київщині.\n"
        "У березні 2022 року в Ірпені командир підрозділу повітрянодесантних військ наказав "
        "розстріляти чоловіка. Наказ виконали його підлеглі.",
        "uk",
        "2024-05-01",
    )
    (inc,) = a.incidents
    assert inc.place is not None and inc.place.name == "Irpin"
    assert [p.name for p in inc.perpetrators] == ["Russian Airborne Forces"]

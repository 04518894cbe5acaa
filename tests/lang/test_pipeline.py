"""Ukrainian and Russian documents through the whole extraction: type, date, place in
English, count and perpetrator, from reports written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack

pytestmark = pytest.mark.slow


def test_a_ukrainian_prosecutors_post(extract) -> None:
    a = extract(
        "Прокуратура розпочала розслідування розстрілу військовополонених.\n"
        "За даними слідства, 12 жовтня 2024 року поблизу Покровська військові 155-ї окремої "
        "бригади морської піхоти ЗС РФ розстріляли трьох беззбройних українських "
        "військовополонених.\nРозпочато досудове розслідування.",
        "uk",
        "2024-10-14",
    )
    (inc,) = a.incidents
    assert inc.type == "execution_of_pows"
    assert inc.date is not None and (inc.date.start, inc.date.end) == ("2024-10-12", "2024-10-12")
    assert inc.place is not None and inc.place.name == "Pokrovsk"
    assert inc.count is not None and inc.count.best == 3
    assert [p.name for p in inc.perpetrators] == ["155th Naval Infantry Brigade"]
    assert all(a.text[s:e] for s, e in inc.spans)


def test_a_russian_news_item(extract) -> None:
    a = extract(
        "Прокуратура сообщила о новом преступлении в Киевской области.\n"
        "По данным следствия, 5 марта 2022 года в Буче военные 64-й отдельной мотострелковой "
        "бригады расстреляли четырех мирных жителей.",
        "ru",
        "2022-04-10",
    )
    (inc,) = a.incidents
    assert inc.type == "killing_of_civilians"  # "расстреляли" civilians: not an execution of POWs
    assert inc.date is not None and inc.date.start == "2022-03-05"
    assert inc.place is not None and inc.place.name == "Bucha"
    assert inc.count is not None and inc.count.best == 4
    assert [p.name for p in inc.perpetrators] == ["64th Motorized Rifle Brigade"]


def test_a_russian_strike_in_the_night_before_a_day(extract) -> None:
    a = extract(
        # one sentence: the assembler takes an act's count from its own sentences (a toll in
        # a sentence with no trigger joins only an act that has a count of its own)
        "В ночь на 8 июля российская ракета попала в жилой дом в Харькове, погибли девять "
        "мирных жителей, еще двадцать человек ранены, сообщили в городской администрации.",
        "ru",
        "2024-07-09",
    )
    (inc,) = a.incidents
    assert inc.type == "attack_on_civilians"
    assert inc.date is not None and (inc.date.start, inc.date.end) == ("2024-07-07", "2024-07-08")
    assert inc.place is not None and inc.place.name == "Kharkiv"
    assert inc.count is not None and inc.count.best == 9  # the killed, not the 20 injured
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]


def test_an_order_to_kill_is_a_statement_not_an_act(extract) -> None:
    a = extract(
        "Розвідка оприлюднила перехоплення розмови російських окупантів.\n"
        "У записі військовослужбовців першого батальйону 237-го полку 76-ї "
        "десантно-штурмової дивізії чути наказ одного з командирів розстрілювати полонених.",
        "uk",
        "2026-01-10",
    )
    assert a.incidents == []  # the order was given; no shooting is told
    (st,) = a.statements
    assert (st.kind, st.speaker) == ("order", "Russian commander")
    chain = {u.name: u.parents for u in a.units}
    assert chain["1st Battalion, 237th Air Assault Regiment"] == ["237th Air Assault Regiment"]
    assert chain["237th Air Assault Regiment"] == ["76th Air Assault Division"]


def test_a_ukrainian_figure_of_cases_is_a_statistic_not_an_incident(extract) -> None:
    a = extract(
        "З початку повномасштабного вторгнення прокурори зареєстрували 1200 кримінальних "
        "проваджень щодо вбивств цивільних.",
        "uk",
        "2025-02-24",
    )
    assert a.incidents == []
    assert [(s.value, s.counted) for s in a.statistics] == [(1200, "cases")]


def test_a_date_told_next_to_the_act_dates_it(extract) -> None:
    a = extract(
        "Про це 3 березня повідомили в обласній прокуратурі.\n"
        "Окупанти обстріляли з артилерії житловий будинок у Херсоні, загинули двоє людей.",
        "uk",
        "2025-03-04",
    )
    (inc,) = a.incidents
    assert inc.date is not None and inc.date.start == "2025-03-03"
    assert inc.place is not None and inc.place.name == "Kherson"


def test_they_carries_the_actor_named_before(extract) -> None:
    a = extract(
        "Коли российские военные заняли село, они задержали местного фермера.\n"
        "Когда я не отвечал, они жестоко били меня.\nПотом они снова били меня.",
        "ru",
        "2022-06-01",
    )
    beaten = [e for e in a.events if e.type == "torture"]
    assert beaten and all(
        [(x.role, x.mention.text, x.via) for x in e.args if x.role == "agent"]
        == [("agent", "российские военные", "nearest:pronoun")]
        for e in beaten
    )
    # "меня" right after the act's word: one victim
    hit = [e for e in beaten if a.text[e.start : e.end] == "били"]
    assert hit and all(
        [x.mention.text for x in e.args if x.role == "count"] == ["меня"] for e in hit
    )
    assert not any(e.negated for e in beaten)  # the "не" of another clause
    # "пытался" is "tried", not "tortured"
    for tried in ("Он пытался уехать из города.", "Видно мужчину, пытавшегося уползти."):
        assert extract(tried, "ru", "2022-06-01").events == []


def test_without_an_agent_in_its_sentence_the_force_the_report_names_did_it(extract) -> None:
    a = extract(
        "Російські окупанти знову тероризують Херсонщину.\n"
        "Ракета влучила у житловий будинок у Херсоні, загинули троє мирних жителів.",
        "uk",
        "2025-03-04",
    )
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]
    assert inc.summary.startswith("Attack on civilians in Kherson")


def test_an_english_article_quoting_a_ukrainian_post(extract) -> None:
    a = extract(
        "Regional prosecutors published a statement on their channel.\n"
        "«10 березня поблизу Покровська військові 155-ї окремої бригади морської піхоти ЗС РФ "
        "розстріляли двох беззбройних українських військовополонених».\n"
        "An investigation has been opened.",
        "en",
        "2025-03-12",
    )
    assert [s.language for s in a.sentences] == [None, "uk", None]
    (inc,) = a.incidents
    assert inc.type == "execution_of_pows"
    assert inc.date is not None and inc.date.start == "2025-03-10"
    assert inc.place is not None and inc.place.name == "Pokrovsk"
    assert inc.count is not None and inc.count.best == 2
    assert [p.name for p in inc.perpetrators] == ["155th Naval Infantry Brigade"]
    assert inc.summary.startswith("Execution of POWs in Pokrovsk")  # in English
    assert a.text[inc.spans[0][0] : inc.spans[0][1]].startswith("«10 березня")


def test_a_sentence_between_two_tellings_of_an_act_gives_its_setting(extract) -> None:
    a = extract(
        "Прокурори розслідують розстріл полонених окупантами.\n"
        "Як встановило слідство, 3 лютого 2025 року біля селища Котлине окупанти взяли в "
        "полон чотирьох захисників.\n"
        "Згодом окупанти вбили беззбройних полонених.",
        "uk",
        "2025-02-10",
    )
    (inc,) = a.incidents
    assert inc.type == "execution_of_pows"
    assert inc.date is not None and inc.date.start == "2025-02-03"
    assert inc.place is not None and inc.place.name == "Kotlyne"
    assert inc.count is not None and inc.count.best == 4


def test_a_total_since_the_invasion_is_not_the_acts_toll(extract) -> None:
    a = extract(
        "Окупанти обстріляли Херсон з артилерії, загинули двоє мирних жителів.\n"
        "Загалом з початку вторгнення в області загинули 1500 людей.",
        "uk",
        "2025-03-04",
    )
    (inc,) = a.incidents
    assert inc.count is not None and inc.count.best == 2
    assert [(s.value, s.category) for s in a.statistics] == [(1500, "civilian")]


def test_the_legal_qualification_is_no_other_act(extract) -> None:
    a = extract(
        "Окупанти розстріляли двох мирних жителів у Херсоні.\n"
        "Розпочато розслідування за статтею про порушення законів та звичаїв війни, "
        "поєднане з умисним вбивством.",
        "uk",
        "2025-03-04",
    )
    assert [e.sentence for e in a.events if not e.support] == [0]
    assert len(a.incidents) == 1
    # "ще один випадок" is one act, not a figure of cases
    assert get_pack("uk").case_counts("ще один випадок катування") == []


def test_the_source_line_after_the_lead_attributes_the_act(extract) -> None:
    a = extract(
        "Російські військові розстріляли двох полонених українських захисників поблизу "
        "Покровська 3 травня 2025 року.\n"
        "Про це повідомили у пресслужбі СБУ.\n"
        "Триває розслідування.",
        "uk",
        "2025-05-05",
    )
    (inc,) = a.incidents
    assert inc.attribution == ["Security Service of Ukraine"]


def test_a_governor_with_his_title_is_the_source(extract) -> None:
    a = extract(
        "Ночью украинский беспилотник ударил по жилому дому в Белгороде, погибла женщина, "
        "сообщил губернатор Белгородской области Вячеслав Гладков.",
        "ru",
        "2024-05-05",
    )
    (inc,) = a.incidents
    assert inc.attribution == ["Vyacheslav Gladkov"]


@pytest.mark.parametrize(
    ("code", "text", "figures"),
    [
        # "in all" after one strike, and a day's toll: the acts' tolls, no statistic
        ("uk", "Загалом внаслідок удару по Одесі загинули 12 людей.", []),
        ("uk", "За добу внаслідок обстрілів Херсонщини загинули 11 людей, ще 25 поранені.", []),
        ("ru", "Всего в результате удара по Белгороду погибли 25 человек.", []),
        # a running total, though it names a city
        (
            "uk",
            "З початку війни у Маріуполі загинули понад 20 тисяч мирних мешканців.",
            [(20000, "victims")],
        ),
        # a week's figure, and a body's figure with no other cue
        (
            "ru",
            "За прошлую неделю в Белгородской области пострадали 48 мирных жителей.",
            [(48, "victims")],
        ),
        ("uk", "Загалом прокурори зафіксували 300 загиблих дітей.", [(300, "victims")]),
        # an investigation of one act names a counting body, but spreads nothing
        ("uk", "Прокуратура розслідує розстріл 12 полонених біля Бахмута.", []),
    ],
)
def test_victims_are_a_statistic_over_a_long_period_or_by_a_counting_body(
    extract, code: str, text: str, figures: list[tuple[int, str]]
) -> None:
    a = extract(text, code, "2025-03-04")
    assert [(s.value, s.counted) for s in a.statistics] == figures


def test_a_figure_told_in_the_lead_and_again_is_one_statistic(extract) -> None:
    a = extract(
        "Прокурори зареєстрували 300 кримінальних проваджень щодо катувань.\n"
        "Як зазначили в Офісі генпрокурора, прокурори зареєстрували 300 кримінальних "
        "проваджень щодо катувань полонених.",
        "uk",
        "2025-03-04",
    )
    assert [(s.value, s.counted) for s in a.statistics] == [(300, "cases")]


def test_the_people_a_notice_of_suspicion_names_did_the_act(extract) -> None:
    a = extract(
        "Прокурори заочно повідомили про підозру двом офіцерам: майору Петру Сидоренку та "
        "капітану Івану Коваленку, командиру 64-ї окремої мотострілецької бригади.\n"
        "Внаслідок обстрілу Ізюма 3 квітня 2022 року загинули шестеро мирних жителів.",
        "uk",
        "2024-05-02",
    )
    (inc,) = a.incidents
    names = [p.name for p in inc.perpetrators]
    assert "64th Motorized Rifle Brigade" in names
    assert sum(p.kind == "person" for p in inc.perpetrators) == 2
    assert not any(p.kind == "force" for p in inc.perpetrators)


def test_a_force_gives_way_to_the_unit_the_report_names_as_its_own(extract) -> None:
    a = extract(
        "Окупанти розстріляли чотирьох цивільних у селі під Бучею в березні 2022 року.\n"
        "Слідчі встановили, що це були військові 2-го батальйону 64-ї окремої "
        "мотострілецької бригади.",
        "uk",
        "2024-05-02",
    )
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == ["2nd Battalion, 64th Motorized Rifle Brigade"]


def test_who_tells_of_a_strike_is_not_who_struck(extract) -> None:
    a = extract(
        "Как сообщают российские военные, при обстреле рынка в Донецке погибли пять "
        "человек.\nВ обстреле рынка обвинили украинских военных.",
        "ru",
        "2024-02-11",
    )
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == ["Ukrainian forces"]


def test_a_soldier_named_after_his_side_is_the_perpetrator(extract) -> None:
    a = extract(
        "Пленный российский солдат Андрей Смирнов признался, что расстрелял двух "
        "украинских военнопленных под Бахмутом.",
        "ru",
        "2024-02-11",
    )
    (inc,) = a.incidents
    assert [p.kind for p in inc.perpetrators] == ["person"]


def test_a_ukrainian_report_of_a_strike_that_names_no_attacker(extract) -> None:
    a = extract(
        "Внаслідок ракетного удару по Полтаві зруйновано школу, загинули двоє людей.",
        "uk",
        "2024-02-11",
    )
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]


def test_an_act_placed_only_in_its_country_takes_the_town_the_report_names(extract) -> None:
    a = extract(
        "Слідчі поліції оглянули підвал школи у звільненому Ізюмі Харківської області.\n"
        "Окупанти утримували там і катували жителів України, які відмовлялися "
        "співпрацювати.",
        "uk",
        "2022-10-01",
    )
    (inc,) = a.incidents
    assert inc.place is not None and inc.place.name == "Izium"


def test_a_country_named_for_the_act_keeps_out_towns_of_another(extract) -> None:
    a = extract(
        "Киев заявил о переговорах.\nВ четверг от ударов украинских беспилотников в России "
        "пострадали 40 мирных жителей.",
        "ru",
        "2025-08-21",
    )
    assert [i.place.name for i in a.incidents if i.place] == ["Russia"]


def test_a_sentence_that_tells_the_strike_again_dates_it(extract) -> None:
    a = extract(
        "Двенадцать человек погибли в Кременной после удара по пекарне.\n"
        "Глава района объявил 6 февраля днем траура.\n"
        "Армия нанесла удар по пекарне в Кременной 5 февраля.",
        "ru",
        "2024-02-06",
    )
    (inc,) = a.incidents
    assert inc.date is not None and inc.date.start == "2024-02-05"


def test_a_month_is_narrowed_to_the_day_the_report_tells_next(extract) -> None:
    a = extract(
        "У лютому 2023 року російська ракета зруйнувала під'їзд багатоповерхівки в Полтаві.\n"
        "Загинули семеро людей.\n"
        "Увечері 9 лютого окупанти знову обстріляли область.\n"
        "Ракета влучила у будинок на вулиці Шевченка.",
        "uk",
        "2023-03-01",
    )
    (inc,) = a.incidents
    assert inc.date is not None and (inc.date.start, inc.date.end) == ("2023-02-09", "2023-02-09")


def test_the_day_a_prosecutor_told_of_the_act_does_not_date_it(extract) -> None:
    a = extract(
        "Окупанти вбили цивільного в Ірпені, повідомила прокуратура 5 квітня.\n"
        "За даними слідства, у березні 2022 року командир наказав розстріляти цивільного.\n"
        "Тіло вбитого чоловіка знайшли рідні.",
        "uk",
        "2024-04-05",
    )
    (inc,) = a.incidents
    assert inc.date is not None and (inc.date.start, inc.date.end) == ("2022-03", "2022-03")


def test_the_count_of_those_charged_is_not_the_toll(extract) -> None:
    a = extract(
        "Прокурори заочно повідомили про підозру трьом військовим РФ у вбивстві двох "
        "цивільних у Бучі.",
        "uk",
        "2024-04-05",
    )
    (inc,) = a.incidents
    assert inc.count is not None and inc.count.best == 2


def test_a_running_total_and_the_sentence_that_breaks_it_down(extract) -> None:
    a = extract(
        "Станом на 1 червня 2024 року понад 2500 цивільних постраждали внаслідок "
        "повномасштабної збройної агресії рф.\n"
        "За даними прокурорів, 600 з них загинули та понад 1400 отримали поранення.\n"
        "Окупанти продовжують обстріли.",
        "uk",
        "2024-06-02",
    )
    assert sorted(s.value for s in a.statistics) == [600, 1400, 2500]
    assert not a.incidents


@pytest.mark.parametrize(
    ("text", "code", "kind", "perpetrator", "count"),
    [
        # soldiers' words in the agent do not make the victims soldiers
        (
            "Військовослужбовці 64-ї окремої мотострілецької бригади розстріляли мирних "
            "жителів у Бучі.",
            "uk",
            "killing_of_civilians",
            "64th Motorized Rifle Brigade",
            None,
        ),
        # the first unit of a genitive chain did it, not the fleet it belongs to
        (
            "Бійці 810-ї окремої бригади морської піхоти Чорноморського флоту катували "
            "полонених у Маріуполі.",
            "uk",
            "torture",
            "810th Naval Infantry Brigade",
            None,
        ),
        # a bare number and a division: the one division of that number; its number
        # counts no victims
        (
            "Десантники 76-ї дивізії вбили двох мешканців Бучі.",
            "uk",
            "killing_of_civilians",
            "76th Air Assault Division",
            2,
        ),
        ("Кадыровцы пытали пленных в Мариуполе.", "ru", "torture", "Russian forces", None),
    ],
)
def test_who_did_it_in_one_sentence(
    extract, text: str, code: str, kind: str, perpetrator: str, count: int | None
) -> None:
    a = extract(text, code, "2024-05-01")
    (inc,) = a.incidents
    assert inc.type == kind
    assert [p.name for p in inc.perpetrators] == [perpetrator]
    assert (inc.count.best if inc.count else None) == count
    assert inc.place is not None and inc.place.name in ("Bucha", "Mariupol")


@pytest.mark.parametrize(
    ("text", "code", "accused"),
    [
        # the accused named after the verb that charges them
        (
            "У катуванні полонених обвинувачується командир роти Іван Козлов.\n"
            "Він бив трьох полонених у Бучі в березні 2022 року.",
            "uk",
            ["Ivan Kozlov"],
        ),
        # in the dative before a passive notice of suspicion: the accused, not a source
        (
            "Военнослужащему РФ Сергею Иванову заочно сообщено о подозрении в убийстве "
            "мирного жителя в Ирпене.",
            "ru",
            ["Sergey Ivanov"],
        ),
        # the victim named right after the act's word is no suspect; the prosecutor who
        # tells of it neither
        (
            "Прокурор Ганна Мельник повідомила про підозру військовому РФ Івану Кузьміну у "
            "вбивстві Петра Осадчого в Ірпені.",
            "uk",
            ["Ivan Kuzmin"],
        ),
        # the branch the accused commands is their title, not a party to the act
        (
            "Прокурори повідомили про підозру командувачу дальньої авіації генералу Петру "
            "Сидоренку у ракетному ударі по Києву, внаслідок якого загинули троє людей.",
            "uk",
            ["Petro Sydorenko"],
        ),
    ],
)
def test_the_accused_in_any_word_order(extract, text: str, code: str, accused: list[str]) -> None:
    a = extract(text, code, "2024-05-01")
    (inc,) = a.incidents
    assert [p.name for p in inc.perpetrators] == accused


def test_a_strike_told_with_vdaryly_is_an_attack(extract) -> None:
    a = extract(
        "У Краматорську окупанти вдарили по багатоповерхівці, загинули п'ятеро людей.",
        "uk",
        "2024-05-01",
    )
    (inc,) = a.incidents
    assert (inc.type, inc.place.name if inc.place else None) == (
        "attack_on_civilians",
        "Kramatorsk",
    )
    assert inc.count is not None and inc.count.best == 5


def test_a_region_is_narrowed_to_the_town_the_next_sentence_names(extract) -> None:
    a = extract(
        "Військові РФ вбили цивільного на Київщині, повідомили прокурори.\n"
        "За даними слідства, у березні 2022 року під час окупації Бородянки командир "
        "підрозділу повітрянодесантних військ наказав розстріляти чоловіка.\n"
        "Виконавши наказ, солдати вистрілили в нього.",
        "uk",
        "2024-05-01",
    )
    (inc,) = a.incidents
    assert inc.place is not None and inc.place.name == "Borodianka"
    assert [p.name for p in inc.perpetrators] == ["Russian Airborne Forces"]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Внаслідок удару по Сумах загинув 65-річний охоронець підприємства."),
        ("ru", "При обстреле Белгорода погиб пострадавший водитель автобуса."),
    ],
)
def test_one_worker_or_victim_named_by_a_noun_counts_one(code: str, text: str) -> None:
    counts = get_pack(code).victim_counts(text)
    assert [(c.count.best, c.role) for c in counts] == [(1, "killed")]


def test_a_village_in_the_region_named_after_its_city(extract) -> None:
    a = extract(
        "Російські військові розстріляли двох полонених у районі Вербового на Запоріжжі.",
        "uk",
        "2024-05-01",
    )
    (inc,) = a.incidents
    assert inc.place is not None and inc.place.name == "Verbove"
    assert "Zaporizhzhia Oblast" in {m.value.name for m in a.mentions_of("place")}


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Внаслідок удару по Херсону загинули двоє дорослих і троє дітей."),
        ("ru", "При обстреле Херсона погибли двое взрослых и трое детей."),
    ],
)
def test_two_counts_joined_by_and_are_the_toll(extract, code: str, text: str) -> None:
    (inc,) = extract(text, code, "2024-05-01").incidents
    assert inc.count is not None and (inc.count.low, inc.count.best) == (None, 5)


@pytest.mark.parametrize(
    ("code", "text", "side"),
    [
        (
            "ru",
            "Вечером Украина атаковала Донецк из РСЗО, погибли пять человек.",
            "Ukrainian forces",
        ),
        ("uk", "Росія знову вдарила по Харкову, загинули троє людей.", "Russian forces"),
    ],
)
def test_a_country_named_as_the_subject_of_the_strike(
    extract, code: str, text: str, side: str
) -> None:
    (inc,) = extract(text, code, "2024-09-01").incidents
    assert [p.name for p in inc.perpetrators] == [side]


@pytest.mark.parametrize(
    ("code", "text", "kind"),
    [
        ("uk", "Окупанти катували мешканця Ізюма у березні 2022 року.", "torture"),
        ("ru", "Оккупанты похитили волонтера в Херсоне в апреле 2022 года.", "unlawful_detention"),
    ],
)
def test_one_person_named_right_after_the_act_is_one_victim(
    extract, code: str, text: str, kind: str
) -> None:
    (inc,) = extract(text, code, "2024-09-01").incidents
    assert inc.type == kind
    assert inc.count is not None and inc.count.best == 1


def test_a_detention_that_began_a_torture_is_part_of_it(extract) -> None:
    a = extract(
        "У квітні 2022 року окупанти затримали волонтера у Херсоні.\n"
        "Його тримали в підвалі.\n"
        "Там окупанти били його та катували струмом.",
        "uk",
        "2024-09-01",
    )
    assert [i.type for i in a.incidents] == ["torture"]
    (inc,) = a.incidents
    assert inc.place is not None and inc.place.name == "Kherson"
    assert inc.count is not None and inc.count.best == 1


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Окупанти били мене прикладами."),
        ("uk", "Його затримали на блокпосту."),
        ("ru", "Они били меня между ног."),
    ],
)
def test_an_object_pronoun_is_one_victim(code: str, text: str) -> None:
    pack = get_pack(code)
    verb = next(w for w in ("били", "затримали") if w in text)
    at = text.index(verb)
    assert pack.one_victim(text, at, at + len(verb)) is not None


def test_a_possessive_is_no_victim() -> None:
    text = "Окупанти знищили його будинок."
    at = text.index("знищили")
    assert get_pack("uk").one_victim(text, at, at + len("знищили")) is None

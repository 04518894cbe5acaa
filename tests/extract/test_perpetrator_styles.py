"""Who did an act and where, in the styles of prosecutors' releases, wire stories, monitors'
assessments and reports of other wars: a soldier named with his unit, "he" for a man named
before, who a video shows, an accusing ministry, a people or a country named with armed men,
a village the text names (events.py agents, assemble.py perpetrators and place)."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, published: str | None = "2024-05-02") -> Analysis:
        doc = Document.from_text(text, name="t", language="en")
        doc.published = published
        return pipeline(doc)

    return run


def perpetrators(a: Analysis) -> list[set[str]]:
    return [{p.name for p in i.perpetrators} for i in a.incidents]


def places(a: Analysis) -> list[str | None]:
    return [i.place.name if i.place else None for i in a.incidents]


def test_a_soldier_of_a_unit_named_beside_him_is_both(extract) -> None:
    a = extract(
        "A soldier of the 64th Separate Motorized Rifle Brigade, Private Oleg Sorokin, is "
        "suspected of beating a resident of Bucha in March 2022, prosecutors said."
    )
    assert perpetrators(a) == [{"Oleg Sorokin", "64th Motorized Rifle Brigade"}]
    # "Rifle" of the unit's name and the soldier's surname are no places that make the
    # report one of another country's
    assert places(a) == ["Bucha"]


def test_a_named_soldier_and_the_unit_his_apposition_names(extract) -> None:
    a = extract(
        "Prosecutors charged Russian soldier Andrei Volkov, 24, a corporal of the 237th Guards "
        "Air Assault Regiment, with the murder of a farmer in Husarivka in April 2022."
    )
    assert perpetrators(a) == [{"Andrei Volkov", "237th Air Assault Regiment"}]


def test_the_commander_named_beside_his_unit(extract) -> None:
    a = extract(
        "Prosecutors charged in absentia the commander of the Russian 59th Guards Tank "
        "Regiment, Colonel Artem Belov, over the shelling of homes in Chernihiv in March 2022."
    )
    assert {"Artem Belov", "59th Tank Regiment"} <= perpetrators(a)[0]


def test_he_is_the_serviceman_of_the_unit_named_before(extract) -> None:
    a = extract(
        "Prosecutors have notified a serviceman of the 155th Separate Guards Naval Infantry "
        "Brigade of the Pacific Fleet of suspicion. In March 2022 in Vorzel he shot a man "
        "who was walking home."
    )
    assert perpetrators(a) == [{"155th Naval Infantry Brigade"}]


def test_he_who_tells_of_the_act_did_not_do_it(extract) -> None:
    a = extract(
        "A market in Donetsk was shelled on Sunday, killing 27 people, Kirill Volkov, the "
        "city's head, said. He described the shelling as the worst in months."
    )
    assert all("Kirill Volkov" not in p for p in perpetrators(a))


def test_a_unit_referred_back_to_is_not_its_parent_in_brackets(extract) -> None:
    a = extract(
        "Footage shows soldiers of the Russian 810th Separate Guards Naval Infantry Brigade "
        "(Black Sea Fleet) shooting three Ukrainian prisoners of war near Krynky. The men lay "
        "on the ground before they were killed."
    )
    assert all("Black Sea Fleet" not in p for p in perpetrators(a))
    assert {"810th Naval Infantry Brigade"} in perpetrators(a)


def test_who_a_video_shows_did_the_act_not_who_posted_it(extract) -> None:
    a = extract(
        "A Ukrainian drone unit of the 47th Mechanized Brigade posted footage on Monday "
        "showing soldiers of the Russian 30th Motorized Rifle Brigade shooting two unarmed "
        "prisoners near Ocheretyne."
    )
    assert perpetrators(a) == [{"30th Motorized Rifle Brigade"}]


def test_a_ministry_telling_its_deed_is_its_state_s_forces(extract) -> None:
    a = extract(
        "Russia's Defence Ministry said it had struck a hotel in Kharkiv overnight, killing "
        "two receptionists, the governor said."
    )
    assert perpetrators(a) == [{"Russian forces"}]


def test_junta_troops_are_the_state_s_forces(extract) -> None:
    a = extract(
        "Junta troops burned houses and killed 12 villagers in Kyaukse in Mandalay Region on "
        "Tuesday, residents said."
    )
    assert {"Myanmar military"} in perpetrators(a)


def test_a_people_named_with_armed_men_is_no_perpetrator(extract) -> None:
    a = extract(
        "The RSF and allied Arab militias killed hundreds of civilians in El Geneina in June "
        "2023, the monitors said."
    )
    assert perpetrators(a)[0] >= {"Rapid Support Forces"}
    assert "Arab" not in perpetrators(a)[0]


def test_a_country_s_paramilitary_group_is_not_its_army(extract) -> None:
    a = extract(
        "Sudan's paramilitary group stormed a camp near El Fasher on Saturday, killing 20 "
        "displaced people. The Rapid Support Forces denied it."
    )
    assert perpetrators(a) == [{"Rapid Support Forces"}]


def test_a_plural_people_of_a_state_as_agent_is_its_forces(extract) -> None:
    a = extract(
        "The Ukrainians opened fire on a car in the Bryansk region, killing the driver, the "
        "governor said."
    )
    assert perpetrators(a) == [{"Ukrainian forces"}]


def test_a_named_soldier_says_more_than_the_other_soldier_s_side(extract) -> None:
    a = extract(
        "Russian soldier Igor Kotov and another Russian soldier shot a farmer in Bohdanivka "
        "in March 2022, prosecutors said."
    )
    assert perpetrators(a) == [{"Igor Kotov"}]


def test_a_side_and_its_unit_tell_one_act(extract) -> None:
    a = extract(
        "Footage published on Sunday shows Russian soldiers executing four Ukrainian POWs near "
        "Pokrovsk. A Ukrainian military source attributed the execution to servicemen of the "
        "Russian 5th Motorized Rifle Brigade."
    )
    assert perpetrators(a) == [{"5th Motorized Rifle Brigade"}]


def test_the_village_not_the_city_it_is_near(extract) -> None:
    a = extract(
        "Three civilians were shot by Russian troops in the village of Yahidne near Chernihiv."
    )
    assert places(a) == ["Yahidne"]


def test_a_village_named_before_its_word_with_an_arabic_article(extract) -> None:
    a = extract(
        "RSF fighters killed 35 civilians in Wad al-Noura village in Al Jazirah state on "
        "Wednesday, activists said."
    )
    assert places(a) == ["Wad al-Noura"]


def test_a_village_named_by_the_text_outranks_a_town_named_with_it(extract) -> None:
    a = extract(
        "In March 2022 Russian soldiers shot two farmers from Izium in the village of "
        "Husarivka, prosecutors said."
    )
    assert places(a) == ["Husarivka"]


def test_the_officer_who_ordered_the_act_is_a_perpetrator(extract) -> None:
    a = extract(
        "On the orders of Colonel Vadim Lebedev, soldiers of the 1st Guards Tank Army shot "
        "three civilians who tried to leave the village of Staryi Saltiv in March 2022, the "
        "SBU said."
    )
    assert perpetrators(a) == [{"Vadim Lebedev", "1st Tank Army"}]


def test_a_rank_is_no_part_of_a_soldier_s_name(extract) -> None:
    a = extract(
        "The court found that Sergeant Oleg Rybakov and Private Denis Frolov of the 37th "
        "Motorized Rifle Brigade tortured a man in Katiuzhanka in March 2022."
    )
    assert perpetrators(a) == [{"Oleg Rybakov", "Denis Frolov", "37th Motorized Rifle Brigade"}]


def test_the_victims_of_a_passive_clause_are_not_its_agents(extract) -> None:
    a = extract(
        "Prosecutors opened a case over the execution of 16 Ukrainian soldiers near Pokrovsk. "
        "A drone video shows the unarmed men lined up before they were shot."
    )
    assert all("Ukrainian forces" not in p for p in perpetrators(a))


def test_the_act_as_the_subject_names_no_agent(extract) -> None:
    a = extract(
        "Earlier it emerged that about 80% of all executions of Ukrainian servicemen by "
        "Russian forces took place in 2024."
    )
    assert all("Ukrainian forces" not in p for p in perpetrators(a))


def test_a_denial_blaming_the_other_side_is_a_counter_claim(extract) -> None:
    a = extract(
        "A Russian missile hit a hospital in Kyiv on Monday, killing two doctors, officials "
        "said. Moscow denied it had targeted the hospital and blamed a Ukrainian air defence "
        "missile."
    )
    assert perpetrators(a) == [{"Russian forces"}]


def test_the_captor_of_one_side_s_prisoners_executed_is_the_other_side(extract) -> None:
    a = extract(
        "Prosecutors opened a case over the execution of 16 Ukrainian soldiers near Pokrovsk "
        "on Tuesday."
    )
    assert perpetrators(a) == [{"Russian forces"}]


def _extract_in(language: str, text: str) -> Analysis:
    doc = Document.from_text(text, name="t", language=language)
    doc.published = "2022-06-01"
    return Pipeline.from_settings()(doc)


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        (
            "en",
            "On 4 March 2022 a soldier shot a pensioner dead in his yard in Lukashivka, in "
            "Chernihiv region. He is a private of the 74th Separate Guards Motorized Rifle "
            "Brigade, Gleb Arkadievich Zotov. He has been charged in absentia.",
            "Gleb Arkadievich Zotov",
        ),
        (
            "uk",
            "4 березня 2022 року військовий застрелив пенсіонера у дворі в Лукашівці на "
            "Чернігівщині. Це рядовий 74-ї окремої гвардійської мотострілецької бригади Гліб "
            "Аркадійович Зотов. Йому заочно повідомили про підозру.",
            "Hlib Arkadiiovych Zotov",
        ),
        (
            "ru",
            "4 марта 2022 года российский военный убил пенсионера во дворе в Лукашовке "
            "Черниговской области. Его зовут Глеб Аркадьевич Зотов, он служит в 74-й "
            "отдельной гвардейской мотострелковой бригаде. Ему заочно сообщили о подозрении.",
            "Gleb Arkadyevich Zotov",
        ),
    ],
)
def test_the_doer_named_in_the_sentence_after_the_act(language, text, person) -> None:
    # the sentence right after the act says who the soldier is: him and his unit
    a = _extract_in(language, text)
    assert perpetrators(a) == [{person, "74th Motorized Rifle Brigade"}]


def test_a_victim_identified_after_the_act_is_no_doer(extract) -> None:
    # the man the sentence after the act names serves the other side: the victim
    a = extract(
        "Russian troops shot a man at a checkpoint near Irpin in March 2022. He was a "
        "volunteer of the 112th Territorial Defence Brigade, Taras Levchuk."
    )
    assert all("Taras Levchuk" not in p for p in perpetrators(a))


def test_soldiers_identified_by_name_after_the_act(extract) -> None:
    a = extract(
        "Two soldiers tortured a farmer in Kupiansk on 9 April 2022. They were identified as "
        "Gleb Zotov and Pavel Sergeyev of the 4th Guards Tank Division."
    )
    assert perpetrators(a) == [{"Gleb Zotov", "Pavel Sergeyev", "4th Tank Division"}]


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        (
            "uk",
            "14 квітня 2022 року окупант з позивним «Сокіл» застрелив літнього чоловіка на "
            "вулиці в Ірпені, повідомила прокуратура.",
            "Sokil",
        ),
        (
            "ru",
            "14 апреля 2022 года оккупант с позывным «Сокол» застрелил пожилого мужчину на "
            "улице в Ирпене, сообщила прокуратура.",
            "Sokol",
        ),
    ],
)
def test_a_soldier_given_by_his_call_sign(language, text, person) -> None:
    # the man the agent phrase goes on to give by his call sign did it
    a = _extract_in(language, text)
    assert perpetrators(a) == [{person}]


def test_the_unit_of_a_named_doer_told_after_the_act() -> None:
    # the act names the man, the sentence after it says where he serves
    a = _extract_in(
        "uk",
        "Заочно повідомлено про підозру російському військовому Глібу Зотову, який 6 травня "
        "2022 року застрелив цивільного у Маріуполі. Він служить у 74-й окремій "
        "мотострілецькій бригаді.",
    )
    assert len(a.incidents) == 1
    assert "74th Motorized Rifle Brigade" in perpetrators(a)[0]


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        (
            "uk",
            "За даними слідства, 9 березня 2022 року командир роти Гліб Зотов наказав "
            "підлеглим обстріляти житлові будинки в Охтирці, загинули четверо мирних жителів.",
            "Hlib Zotov",
        ),
        (
            "ru",
            "По версии следствия, 9 марта 2022 года командир роты Глеб Зотов приказал "
            "подчинённым обстрелять жилые дома в Ахтырке. Погибли четыре мирных жителя.",
            "Gleb Zotov",
        ),
    ],
)
def test_an_ordered_act_whose_toll_is_told_was_done(language, text, person) -> None:
    # the order's act took lives: it was carried out, by the man who ordered it
    a = _extract_in(language, text)
    assert perpetrators(a) == [{person}]


def test_an_order_with_no_toll_stays_an_intent() -> None:
    a = _extract_in(
        "uk",
        "За даними слідства, 9 березня 2022 року командир роти Гліб Зотов наказав "
        "підлеглим обстріляти житлові будинки в Охтирці.",
    )
    assert a.incidents == []


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        (
            "uk",
            "11 березня 2022 року за наказом командира роти Гліба Зотова військові обстріляли "
            "житлові будинки в Охтирці, загинули четверо мирних жителів.",
            "Hlib Zotov",
        ),
        (
            "ru",
            "11 марта 2022 года по приказу командира роты Глеба Зотова военные обстреляли "
            "жилые дома в Ахтырке, погибли четыре мирных жителя.",
            "Gleb Zotov",
        ),
    ],
)
def test_the_man_an_order_phrase_names_ordered_the_act(language, text, person) -> None:
    # "on the orders of <title> <name>, soldiers shelled ...": he is a perpetrator
    a = _extract_in(language, text)
    assert len(a.incidents) == 1
    assert person in perpetrators(a)[0]


@pytest.mark.parametrize(
    ("language", "text", "people"),
    [
        (
            "en",
            "Two soldiers tortured a farmer in Kupiansk on 9 April 2022. Police later "
            "identified them as Gleb Zotov and Pavel Sergeyev, both of the 4th Guards Tank "
            "Division.",
            {"Gleb Zotov", "Pavel Sergeyev"},
        ),
        (
            "ru",
            "9 апреля 2022 года двое российских военных пытали фермера в Купянске. Полиция "
            "установила их личности — это Глеб Зотов и Павел Сергеев из 4-й танковой дивизии.",
            {"Gleb Zotov", "Pavel Sergeyev"},
        ),
    ],
)
def test_doers_identified_later_in_the_sentence_after(language, text, people) -> None:
    # the sentence after the act says, before the names, that they were identified
    a = _extract_in(language, text)
    assert perpetrators(a) == [people | {"4th Tank Division"}]


def test_a_report_about_one_unit_gives_it_an_act_with_no_doer(extract) -> None:
    # the report names one unit, suspected of the acts it tells without a doer
    a = extract(
        "The Kremlin gave an honorary title to a tank regiment that Kyiv accuses of abuses in "
        "Trostianets. Ukraine says the 59th Guards Tank Regiment occupied the town in March "
        "2022. On March 20, 2022, six civilians were killed in Trostianets, prosecutors said."
    )
    assert perpetrators(a) and all(p == {"59th Tank Regiment"} for p in perpetrators(a))


def test_the_one_unit_of_the_country_attacked_is_no_doer(extract) -> None:
    # the brigade that defends the town is named; the act's doer is not
    a = extract(
        "A missile hit a bus station in Belgorod on 12 May 2023, killing four civilians. "
        "Soldiers of Russia's 4th Guards Tank Division helped carry the wounded."
    )
    assert perpetrators(a)
    assert all("4th Tank Division" not in p for p in perpetrators(a))


def test_the_doer_named_past_a_sentence_that_names_no_one(extract) -> None:
    # "... . He was charged in absentia. He is a private of <unit>, <name>."
    a = extract(
        "On 4 March 2022 a soldier shot a pensioner dead in his yard in Lukashivka. He has "
        "been charged in absentia. He is a private of the 74th Separate Guards Motorized "
        "Rifle Brigade, Gleb Arkadievich Zotov."
    )
    assert perpetrators(a) == [{"Gleb Arkadievich Zotov", "74th Motorized Rifle Brigade"}]


@pytest.mark.parametrize(
    "sentence",
    [
        "Soldiers of the brigade shot four captured Ukrainian soldiers near the village in May.",
        "Ukrainian prosecutors accuse soldiers of the brigade of shooting four captured Ukrainian "
        "soldiers near the village in May.",
    ],
)
def test_men_of_a_unit_named_before_by_its_kind_are_that_unit(extract, sentence) -> None:
    a = extract(
        "The 74th Separate Guards Motorized Rifle Brigade, part of the 41st Combined Arms Army of "
        "the Central Military District, has held positions near Pokrovsk since the spring. "
        + sentence
    )
    # the act's own agent, not only the document's one unit
    agents = [x.mention.text for e in a.events for x in e.args if x.role == "agent"]
    assert agents == ["74th Separate Guards Motorized Rifle Brigade"]
    assert perpetrators(a) == [{"74th Motorized Rifle Brigade"}]


def test_a_seat_of_government_as_agent_is_its_state_s_forces(extract) -> None:
    text = (
        "The Kremlin denies targeting homes after a missile strike on an apartment block in "
        "Dnipro killed 40 people on Saturday."
    )
    assert perpetrators(extract(text)) == [{"Russian forces"}]


def test_a_state_s_ministry_named_as_perpetrator_is_its_state_s_forces(extract) -> None:
    text = (
        "The Russian Ministry of Defense denied responsibility for the missile strike on the "
        "railway station in Kramatorsk, which killed 50 civilians on Friday."
    )
    assert perpetrators(extract(text)) == [{"Russian forces"}]

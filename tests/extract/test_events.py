"""Event mentions and their assembly into incidents, on sentences written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.assemble import Assembler, Group, clock_hours
from casefile.extract.events import AGENT, PLACE, TIME, _as_person, dateline_end
from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document, Mention


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, published: str | None = "2024-03-10", language: str = "en") -> Analysis:
        return pipeline(Document.from_text(text, name="t", published=published, language=language))

    return run


def test_the_agent_is_the_subject_of_the_act(extract) -> None:
    a = extract("Russian troops shelled a school in Kharkiv, killing two children.")
    event = next(e for e in a.events if e.type == "attack_on_civilians")
    assert [m.text for m in event.of(AGENT)] == ["Russian troops"]
    assert [m.text for m in event.of(PLACE)] == ["Kharkiv"]


def test_a_date_of_the_report_does_not_date_the_act(extract) -> None:
    a = extract(
        "Police said on Friday that soldiers had executed four prisoners of war near Bakhmut."
    )
    assert a.events and all(not e.of(TIME) for e in a.events)


def test_a_negated_act_is_no_act(extract) -> None:
    a = extract("Former prisoners of war said they were not tortured at the camp in Olenivka.")
    assert [e.negated for e in a.events if e.type == "torture"] == [True]
    assert a.incidents == []


def test_a_threat_is_no_act(extract) -> None:
    a = extract("The commander threatened to execute captured Ukrainian soldiers near Avdiivka.")
    assert all(e.intent for e in a.events)
    assert a.incidents == []


def test_two_acts_in_one_sentence_are_two_incidents(extract) -> None:
    a = extract(
        "On March 3 a missile hit a school in Kharkiv, killing four civilians, and on March 5 "
        "a drone hit a bus in Kherson, killing two civilians."
    )
    got = sorted(
        (i.place.name if i.place else None, i.date.start if i.date else None) for i in a.incidents
    )
    assert got == [("Kharkiv", "2024-03-03"), ("Kherson", "2024-03-05")]


def test_one_act_told_in_three_sentences_is_one_incident(extract) -> None:
    a = extract(
        "A Russian glide bomb struck an apartment block in Zaporizhzhia on March 8. "
        "The strike killed seven residents. "
        "Rescuers pulled two more bodies from the rubble of the building."
    )
    assert len(a.incidents) == 1
    inc = a.incidents[0]
    assert inc.type == "attack_on_civilians"
    assert inc.place is not None and inc.place.name == "Zaporizhzhia"
    assert inc.count is not None and inc.count.best == 7
    assert len(inc.spans) >= 2


def test_a_dateline_is_not_the_place_of_the_act(extract) -> None:
    text = (
        "KYIV, Ukraine (AP) — Russian shelling killed three civilians in Nikopol on Saturday, "
        "the regional governor said."
    )
    assert dateline_end(text) > 0
    a = extract(text)
    assert [i.place.name for i in a.incidents if i.place] == ["Nikopol"]


def test_another_act_elsewhere_is_another_incident(extract) -> None:
    a = extract(
        "Russian forces shelled a market in Kherson on Monday, killing three civilians. "
        "Separately, a drone hit a bus in Nikopol on Tuesday, killing one passenger."
    )
    assert len(a.incidents) == 2


def test_every_incident_has_a_confidence(extract) -> None:
    a = extract("Soldiers shot five prisoners of war near Robotyne on March 1, prosecutors said.")
    assert a.incidents and all(0 < i.confidence < 1 for i in a.incidents)


def test_a_ukrainian_report_without_a_parse_still_gives_its_agent(extract) -> None:
    a = extract(
        "Російські військові розстріляли трьох полонених українських захисників.", language="uk"
    )
    assert [i.type for i in a.incidents] == ["execution_of_pows"]
    assert [p.name for p in a.incidents[0].perpetrators] == ["Russian forces"]


def test_an_undated_act_takes_the_date_of_the_sentence_before(extract) -> None:
    a = extract(
        "It was the morning of March 3 in Kherson. "
        "A drone hit a bus near the market, killing two civilians."
    )
    assert [(i.date.start, i.date.end) if i.date else None for i in a.incidents] == [
        ("2024-03-03", "2024-03-03")
    ]


def test_an_undated_act_takes_the_one_day_its_report_is_about(extract) -> None:
    one_day = extract(
        "Kherson was shelled all day on March 3, officials said. Volunteers handed out water. "
        "Shops stayed closed. Separately, a drone hit a bus near the market, killing two civilians."
    )
    bus = [i for i in one_day.incidents if "bus" in i.summary]
    assert [i.date.start if i.date else None for i in bus] == ["2024-03-03"]
    two_days = extract(
        "Kherson was shelled all day on March 3 and again on March 5, officials said. Volunteers "
        "handed out water. Shops stayed closed. Separately, a drone hit a bus near the market, "
        "killing two civilians."
    )
    bus = [i for i in two_days.incidents if "bus" in i.summary]
    assert bus and all(i.date is None for i in bus)


def test_an_undated_act_takes_a_weekday_the_report_gives_but_not_one_it_was_told_on(
    extract,
) -> None:
    def dates(text: str) -> list[str | None]:
        a = extract(text, published="2024-03-12")  # a Tuesday
        return [i.date.start if i.date else None for i in a.incidents]

    act = "A drone hit a house in Kharkiv, killing two people. Rescuers worked all night. "
    assert dates(act + "The strike came on Sunday evening, the governor said.") == ["2024-03-10"]
    assert dates(act + "The governor said on Monday that the city would rebuild.") == [None]
    assert dates(act + "The monitors' report, released on Monday, counted the dead.") == [None]


def test_the_day_an_act_was_charged_or_its_victims_found_does_not_date_it(extract) -> None:
    def fields(text: str) -> list[tuple[str | None, str | None]]:
        return [
            (i.date.start if i.date else None, i.place.name if i.place else None)
            for i in extract(text).incidents
        ]

    assert fields(
        "A monitor accused the army on Tuesday of bombing a market in El Fasher, killing twenty."
    ) == [(None, "El Fasher")]
    assert fields(
        "Police on Sunday found the bodies of five civilians who were shot in Irpin."
    ) == [(None, "Irpin")]
    assert fields("Soldiers shot five civilians in Irpin on Sunday.") == [("2024-03-10", "Irpin")]


def test_a_place_naming_the_doer_is_not_where_the_act_happened(extract) -> None:
    a = extract("Gang members killed seventy people in Saint-Marc on October 3.")
    assert [i.place.name if i.place else None for i in a.incidents] == ["Saint-Marc"]  # not Gang
    a = extract("Russian troops in Bucha shot three men.")
    assert [i.place.name if i.place else None for i in a.incidents] == ["Bucha"]


def test_a_nationality_before_a_name_is_not_part_of_the_persons_name(extract) -> None:
    a = extract("A court sentenced Russian Ivan Petrenko to life for the murder of a civilian.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Ivan Petrenko"]]


def test_a_weapons_model_is_no_agent_and_no_place_but_its_owner_is(extract) -> None:
    a = extract("A Mi-35 helicopter fired on a village in Sumy Oblast, killing five civilians.")
    assert [
        ([p.name for p in i.perpetrators], i.place.name if i.place else None) for i in a.incidents
    ] == [([], "Sumy Oblast")]
    b = extract("A Russian Shahed drone hit a house in Odesa, killing two.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["Russian forces"]]


def test_who_opens_a_case_into_an_act_told_in_a_participle_did_not_do_it(extract) -> None:
    a = extract(
        "Ukrainian police opened a case into breaches of the laws of war, combined with murder, "
        "after Russian soldiers shot two prisoners."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Russian forces"]]


def test_one_by_phrase_is_the_agent_of_two_joined_passive_verbs(extract) -> None:
    a = extract(
        "A former detainee said he was beaten and given electric shocks by Russian servicemen "
        "in Kherson."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents if i.type == "torture"] == [
        ["Russian forces"]
    ]


def test_a_unit_inside_the_agents_phrase_is_the_perpetrator_and_no_source(extract) -> None:
    a = extract(
        "Prosecutors said a Russian sniper from the 810th Separate Guards Naval Infantry Brigade "
        "shot dead a volunteer in Kherson Oblast."
    )
    [inc] = a.incidents
    assert [p.name for p in inc.perpetrators] == ["810th Naval Infantry Brigade"]
    assert not any("Brigade" in s for s in inc.attribution)


def test_the_kind_of_a_bomb_is_no_agent_but_who_dropped_it_is(extract) -> None:
    a = extract(
        "Three people died after Russian forces dropped a guided aerial bomb on a shop in "
        "Kostiantynivka."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Russian forces"]]


def test_a_man_shot_after_laying_down_his_weapon_is_an_executed_prisoner(extract) -> None:
    a = extract(
        "Monitors documented the execution of a Ukrainian soldier who surrendered near Avdiivka "
        "on 18 February. Footage shows Russian servicemen shooting the man after he laid down "
        "his weapon."
    )
    assert [i.type for i in a.incidents] == ["execution_of_pows"]
    b = extract("Russian troops shot a Ukrainian soldier with his hands raised.")
    assert [i.type for i in b.incidents] == ["execution_of_pows"]


def test_a_capital_that_speaks_is_its_government_not_a_place(extract) -> None:
    a = extract(
        "A Russian missile hit the centre of Vinnytsia on Thursday, killing 23 people. At least "
        "23 people were killed and scores were injured, according to Kyiv."
    )
    assert [i.place.name if i.place else None for i in a.incidents] == ["Vinnytsia"]


def test_a_day_the_parse_gives_an_act_keeps_a_later_background_date_apart(extract) -> None:
    a = extract(
        "A Russian drone hit a house in Kharkiv on Tuesday, killing two people. Russian missiles "
        "have struck Ukrainian cities in February 2022, killing thousands.",
        published="2024-03-13",
    )
    kharkiv = [i for i in a.incidents if i.place and i.place.name == "Kharkiv"]
    assert [i.date.start if i.date else None for i in kharkiv] == ["2024-03-12"]


def test_the_day_footage_was_published_does_not_date_the_act(extract) -> None:
    a = extract(
        "Footage published on March 11 shows Russian soldiers executing two Ukrainian POWs near "
        "Toretsk."
    )
    assert [(i.type, i.date) for i in a.incidents] == [("execution_of_pows", None)]


def test_the_one_unit_of_the_forces_side_is_the_perpetrator_the_victims_unit_never(
    extract,
) -> None:
    def perps(text: str) -> list[list[str]]:
        return [[p.name for p in i.perpetrators] for i in extract(text).incidents]

    assert perps(
        "Soldiers of the 64th Separate Motorized Rifle Brigade occupied Bucha in March 2022. "
        "Russian troops shot four civilians on a street there."
    ) == [["64th Motorized Rifle Brigade"]]
    assert perps(
        "Russian troops executed three soldiers of the 47th Separate Mechanized Brigade near "
        "Avdiivka."
    ) == [["Russian forces"]]


def test_a_states_military_is_named_as_written_also_before_its_people(extract) -> None:
    a = extract("Videos show Syrian military personnel shooting 41 civilians in Damascus.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Syrian military"]]
    b = extract("Nigerian army officers shot five villagers in Kaduna.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["Nigerian Army"]]


def test_an_armed_group_named_by_its_initials_is_the_agent(extract) -> None:
    a = extract("On Friday, XYZ militants killed at least twenty people in two villages.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["XYZ"]]


def test_unnamed_attackers_are_no_perpetrator_and_their_town_is_no_agent(extract) -> None:
    a = extract("Four farmers were shot dead by a group of unknown men in Kherson.")
    assert a.incidents and all(i.perpetrators == [] for i in a.incidents)
    assert [i.place.name for i in a.incidents if i.place] == ["Kherson"]


def test_also_before_a_reporting_verb_is_no_new_act(extract) -> None:
    a = extract(
        "A missile hit the railway station in Kramatorsk, killing 30 civilians. "
        "The governor also said that the missile attack on the station killed 30 civilians."
    )
    assert len([i for i in a.incidents if i.type == "attack_on_civilians"]) == 1


def test_a_states_forces_take_the_name_the_armed_groups_table_gives_them(extract) -> None:
    a = extract("The Ethiopian military summarily executed dozens of civilians in a town.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [
        ["Ethiopian National Defense Force"]
    ]
    b = extract("Israeli troops shot dead two teenagers in Jenin on Monday.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["Israel Defense Forces"]]
    c = extract("Nigerian soldiers opened fire on a crowd of traders in Zaria, killing nine.")
    assert [[p.name for p in i.perpetrators] for i in c.incidents] == [["Nigerian Army"]]


def test_a_states_army_the_table_does_not_name_is_named_as_the_text_names_it(extract) -> None:
    a = extract("The Chadian army summarily executed dozens of civilians in a town.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Chadian army"]]
    b = extract("Chadian troops shot dead two herders near Abeche on Monday.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["Chadian forces"]]


def test_a_wish_to_take_hostages_is_an_intent(extract) -> None:
    a = extract("The commander said his men want to take as many villagers hostage as they can.")
    assert all(e.intent for e in a.events if e.type == "unlawful_detention")


def test_one_person_the_act_was_done_to_is_one_victim(extract) -> None:
    a = extract("Gunmen assassinated the mayor of the town on Monday.")
    assert [i.count.best for i in a.incidents if i.count] == [1]
    b = extract("Soldiers abducted Ivan Petrenko and Olha Kovalenko near the border on Friday.")
    assert [i.count.best for i in b.incidents if i.count] == [2]
    c = extract(
        "Soldiers shelled a hospital in the city, killing civilians."
    )  # no person: no figure
    assert all(e.of("count") == [] for e in c.events)


def test_a_court_that_jailed_soldiers_for_killing_civilians_tells_a_killing_of_civilians(
    extract,
) -> None:
    a = extract("A court jailed two soldiers for killing civilians in a village in 2022.")
    assert {e.type for e in a.events} == {"killing_of_civilians"}
    b = extract("A court sentenced the officer to life imprisonment for the murder of a farmer.")
    assert "unlawful_detention" not in {e.type for e in b.events}  # the sentence is no detention


def test_a_toll_told_place_by_place_is_one_act_per_place(extract) -> None:
    a = extract(
        "Russian shelling killed four civilians in the Donetsk region on Monday, the governor "
        "said. Two people were killed in Kramatorsk, one in Bakhmut and one in Toretsk."
    )
    got = sorted((i.place.name, i.count.best) for i in a.incidents if i.place and i.count)
    assert got == [("Bakhmut", 1), ("Kramatorsk", 2), ("Toretsk", 1)]
    assert len({i.trigger for i in a.incidents}) == len(a.incidents)  # each its own key


def test_acts_named_together_then_told_first_second_are_two_acts(extract) -> None:
    a = extract(
        "Investigators said on Monday they had found two mass graves of villagers shot by the "
        "militia near the quarry. The first grave, by a farm, contained 12 bodies, an "
        "investigator said. The second grave lay by the road and held 7 bodies, he said."
    )
    got = sorted(i.count.best for i in a.incidents if i.count)
    assert got == [7, 12]


def test_ukrainian_acts_told_first_second_are_two_acts(extract) -> None:
    a = extract(
        "Поліція повідомила, що окупанти розстріляли мирних жителів у селі біля Ізюма, і "
        "слідчі знайшли два масові поховання. Перше поховання містило 12 тіл, сказав "
        "слідчий. У другому похованні біля дороги було 7 тіл.",
        language="uk",
    )
    assert sorted(i.count.best for i in a.incidents if i.count) == [7, 12]


def test_one_ordinal_sentence_is_no_part(extract) -> None:
    a = extract(
        "Gunmen killed 9 villagers near the quarry on Monday. The first victim was a teacher "
        "and 3 bodies lay in the school, police said."
    )
    assert len(a.incidents) == 1


def test_a_toll_of_another_day_told_after_an_act_is_not_its_toll(extract) -> None:
    a = extract(
        "A Russian missile struck a school in Odesa on Monday, killing 4 people, the governor "
        "said. The city is still mourning the raid on Thursday, 5 March, which left 9 people dead."
    )
    assert [i.count.best for i in a.incidents if i.count] == [4]


def test_a_toll_told_as_of_a_later_day_is_the_acts_toll(extract) -> None:
    a = extract(
        "A Russian missile struck a school in Odesa on Monday, killing 4 people, the governor "
        "said. By Tuesday the toll had risen to 9 people dead."
    )
    assert [i.count.best for i in a.incidents if i.count] == [9]


def test_a_ukrainian_toll_told_place_by_place(extract) -> None:
    a = extract(
        "Окупанти вбили чотирьох мирних жителів: 3 у Костянтинівці і 1 в Слов'янську.",
        language="uk",
    )
    got = sorted((i.place.name, i.count.best) for i in a.incidents if i.place and i.count)
    assert got == [("Kostiantynivka", 3), ("Sloviansk", 1)]


def test_a_figure_of_something_else_before_a_place_is_no_part(extract) -> None:
    a = extract(
        "Russian troops shelled Kherson on Monday, killing two people; aid went to all 20 "
        "districts, mainly in Mykolaiv and in Odesa."
    )
    assert [i.place.name for i in a.incidents if i.place] == ["Kherson"]


def test_they_and_the_group_stand_for_the_force_named_before(extract) -> None:
    a = extract(
        "Russian troops entered the village on Monday. They shot three men near the church."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Russian forces"]]
    b = extract("The UN said it was told of an attack. They shot three men near the church.")
    assert all(i.perpetrators == [] or i.perpetrators[0].name != "UN" for i in b.incidents)


def test_the_number_that_counts_the_people_an_act_was_done_to_is_its_count(extract) -> None:
    a = extract("Guerrillas kidnapped two engineers near the dam on Sunday.")
    assert [i.count.best for i in a.incidents if i.count] == [2]
    b = extract("Soldiers burned three houses in the village on Sunday.")  # houses are no victims
    assert all(e.of("count") == [] for e in b.events)


def test_a_named_armed_group_is_the_perpetrator_and_no_place(extract) -> None:
    a = extract("Hamas gunmen killed five residents of a village on Saturday.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Hamas"]]
    assert all(i.place is None or i.place.name != "Hamm" for i in a.incidents)
    b = extract("Al-Shabaab militants abducted three aid workers outside Mogadishu on Sunday.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["al-Shabaab"]]


def test_fighters_who_did_the_act_do_not_make_its_victims_soldiers(extract) -> None:
    a = extract("RSF fighters killed eleven men in El Fasher on Monday.")
    killing = [e for e in a.events if e.type == "killing_of_civilians"]
    assert killing and killing[0].features["weakened"] == 0.0
    b = extract("Troops killed eleven fighters in a clash near the town.")
    assert [i.type for i in b.incidents] == []  # fighters killed in a clash: no crime told


def test_police_officers_taken_by_an_armed_group_are_detained(extract) -> None:
    a = extract("The Taliban detained four former police officers in Kandahar on Monday.")
    assert [(i.type, i.count.best if i.count else None) for i in a.incidents] == [
        ("unlawful_detention", 4)
    ]


def test_a_place_before_a_comma_and_an_official_is_still_a_place(extract) -> None:
    a = extract("Soldiers raped two women in Bucha, the prosecutor general said.")
    assert [i.place.name for i in a.incidents if i.place] == ["Bucha"]
    b = extract("Soldiers raped two women, the Bucha police said.")
    assert [i.place for i in b.incidents] == [None]  # the police of Bucha: no place of the act


def test_a_capitalised_first_word_is_no_side(extract) -> None:
    a = extract("Unknown gunmen abducted 45 students from a school in Kaduna on Friday.")
    assert [i.perpetrators for i in a.incidents] == [[]]


def test_the_setting_of_a_clause_an_act_goes_on_is_the_acts(extract) -> None:
    a = extract("Soldiers went from house to house in Izium on 5 May, killing eight men.")
    [inc] = a.incidents
    assert inc.place and inc.place.name == "Izium"
    assert inc.date and inc.date.start == "2023-05-05"


def test_people_held_where_they_were_kept_are_detained(extract) -> None:
    a = extract("Witnesses said soldiers held 30 villagers in a school basement for a month.")
    assert [(i.type, i.count.best if i.count else None) for i in a.incidents] == [
        ("unlawful_detention", 30)
    ]
    b = extract("The talks were held in a hotel, where residents gathered.")
    assert b.incidents == []


def test_a_settlement_the_gazetteer_lacks_is_kept_by_the_word_that_names_it(extract) -> None:
    a = extract("Rebels killed 20 villagers in the village of Qwertyville in Nigeria on Monday.")
    [inc] = a.incidents
    assert inc.place is not None
    assert (inc.place.name, inc.place.precision, inc.place.country) == (
        "Qwertyville",
        "settlement",
        "NG",
    )
    assert inc.place.lat is None  # not on the map: no coordinates are made up


def test_acts_in_two_villages_not_on_the_map_stay_two(extract) -> None:
    a = extract(
        "Rebels killed 20 villagers in the village of Qwertyville on Monday. "
        "Rebels killed 12 villagers in the village of Asdfton on Monday."
    )
    assert sorted(i.place.name for i in a.incidents if i.place) == ["Asdfton", "Qwertyville"]


def test_a_trigger_of_several_words_reads_its_head_word(extract) -> None:
    a = extract(
        "Officials said Russian forces had forcibly transferred 46 orphans to Crimea in 2022."
    )
    [e] = [e for e in a.events if e.type == "deportation"]
    assert [m.text for m in e.of(AGENT)] == ["Russian forces"]
    b = extract(
        "The report says Russia broke international law by forcibly transferring civilians "
        "from Mariupol to Siberia."
    )
    [d] = [e for e in b.events if e.type == "deportation"]
    assert [m.text for m in d.of(AGENT)] == ["Russia"]


def test_victims_joined_by_and_are_one_figure(extract) -> None:
    a = extract("A drone hit a house in Odesa, killing a woman and her two children.")
    assert [i.count.best for i in a.incidents if i.count] == [3]
    b = extract("The strike on Sumy killed two civilians and wounded five.")
    assert [i.count.best for i in b.incidents if i.count] == [2]  # the wounded are no toll


def test_the_suspect_of_a_notice_of_suspicion_is_the_agent_and_the_accusers_are_not(
    extract,
) -> None:
    a = extract(
        "Prosecutors notified a Russian soldier of suspicion of killing a farmer near "
        "Chernihiv in March 2022."
    )
    [e] = [e for e in a.events if e.type == "killing_of_civilians"]
    assert [m.text for m in e.of(AGENT)] == ["Russian soldier"]
    b = extract("Ukrainian prosecutors charged a Russian colonel over the shelling of a school.")
    agents = [m.text for e in b.events for m in e.of(AGENT)]
    assert b.events and all("Ukrainian" not in t for t in agents)


def test_a_weapon_before_the_act_is_no_agent_and_who_ordered_it_is(extract) -> None:
    a = extract(
        "Investigators named two Russian commanders who ordered the missile strike on a "
        "hospital in Vinnytsia, which killed 12 people."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Russian forces"]]


def test_who_opens_an_inquiry_into_an_act_or_reports_it_did_not_do_it(extract) -> None:
    a = extract(
        "Ukrainian police opened an investigation into the murder of three prisoners of war "
        "near Pokrovsk."
    )
    assert a.events and all(e.of(AGENT) == [] for e in a.events)


def test_a_body_that_documents_a_killing_did_not_do_it(extract) -> None:
    a = extract(
        "The UN mission documented the killing of nine civilians in the village of Yahidne "
        "in March 2022, when Russian troops held residents in a school basement."
    )
    killings = [i for i in a.incidents if i.type == "killing_of_civilians"]
    assert [(i.count.best if i.count else None) for i in killings] == [9]
    assert all(p.name != "UN" for i in a.incidents for p in i.perpetrators)


def test_a_nationality_named_as_the_victim_counts_and_a_countrys_army_takes_its_demonym(
    extract,
) -> None:
    a = extract("Soldiers shot dead a 16-year-old Palestinian near Hebron on Tuesday.")
    assert [i.count.best for i in a.incidents if i.count] == [1]
    b = extract("Sudan's army bombed a market in Omdurman on Sunday, killing at least 30 people.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["Sudanese Armed Forces"]]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"They shelled our school and killed two teachers," the mayor said.', 1.0),
        ('A drone hit what the army called a "legitimate target", killing two civilians.', 0.0),
        ("A drone hit a bus in Kherson, killing two civilians.", 0.0),
    ],
)
def test_an_act_told_in_a_speakers_own_words_is_marked_quoted(extract, text, quoted) -> None:
    a = extract(text)
    assert a.events and {e.features["quoted"] for e in a.events} == {quoted}


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("The occupiers are killing civilians in the villages.", 1.0),
        ("The occupiers kill civilians and shell the towns.", 1.0),
        ("The occupiers killed two civilians in the village.", 0.0),
        ("The occupiers have killed two civilians in the village.", 0.0),
    ],
)
def test_an_act_told_in_the_present_is_marked_generic(extract, text, generic) -> None:
    a = extract(text)
    kills = [e for e in a.events if e.type == "killing_of_civilians"]
    assert kills and kills[0].features["generic"] == generic


@pytest.mark.parametrize(
    "text",
    [
        "A court sentenced 21-year-old Russian soldier Ivan Petrenko to life imprisonment for "
        "the murder of an unarmed civilian.",
        "Russian soldier Ivan Petrenko and another soldier shot a civilian in the village.",
        "A Russian soldier, Ivan Petrenko, shot a civilian in the village.",
    ],
)
def test_the_person_named_beside_the_agent_is_the_perpetrator(extract, text) -> None:
    a = extract(text)
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Ivan Petrenko"]]


def test_the_accused_of_carrying_out_an_act_is_its_agent(extract) -> None:
    a = extract(
        "The monitors accused the Ethiopian army of carrying out an air strike on a market "
        "in Mekelle that killed twelve civilians."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [
        ["Ethiopian National Defense Force"]
    ]


def test_the_army_unqualified_is_that_of_the_country_the_report_is_about(extract) -> None:
    a = extract(
        "Residents said the army bombed a market in El Fasher on Monday, killing 30 civilians."
    )
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Sudanese Armed Forces"]]


def test_the_army_named_before_the_act_noun_is_its_agent(extract) -> None:
    a = extract("Mourners in Kaduna State buried 30 villagers killed by an army drone strike.")
    assert [[p.name for p in i.perpetrators] for i in a.incidents] == [["Nigerian Army"]]
    b = extract("A military airstrike on the market in El Fasher wounded 12 traders on Monday.")
    assert [[p.name for p in i.perpetrators] for i in b.incidents] == [["Sudanese Armed Forces"]]


def test_the_army_that_owns_what_an_act_destroyed_is_not_its_agent(extract) -> None:
    a = extract("Rebels shelled the airport in El Fasher and destroyed two army helicopters.")
    assert all("Sudanese Armed Forces" not in [p.name for p in i.perpetrators] for i in a.incidents)


def test_acts_told_in_one_sentence_share_the_date_and_place_one_of_them_is_given(extract) -> None:
    a = extract(
        "Rebels killed at least 40 civilians, raped 12 women and abducted 20 people in a "
        "campaign of terror, the UN said. The rebels killed the civilians in Bunia on 29 "
        "November. Peacekeepers reached the town on 2 December."
    )
    got = {
        (i.type, i.date.start if i.date else None, i.place.name if i.place else None)
        for i in a.incidents
    }
    assert got == {
        ("killing_of_civilians", "2023-11-29", "Bunia"),
        ("sexual_violence", "2023-11-29", "Bunia"),
        ("unlawful_detention", "2023-11-29", "Bunia"),
    }


def test_an_act_placed_in_its_country_takes_the_one_town_its_sentences_name(extract) -> None:
    a = extract(
        "A missile struck a shopping mall in central Ukraine on Monday, killing eight people. "
        '"Eight people died and 30 were hurt in Kremenchuk because of the rocket shelling," '
        "the governor wrote."
    )
    assert [i.place.name if i.place else None for i in a.incidents] == ["Kremenchuk"]


def test_the_day_of_what_followed_an_act_does_not_date_it(extract) -> None:
    a = extract(
        "Dozens of people were missing on Wednesday after a Russian missile strike on a "
        "shopping mall in Kremenchuk."
    )
    assert [(e.type, e.of(TIME)) for e in a.events] and all(not e.of(TIME) for e in a.events)
    b = extract("Two people were killed on Monday after a missile strike on a mall in Kremenchuk.")
    assert [i.date.start for i in b.incidents if i.date] == ["2024-03-04"]


def test_a_killing_of_people_a_pronoun_names_is_of_the_prisoners_named_before(extract) -> None:
    a = extract(
        "Four Ukrainian soldiers surrendered to the assault group near the village. They were "
        "lined up by a wall. Then the attackers opened fire on them."
    )
    assert {e.type for e in a.events if e.sentence == 2} == {"execution_of_pows"}
    b = extract("Soldiers stopped a car at the checkpoint. Then they opened fire on them.")
    assert {e.type for e in b.events} <= {"killing_of_civilians", "attack_on_civilians"}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("His posts incited the murder of the governor, the court found.", True),
        ("The cell planned an attack on the embassy in the capital.", True),
        ("Gunmen murdered the governor outside his home.", False),
    ],
)
def test_an_act_plotted_or_urged_is_no_act(extract, text: str, intent: bool) -> None:
    a = extract(text)
    assert a.events and all(e.intent is intent for e in a.events)


def test_a_trigger_that_only_describes_soldiers_tells_no_act(extract) -> None:
    # a type rule's `not_describing`: "detained" as an adjective of soldiers says who they are
    shot = extract("A marine took part in the shooting of three detained Ukrainian soldiers.")
    assert [e.type for e in shot.events] == ["execution_of_pows"]
    held = extract("Military police detained three soldiers in the town of Izium.")
    assert [e.type for e in held.events] == ["unlawful_detention"]


def test_a_month_in_a_date_is_no_place(extract) -> None:
    a = extract("Troops shot two unarmed prisoners of war on Jan. 9, prosecutors said.")
    assert a.mentions_of("place") == []
    assert [i.date.start for i in a.incidents if i.date] == ["2024-01-09"]


def test_one_act_told_twice_on_one_day_in_one_town_is_one_incident(extract) -> None:
    first = "On March 3 a Russian missile hit a school in Kharkiv, injuring six people. "
    told_again = extract(first + "Russian shelling also killed one person in Kharkiv on March 3.")
    assert [(i.place.name, len(i.spans)) for i in told_again.incidents if i.place] == [
        ("Kharkiv", 2)
    ]
    assert [i.count.best for i in told_again.incidents if i.count] == [1]
    # one more of its kind: two acts, though on the same day in the same town
    another = extract(first + "Another Russian strike killed one person in Kharkiv on March 3.")
    assert len(another.incidents) == 2


def test_a_toll_someone_had_told_before_is_the_act_retold(extract) -> None:
    text = (
        "Rebels of the Northern Front killed at least 40 civilians in the village of Varenka "
        "in late May, investigators said on Thursday. Earlier, officials in the capital said "
        "more than 90 people were killed in attacks in the province."
    )
    a = extract(text)
    assert [e.features["told_before"] for e in a.events] == [0.0, 1.0]
    assert [(i.count.best if i.count else None) for i in a.incidents] == [40]
    # told as what was said, not as said before: an act of its own may follow
    b = extract(text.replace("Earlier, officials", "Officials"))
    assert [e.features["told_before"] for e in b.events] == [0.0, 0.0]


def _perps(extract, text: str) -> list[list[str]]:
    return [sorted(p.name for p in i.perpetrators) for i in extract(text).incidents]


def test_agents_joined_by_and_are_each_an_agent(extract) -> None:
    assert _perps(
        extract, "The RSF and allied militias killed dozens of civilians in El Fasher on 10 May."
    ) == [["Rapid Support Forces", "allied militias"]]
    assert _perps(
        extract, "Ivan Petrov and Oleg Sidorov were convicted of killing a civilian in Bucha."
    ) == [["Ivan Petrov", "Oleg Sidorov"]]


def test_unnamed_men_joined_to_no_named_agent_stay_unnamed(extract) -> None:
    got = _perps(extract, "Police and soldiers shot dead five protesters in Khartoum on Monday.")
    assert got == [[]]


def test_who_a_court_finds_guilty_of_an_act_did_it(extract) -> None:
    assert _perps(
        extract,
        "A court in Kyiv found two Russian soldiers, Ivan Petrov and Oleg Sidorov, guilty of "
        "shooting a civilian in Bucha in March 2022.",
    ) == [["Ivan Petrov", "Oleg Sidorov"]]
    assert _perps(
        extract,
        "Two soldiers, Pavlo Hrytsenko and Roman Kovalchuk, were found guilty of murdering a "
        "farmer in Kupiansk.",
    ) == [["Pavlo Hrytsenko", "Roman Kovalchuk"]]


def test_the_people_a_phrase_names_with_their_unit_are_agents_with_it(extract) -> None:
    assert _perps(
        extract,
        "Wagner fighters Pavel Ivanov and Sergei Orlov were accused of executing two prisoners "
        "near Bakhmut in 2023.",
    ) == [["Pavel Ivanov", "Sergei Orlov", "Wagner Group"]]


def test_the_harm_of_a_deed_told_in_a_relative_clause_is_its_doers(extract) -> None:
    assert _perps(
        extract,
        "RSF fighters attacked the village of Wad al-Nura in a raid that killed 100 farmers.",
    ) == [["Rapid Support Forces"]]
    a = extract(
        "Israeli troops in the northern Gaza Strip opened fire on a crowd on Thursday in an "
        "incident that the ministry said killed 40 people."
    )
    killing = [e for e in a.events if e.type == "killing_of_civilians"]
    assert [[m.mention.text for m in e.args if m.role == "agent"] for e in killing] == [["Israeli"]]


def test_a_body_telling_of_its_own_deed_did_it(extract) -> None:
    assert _perps(extract, "The IDF said it struck a school in Gaza City on Saturday.") == [
        ["Israel Defense Forces"]
    ]
    assert _perps(
        extract, "Hamas said it shelled the town of Sderot, wounding three residents."
    ) == [["Hamas"]]


def test_an_office_telling_of_it_did_not_do_it(extract) -> None:
    a = extract(
        "The prosecutor's office said it had evidence of the execution of nine prisoners "
        "of war near Bakhmut."
    )
    assert all(i.perpetrators == [] for i in a.incidents)


def test_the_body_of_an_armed_institution_that_acted_is_named(extract) -> None:
    assert _perps(
        extract, "Syrian military intelligence officers tortured 40 detainees near Damascus."
    )[:1] == [["Syrian military intelligence"]]


def test_a_group_the_table_knows_inside_a_longer_tagged_name_is_that_group(extract) -> None:
    assert _perps(
        extract,
        "JNIM Militants opened fire on villagers digging trenches near Djibo on Saturday, "
        "killing 50 people.",
    ) == [["JNIM"]]


def test_forces_named_by_who_commands_them_are_the_home_countrys(extract) -> None:
    assert _perps(
        extract, "Government forces shelled a market in El Fasher on Monday, killing 20 civilians."
    ) == [["Sudanese Armed Forces"]]
    assert _perps(
        extract,
        "The junta bombed a village school in Sagaing Region on Monday, killing 11 children.",
    ) == [["Myanmar military"]]
    assert _perps(
        extract, "The regime bombed a market in Aleppo on Tuesday, killing 30 civilians."
    ) == [["Syrian military"]]


def test_armed_settlers_are_not_their_states_forces(extract) -> None:
    assert _perps(
        extract,
        "Israeli settlers attacked the village of Huwara on Sunday, killing a Palestinian man.",
    ) == [["Israeli settlers"]]


def test_a_massacre_named_by_its_place_names_no_agent(extract) -> None:
    a = extract(
        "Survivors of the Kolomyia massacre told reporters that 40 villagers were shot on 3 May."
    )
    assert all(i.perpetrators == [] for i in a.incidents)
    assert _perps(extract, "The RSF massacre in Geneina killed 200 people in June 2023.") == [
        ["Rapid Support Forces"]
    ]


def test_a_person_the_tagger_took_for_a_place_with_their_nationality_is_the_person() -> None:
    got = _as_person(Mention("gpe", 10, 31, "Russian Ivan Petrenko", "GPE", 0))
    assert (got.kind, got.text, got.start, got.end) == ("person", "Ivan Petrenko", 18, 31)
    state = Mention("gpe", 0, 20, "Syrian Arab Republic", "GPE", 0)
    assert _as_person(state) is state


def test_who_an_act_is_blamed_on_did_it(extract) -> None:
    assert _perps(
        extract, "Twelve civilians were killed in an attack blamed on the ADF in Lubero on Monday."
    ) == [["Allied Democratic Forces"]]
    assert _perps(
        extract, "An attack blamed on the ADF killed 20 villagers in Lubero on Monday."
    ) == [["Allied Democratic Forces"]]
    assert _perps(
        extract,
        "The killings of 30 farmers near Djibo on Sunday were attributed to JNIM fighters.",
    ) == [["JNIM"]]


def test_who_arrests_and_tortures_does_both(extract) -> None:
    assert _perps(
        extract, "Taliban authorities arrested and tortured a former army officer in Herat in 2022."
    ) == [["Taliban"]]


def test_the_group_gunmen_are_believed_to_belong_to_did_it(extract) -> None:
    assert _perps(
        extract,
        "Unidentified gunmen, believed to be members of the Gran Grif gang, killed 10 people "
        "in Liancourt on Monday.",
    ) == [["Gran Grif"]]


def test_men_in_a_groups_uniforms_are_its_men(extract) -> None:
    assert _perps(extract, "Men in RSF uniforms raped at least 20 women in Geneina in June.") == [
        ["Rapid Support Forces"]
    ]


def test_an_armed_actors_noun_the_tagger_took_for_a_name_names_no_one(extract) -> None:
    assert _perps(
        extract, "Jihadists linked to al-Qaeda killed 60 villagers near Djibo on Sunday."
    ) == [[]]


def test_allied_men_after_the_agent_are_agents_though_parsed_as_a_verb(extract) -> None:
    assert _perps(
        extract,
        "Over 2,000 civilians were killed by the Rapid Support Forces (RSF) and allied militias "
        "in Ardamata in November.",
    ) == [["Rapid Support Forces", "allied militias"]]


def test_the_army_joined_to_allied_men_is_the_home_countrys(extract) -> None:
    assert _perps(
        extract,
        "Hundreds of people were killed by the army and allied militias in El Fasher in May.",
    ) == [["Sudanese Armed Forces", "allied militias"]]


def test_the_group_that_leads_armed_men_did_what_they_did(extract) -> None:
    assert _perps(extract, "Hamas-led gunmen killed 50 residents of the kibbutz on 7 October.") == [
        ["Hamas"]
    ]


def test_men_linked_to_a_group_are_not_that_group(extract) -> None:
    assert _perps(
        extract, "Al Qaeda-linked militants shot dead 100 villagers near Barsalogho in August."
    ) == [[]]


def test_a_year_an_act_is_dated_to_narrows_to_the_day_its_own_sentences_state(extract) -> None:
    a = extract(
        "Monitors have documented many killings of captured soldiers. "
        "The largest single case of such executions occurred on February 2, when Russian "
        "troops executed twelve Ukrainian soldiers near Avdiivka. Earlier, monitors reported "
        "that most executions of Ukrainian soldiers by Russian forces occurred in 2024."
    )
    # the day's clause told apart from the act's (as grouping may), the year told with it
    act = [e for e in a.events if e.sentence == 1 and e.of(AGENT)]
    year = [e for e in a.events if e.sentence == 2 and e.of(TIME)]
    assert act and year
    date = Assembler(a).date(Group(events=[*act, *year]))
    assert date is not None and (date.start, date.end) == ("2024-02-02", "2024-02-02")


@pytest.mark.parametrize(
    ("clock", "day"),
    [
        ("9.45 p.m.", ("2024-03-09", "2024-03-09")),  # the evening before
        ("21:45", ("2024-03-09", "2024-03-09")),
        ("02:30", ("2024-03-10", "2024-03-10")),  # the small hours of the day after
        ("2 a.m.", ("2024-03-10", "2024-03-10")),
        ("midnight", ("2024-03-09", "2024-03-10")),  # no side: the night
    ],
)
def test_a_night_narrows_to_the_day_of_the_time_the_act_was_told_at(extract, clock, day) -> None:
    a = extract(
        "Rescuers searched the rubble of a block of flats in Sumy on Sunday after an overnight "
        "Russian missile strike killed four people. The apartments in Sumy were hit by a ballistic "
        f"missile at {clock} local time, the regional police said."
    )
    assert [(i.date.start, i.date.end) if i.date else None for i in a.incidents] == [day]


def test_clock_hours_reads_only_times_whose_half_of_the_day_is_plain() -> None:
    assert clock_hours("hit at 9.45 p.m. and again at 11pm") == [21, 23]
    assert clock_hours("sirens at 21:10, a blast at 03:05") == [21, 3]
    assert clock_hours("the shelling began at 5.30 and the count rose to 12.09.2025") == []
    assert clock_hours("a 12 a.m. curfew") == [0]


def test_an_undated_act_takes_the_day_the_lead_gives_where_nothing_between_tells_an_act(
    extract,
) -> None:
    def dates(lead: str) -> list[str | None]:
        a = extract(
            lead + " Bloggers wrote that an arms depot stood there. Neither claim is new. "
            "The facts are different. Russian drones struck a kindergarten in Hlukhiv, "
            "killing three teachers. On May 16, the mayor named the dead."
        )
        return [i.date.start if i.date else None for i in a.incidents]

    assert dates("On May 14, rumours spread about the town of Hlukhiv.") == ["2023-05-14"]
    # a day something was told on, or the dateline's, is no day of the act
    assert "2023-05-14" not in dates("The monitors said on May 14 that rumours spread.")
    assert "2023-05-14" not in dates("KHARKIV, May 14 (Wire) - Rumours spread about Hlukhiv.")


def test_an_undated_act_takes_no_day_the_sentence_before_was_told_on(extract) -> None:
    a = extract(
        "The governor said on March 4 that the city would rebuild its schools. "
        "A drone hit a bus near the market in Kherson, killing two civilians."
    )
    assert [i.date.start if i.date else None for i in a.incidents] == [None]


@pytest.mark.parametrize(
    "opening",
    [
        "March 9 (Wire) - ",  # a wire story filed without its city
        "Drones hit Kharkiv school\n\nKHARKIV, March 9 (Wire) - ",  # after a headline
        "KHARKIV, March 9, 2024 - ",  # the year after the month and day
    ],
)
def test_a_dateline_after_a_headline_or_without_a_city_does_not_date_the_act(
    extract, opening
) -> None:
    text = (
        opening + "Russian drones hit a school in Kharkiv late on Friday, killing two "
        "civilians, the mayor said on Saturday."
    )
    a = extract(text, published="2024-03-09")  # a Saturday
    assert dateline_end(text[text.rfind("\n") + 1 :]) > 0
    assert {(i.date.start, i.date.end) for i in a.incidents if i.date} == {
        ("2024-03-08", "2024-03-08")
    }


def test_a_line_that_tells_when_the_page_was_posted_does_not_date_the_act(extract) -> None:
    a = extract(
        "Soldiers shot men who gave up\n\nMarch 9, 2024 10:00AM EST\n\n"
        "Russian forces shot three Ukrainian soldiers who had surrendered near Krynky, the "
        "monitors said today.",
        published="2024-03-09",
    )
    assert a.incidents and all(i.date is None for i in a.incidents)


@pytest.mark.parametrize(
    ("act", "after", "day"),
    [
        (  # no date of its own: the day the next sentence says it happened on
            "A Russian drone hit a block of flats in Odesa, killing nine people, officials "
            "said on Sunday.",
            "The attack took place in the small hours of Saturday, the governor said. Rescue "
            "teams were still at the site on Monday.",
            ("2024-03-09", "2024-03-09"),
        ),
        (  # a month of its own: the day inside it
            "Gunmen killed 14 villagers in the Mopti region late last month, officials said.",
            "It happened on the night of Feb. 24, a local official said.",
            ("2024-02-24", "2024-02-24"),
        ),
    ],
)
def test_an_act_takes_the_day_the_next_sentence_says_it_happened_on(
    extract, act, after, day
) -> None:
    a = extract(act + " " + after, published="2024-03-12")  # a Tuesday
    dates = [(i.date.start, i.date.end) if i.date else None for i in a.incidents]
    assert dates and all(d == day for d in dates)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (  # a span reckoned from publication, then the day
            "Shelling killed 19 people at a bus station in Horlivka last week, officials said. "
            "On Tuesday morning, shells hit the station, killing 19 and wounding 30.",
            "2024-03-05",
        ),
        (  # a tally's period, then the day of the act
            "Monitors reported that between March 1 and 9, 15 people were murdered in Cauca in "
            "five massacres. On March 9, gunmen killed four farmers in the village of El Bordo.",
            "2024-03-09",
        ),
    ],
)
def test_a_vague_span_or_a_tallys_period_gives_way_to_the_day_inside_it(extract, text, day) -> None:
    a = extract(text, published="2024-03-11")  # a Monday
    date = Assembler(a).date(Group(events=list(a.events)))  # the two told as one act
    assert date is not None and (date.start, date.end) == (day, day)


def test_an_undated_act_takes_a_weekday_the_sentence_before_states(extract) -> None:
    a = extract(
        "Air raid sirens sounded across Kherson on Sunday morning. A drone hit a bus near the "
        "market, killing two civilians. On Monday, the city buried the dead.",
        published="2024-03-12",  # a Tuesday
    )
    assert [(i.date.start, i.date.end) if i.date else None for i in a.incidents] == [
        ("2024-03-10", "2024-03-10")
    ]


@pytest.mark.parametrize(
    ("since", "day"),
    [
        ("since Saturday morning", ("2024-03-09", "2024-03-12")),  # an act still going on
        ("since January", None),  # a tally's period is no act's date
    ],
)
def test_an_act_told_since_a_recent_day_spans_the_days_to_publication(extract, since, day) -> None:
    a = extract(
        f"Artillery fire has killed at least 14 civilians in Kherson {since}, the regional "
        "health department said.",
        published="2024-03-12",  # a Tuesday
    )
    assert [(i.date.start, i.date.end) if i.date else None for i in a.incidents] == [day]


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        (
            "Окупанти розстріляли водія\n\n09 березня 2024, 11:20\n\nРосійські військові "
            "розстріляли водія, який віз воду в окуповану Каховку. Про це розповіли сусіди.",
            "uk",
            None,
        ),
        # a strike the post tells with no date is dated the day it was posted
        # (LanguagePack.dated_on_publication), not by the posted line as a date of its own
        (
            "09.03.2024 11:20\n\nУкраинские военные обстреляли рынок в Горловке. Погибла "
            "женщина, сообщил глава города.",
            "ru",
            "2024-03-09",
        ),
    ],
)
def test_a_posted_line_in_ukrainian_or_russian_does_not_date_the_act(
    extract, text, language, day
) -> None:
    a = extract(text, published="2024-03-09", language=language)
    assert a.incidents and all((i.date.start if i.date else None) == day for i in a.incidents)


def test_an_act_told_as_of_last_week_is_not_the_one_told_before_it(extract) -> None:
    a = extract(
        "Russian missiles hit clinic in Kyiv, killing dozens across Ukraine\n\nKYIV, Ukraine "
        "(Wire) \u2014 Russia launched a barrage of missiles at Ukrainian cities on Monday, "
        "killing at least 30 people and striking a clinic in the capital, officials said.\n\n"
        "The daytime attack on the clinic killed two adults and injured 16 people, officials "
        "said. Nurses had to move patients outside.\n\n\u201cThis is a horrible crime,\u201d "
        "said one of the nurses.\n\nIn Sumy, a missile hit an office block, killing at least "
        "nine people. Last week, a glide bomb attack on the city had killed one person.",
        published="2024-07-09",  # a Tuesday
    )
    at = a.text.index("office")
    sumy = [i for i in a.incidents if any(s <= at < e for s, e in i.spans)]
    # no day of its own (the story's Monday, or none), never last week's
    assert sumy and all(i.date is None or i.date.start == "2024-07-08" for i in sumy)


def test_one_named_person_by_their_work_or_whose_act_it_was_is_one_victim(extract) -> None:
    # the passive subject named after the word for their work
    a = extract("Judge Elena Ferrer Quintana was shot dead by gunmen in Culiacan on Monday.")
    assert [i.count.best for i in a.incidents if i.count] == [1]
    b = extract("Reporter Moussa Keita Toure was abducted by armed men near Gao on Saturday.")
    assert [i.count.best for i in b.incidents if i.count] == [1]
    # the person whose murder it was
    c = extract("Officials met on Sunday. The governor's assassination in Tunja shocked them.")
    assert [i.count.best for i in c.incidents if i.count] == [1]
    # a possessive pronoun may stand for many: no figure
    e = extract("Their murder in the village shocked the province on Tuesday.")
    assert all(x.of("count") == [] for x in e.events)


def test_a_named_person_a_relative_clause_tells_the_act_of_is_one_victim(extract) -> None:
    a = extract("Crowds mourned Tomas Varga Lenz, who was murdered in Szeged last spring.")
    counts = [m for e in a.events for m in e.of("count")]
    assert [(m.text, m.value.count.best) for m in counts] == [("Tomas Varga Lenz", 1)]


def test_the_killing_of_a_cleric_is_a_killing_of_one_civilian(extract) -> None:
    a = extract("Hundreds marched on Sunday over the killing of a monsignor in the north.")
    assert [m.value.count.best for e in a.events for m in e.of("count")] == [1]


def test_a_determiner_the_parse_joins_to_the_victim_is_no_second_victim(extract) -> None:
    a = extract(
        "They demanded the trial of those guilty of the murder of monsignor Ramon Ibarra Sol "
        "and those known to be members of the gangs."
    )
    assert [m.value.count.best for e in a.events for m in e.of("count")] == [1]


def test_a_country_the_act_was_done_outside_of_is_not_its_place(extract) -> None:
    a = extract(
        "Armed men abducted engineer Tomas Vidal Cruz, police said on Monday; the abduction "
        "was planned outside of Chile."
    )
    assert [i.place for i in a.incidents] == [None]
    b = extract("Gunmen shot dead two farmers outside Gao on Monday.")  # near a town: there
    assert [i.place.name for i in b.incidents if i.place] == ["Gao"]


def test_a_date_of_another_clause_of_the_acts_sentence_does_not_let_it_borrow_one(
    extract,
) -> None:
    a = extract(
        "Russian forces launched a new push in the east on March 1. The Russian president gave "
        "an honorary title to the 12th Tank Regiment on March 2, although Ukrainian prosecutors "
        "accuse the regiment of killing 15 civilians in Izium.",
        published="2024-03-10",
    )
    assert a.incidents and all(i.date is None for i in a.incidents)


@pytest.mark.parametrize(
    "frame", ["In one incident in early May 2023", "In one case, on 3 May 2023"]
)
def test_a_date_framing_one_incident_dates_the_act_the_footage_shows(extract, frame) -> None:
    a = extract(
        f"{frame}, near Kreminna, drone footage shows three Ukrainian soldiers walking out "
        "of a trench with their hands up, after which Russian soldiers shot them.",
        published="2023-06-20",
    )
    assert [i.date.start[:7] if i.date else None for i in a.incidents] == ["2023-05"]


@pytest.mark.parametrize(
    "text",
    [
        "In the intercepted audio, which the outlet said came from a Ukrainian security "
        "official, a man repeatedly instructs fighters to seize the officer and kill the rest.",
        "A voice in the intercepted audio instructs Russian soldiers to seize the officer and "
        "kill the other five prisoners.",
        "The commander threatened to capture the villagers and shoot 12 men in Kupiansk.",
    ],
)
def test_an_act_instructed_or_threatened_with_another_is_not_told_as_done(extract, text) -> None:
    assert extract(text).incidents == []


@pytest.mark.parametrize(
    "text",
    [
        "A blogger claimed that a commander ordered his men to shoot any prisoners of war "
        "near Kupiansk.",
        "The general commanded the gunners to shell the villages on the far bank of the river.",
    ],
)
def test_an_act_ordered_or_commanded_is_an_intent(extract, text) -> None:
    assert [e.intent for e in extract(text).events] == [True]


def test_an_order_to_kill_is_no_incident(extract) -> None:
    a = extract(
        "A blogger claimed that a Russian commander ordered his troops to shoot any Ukrainian "
        "soldiers who try to surrender near Kupiansk. Russian forces struck military airfields "
        "in Poltava Oblast on March 21, the General Staff said."
    )
    assert a.incidents == []


def test_an_order_carried_out_is_still_an_act(extract) -> None:
    a = extract(
        "The officer ordered his men to open fire, and they shot two farmers dead in Kupiansk "
        "on 3 March."
    )
    assert [i.type for i in a.incidents] == ["killing_of_civilians"]


def test_the_place_footage_shows_an_act_near_is_its_place(extract) -> None:
    a = extract(
        "In one incident in early May 2023, near Stepove, Donetsk Oblast, drone footage shows "
        "Russian soldiers shooting two Ukrainian soldiers who had surrendered.",
        published="2023-06-20",
    )
    assert [i.place.name if i.place else None for i in a.incidents] == ["Stepove"]

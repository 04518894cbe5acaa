"""Who did an act, in the phrasings of reports the project was not developed on: a wire
story's dateline, a backer named in the doer's phrase, a common noun the tagger took for a
name, two agents the parser read as one, a division named by its army's possessive, a
victim named by a possessive, a group's possessive, a suspect beside his unit, a unit named
in another paragraph, the assailant of the sentence before, an order told beside the act,
the doers identified as a unit's men (events.py agents, assemble.py perpetrators)."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.knowledge.groups import find_groups
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, language: str = "en") -> Analysis:
        doc = Document.from_text(text, name="t", language=language)
        doc.published = "2025-03-12"
        return pipeline(doc)

    return run


def perpetrators(a: Analysis) -> list[set[str]]:
    return [{p.name for p in i.perpetrators} for i in a.incidents]


def everyone(a: Analysis) -> set[str]:
    return {p.name for i in a.incidents for p in i.perpetrators}


def test_the_agency_of_a_dateline_is_no_doer(extract) -> None:
    a = extract(
        "BUNIA, Congo (AP) — Rebels of the M23 group shot at least nine villagers in the "
        "town of Rutshuru on Feb. 3, 2025, local officials said."
    )
    assert perpetrators(a) == [{"M23"}]


@pytest.mark.parametrize("backer", ["Rwanda", "Kremlin"])
def test_the_state_that_backs_armed_men_is_no_doer(extract, backer: str) -> None:
    a = extract(
        f"{backer}-backed fighters shot 12 villagers in the town of Rutshuru on March 3, 2025, "
        "witnesses said."
    )
    assert a.incidents
    assert not any(backer[:5] in p for p in everyone(a))


@pytest.mark.parametrize(
    "agent",
    [
        "Jihadists from JNIM",  # a common noun the tagger takes for a people
        "Fighters of the al-Qaeda affiliate JNIM",  # the group the "of" phrase names
    ],
)
def test_the_group_the_men_are_of(extract, agent: str) -> None:
    a = extract(
        f"{agent} killed 14 traders at a market in the town of Djibo in northern Burkina "
        "Faso on May 11, 2025, residents said."
    )
    assert everyone(a) == {"JNIM"}


def test_an_army_and_foreign_fighters_read_as_one_noun_are_two_agents(extract) -> None:
    a = extract(
        "The army and foreign fighters killed at least 50 civilians in the village of Solenzo "
        "in Burkina Faso on March 10, witnesses told Human Rights Watch."
    )
    assert perpetrators(a) == [{"Burkinabe army", "foreign fighters"}]


def test_of_an_armys_division_the_division_did_it(extract) -> None:
    a = extract(
        "Servicemen of the Russian 1st Guards Tank Army's 2nd Motorized Rifle Division shot "
        "three Ukrainian prisoners of war near Kupiansk on March 4."
    )
    assert perpetrators(a) == [{"2nd Motorized Rifle Division"}]


def test_a_groups_possessive_names_the_group(extract) -> None:
    a = extract(
        "The RSF's assault on a camp for displaced people in North Darfur killed more than "
        "400 people in April 2025, the United Nations said."
    )
    assert perpetrators(a) == [{"Rapid Support Forces"}]
    assert find_groups("Hamas’s gunmen")[0][:2] == (0, 5)


def test_a_country_the_tagger_calls_an_organisation_names_its_army(extract) -> None:
    a = extract(
        "Burkina Faso's army killed at least 200 villagers, including children, in two "
        "villages in the north of the country on February 25, 2024, Human Rights Watch said."
    )
    assert perpetrators(a) == [{"Burkinabe army"}]


def test_suspects_named_beside_their_unit_are_the_doers_with_it(extract) -> None:
    a = extract(
        "The investigation established that in October 2022 the commander of a platoon of the "
        "126th Coastal Defence Brigade, Mykyta Sorokin, and his subordinate Roman Shyshkin "
        "detained a resident of Oleshky and beat him for three days."
    )
    assert {"Mykyta Sorokin", "Roman Shyshkin"} <= everyone(a)


def test_a_unit_named_in_another_paragraph_did_not_do_the_act(extract) -> None:
    a = extract(
        "Russian forces continued attacks in the south. Elements of the Russian 90th Tank "
        "Division reportedly advanced near Andriivka on March 9.\n\n"
        "Ukrainian officials reported on March 10 that Russian forces executed four Ukrainian "
        "prisoners of war near Novomykhailivka on March 8."
    )
    assert perpetrators(a) == [{"Russian forces"}]


@pytest.mark.parametrize(
    ("before", "doer"),
    [
        ("Russian forces shelled Kherson on March 8, 2025.", "Russian forces"),
        (
            "RSF fighters stormed the village of Wad al-Nourah on June 5, 2024.",
            "Rapid Support Forces",
        ),
    ],
)
def test_the_assailant_of_the_sentence_before_an_act_told_without_a_doer(
    extract, before: str, doer: str
) -> None:
    a = extract(f"{before} More than 20 villagers were killed, the local council said.")
    assert perpetrators(a) == [{doer}]


def test_a_force_that_only_tells_of_an_attack_before_is_no_doer(extract) -> None:
    a = extract(
        "Ukrainian forces said they had recaptured the village of Andriivka on March 8. "
        "The bodies of four civilians were found in a cellar, the local council said."
    )
    assert "Ukrainian forces" not in everyone(a)


def test_the_commander_who_ordered_it_in_the_sentence_after(extract) -> None:
    a = extract(
        "A Ukrainian brigade published footage on March 8 showing servicemen of the Russian "
        "5th Guards Tank Brigade shooting three Ukrainian soldiers who had surrendered. The "
        "brigade stated that the commander of the Russian unit, Colonel Ivan Petrov, ordered "
        "the killings."
    )
    assert "Ivan Petrov" in everyone(a)


def test_the_unit_the_doers_were_identified_as_men_of(extract) -> None:
    a = extract(
        "A Ukrainian brigade reported on March 9 that Russian forces shot three Ukrainian "
        "prisoners of war near Novotoretske. The brigade identified the perpetrators as "
        "servicemen of the Russian 80th Tank Regiment. Elements of the 6th Tank Regiment "
        "also attacked near the village."
    )
    assert perpetrators(a) == [{"80th Tank Regiment"}]


@pytest.mark.parametrize(
    ("text", "doers"),
    [
        (
            "Sloyanyan's murder in the village of Talish on April 2, 2016 shocked the country, "
            "his family said.",
            set(),
        ),
        (
            "Activists pointed to Hakobyan’s beheading and to the killing of three elderly "
            "villagers in Talish, who were shot dead in their home by Azerbaijani special "
            "forces on April 2.",
            {"Azerbaijani forces"},
        ),
    ],
)
def test_a_name_whose_death_the_act_was_is_no_doer(extract, text: str, doers: set[str]) -> None:
    a = extract(text)
    assert a.incidents  # the act stays, its doer unnamed where the text names none
    assert everyone(a) == doers


def test_without_a_parse_the_commander_who_ordered_it_before(extract) -> None:
    a = extract(
        "Командир роти 810-ї бригади морської піхоти Сергій Іванов віддав наказ розстріляти "
        "полонених. 2 березня 2025 року біля Кринок його підлеглі вбили п'ятьох українських "
        "військових, повідомили в ГУР.",
        language="uk",
    )
    assert len(a.incidents) == 1
    assert any("Ivanov" in p for p in everyone(a))


def test_without_a_parse_a_suspect_before_an_apposition_naming_his_unit(extract) -> None:
    a = extract(
        "Російський військовий Олексій Смирнов, навідник 64-ї окремої мотострілецької "
        "бригади, у березні 2022 року в Бучі катував цивільного чоловіка, повідомили в СБУ.",
        language="uk",
    )
    found = everyone(a)
    assert "64th Motorized Rifle Brigade" in found
    assert any("Smyrnov" in p or "Smirnov" in p for p in found)


@pytest.mark.parametrize(
    ("agent", "doers"),
    [
        # the act's verb read as a clause of the second noun joined by "and"
        (
            "Fighters from Hayat Tahrir al-Sham (HTS) and allied factions",
            {"Hayat Tahrir al-Sham", "allied factions"},
        ),
        # "allied" read as a verb whose subject is the group
        (
            "The Rapid Support Forces (RSF) and allied Arab militias",
            {"Rapid Support Forces", "allied Arab militias"},
        ),
    ],
)
def test_a_group_and_its_allies_both_did_it(extract, agent: str, doers: set[str]) -> None:
    a = extract(
        f"{agent} killed at least 120 civilians in the town of Al-Jeneina in West Darfur "
        "between January 10 and 14, 2025, Human Rights Watch said today."
        if "Rapid" in agent
        else f"{agent} executed at least 20 captured government soldiers near Aleppo on "
        "November 30, 2024, a monitor said."
    )
    assert perpetrators(a) == [doers]


def test_a_battalion_numbered_after_its_kind(extract) -> None:
    a = extract(
        "Residents said troops from Light Infantry Battalion 33 arrived in the village of Let "
        "Yet Kone on March 4, 2025, burned more than 200 houses and killed seven villagers."
    )
    assert perpetrators(a) == [{"Light Infantry Battalion 33"}]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's 47th Mechanized Brigade condemned the execution of three of its soldiers "
        "near Avdiivka on February 18, 2024.",
        "The 3rd Assault Brigade published footage of the execution of two Ukrainian soldiers "
        "near Bakhmut on March 5, 2025.",
    ],
)
def test_a_unit_that_tells_of_the_act_did_not_do_it(extract, text: str) -> None:
    a = extract(text)
    assert a.incidents
    assert not any("Brigade" in p for p in everyone(a))


def test_whom_a_warrant_is_issued_for_did_it_not_the_court(extract) -> None:
    a = extract(
        "The International Criminal Court issued arrest warrants for Vladimir Putin and Maria "
        "Lvova-Belova over the unlawful deportation of Ukrainian children from occupied areas "
        "of Ukraine to Russia."
    )
    assert perpetrators(a) == [{"Vladimir Putin", "Maria Lvova-Belova"}]


def test_a_body_named_with_its_mens_noun_is_named_by_its_name(extract) -> None:
    a = extract(
        "Released prisoners said FSB officers tortured them with electric shocks during "
        "interrogations in Kherson in 2022."
    )
    assert perpetrators(a) == [{"FSB"}]


@pytest.mark.parametrize("telling", ["described", "recalled", "testified about"])
def test_who_describe_an_act_did_not_do_it(extract, telling: str) -> None:
    a = extract(
        "The journalist was held in a remand prison near Rostov, a jail that freed Ukrainian "
        f"detainees have {telling} as a site of routine beatings by the guards."
    )
    assert "Ukrainian forces" not in everyone(a)


@pytest.mark.parametrize("telling", ["described", "recounted", "recalled"])
def test_who_describe_an_act_told_by_a_noun_did_not_do_it(extract, telling: str) -> None:
    a = extract(
        f"Ukrainian soldiers freed in the exchange {telling} beatings and electric shocks at "
        "a camp near Rostov."
    )
    assert "Ukrainian forces" not in everyone(a)


def test_who_receives_or_gathers_accounts_of_an_act_did_not_do_it(extract) -> None:
    a = extract(
        "The UN mission continued to receive allegations of ill-treatment of detained "
        "civilians in a penal colony near Melitopol."
    )
    assert "UN" not in everyone(a)


def test_armed_men_hung_from_the_verb_of_telling_did_the_act(extract) -> None:
    a = extract(
        "The Monitoring Mission received allegations of beatings of captured Russian soldiers "
        "by members of the Ukrainian armed forces near Kupiansk."
    )
    assert everyone(a) == {"Ukrainian forces"}


@pytest.mark.parametrize("looking", ["examined", "investigated", "reviewed"])
def test_who_looks_into_an_act_did_not_do_it(extract, looking: str) -> None:
    a = extract(
        f"The Commission also {looking} the Russian missile attacks on apartment blocks in "
        "Kharkiv on 3 May 2023 that killed 12 civilians."
    )
    assert everyone(a) == {"Russian forces"}


def test_soldiers_told_by_their_noun_are_the_one_foreign_force_named(extract) -> None:
    text = (
        "Russian troops held the village of Yahidne in Chernihiv Oblast for a month. "
        "Survivors said soldiers shot two men who went out to fetch water."
    )
    assert everyone(extract(text)) == {"Russian forces"}
    # the people's own country's soldiers are no foreign force
    text = "Survivors in Yahidne said soldiers shot two men who went out to fetch water."
    assert everyone(extract(text)) == set()


@pytest.mark.parametrize(
    "rejecting", ["rejecting Moscow's claim", "dismissing the Kremlin's version"]
)
def test_a_side_named_in_a_claim_the_report_rejects_did_not_do_it(extract, rejecting) -> None:
    a = extract(
        "A Russian missile struck a maternity clinic in Zaporizhzhia on Monday, killing two "
        f"nurses, the governor said, {rejecting} that a Ukrainian air-defence missile was to "
        "blame."
    )
    assert everyone(a) == {"Russian forces"}


def test_blame_the_parser_hangs_from_the_place_of_the_act(extract) -> None:
    # the parser hangs "attributed to" from the town, not the blast: no one is blamed for a town
    a = extract(
        "Mourners gathered in memory of a teacher killed last month in a dynamite blast in the "
        "mountain town attributed to the ELN."
    )
    assert "ELN" in everyone(a)


def test_a_name_the_tagger_reads_to_a_closing_bracket_stops_before_it(extract) -> None:
    # a wire's gloss of a group's initials, in brackets: the group's name holds no bracket
    a = extract(
        "Police blamed the pro-Cuban eln [Army of National Liberation], which kidnapped two "
        "oil engineers near the border on Monday."
    )
    assert everyone(a) == {"Army of National Liberation"}

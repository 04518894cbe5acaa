"""Date, place and count of an act told in styles the gold documents rarely use, on sentences
written for these tests: a town and the province it lies in are one place
(assemble._inside)."""

from __future__ import annotations

import pytest

from casefile.extract.assemble import places_conflict
from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document, Place


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, published: str = "2024-03-10") -> Analysis:
        return pipeline(Document.from_text(text, name="t", published=published, language="en"))

    return run


def test_a_town_and_the_province_it_lies_in_are_one_place(extract) -> None:
    a = extract(
        "A government air strike on a bakery in the town of Saraqib in Idlib province "
        "killed seven people on Friday."
    )
    assert [
        (i.place.name if i.place else None, i.count.best if i.count else None) for i in a.incidents
    ] == [("Saraqib", 7)]


def test_a_province_named_as_its_capital_holds_its_towns() -> None:
    town = Place("Saraqib", "SY", "Idlib", 35.86, 36.8, "settlement")
    province = Place("Idlib", "SY", "Idlib", 35.86, 36.62, "admin1")
    other = Place("Hama", "SY", "Hama", 35.2, 36.7, "admin1")
    assert not places_conflict([town], [province])
    assert not places_conflict([province], [town])
    assert places_conflict([town], [other])


@pytest.mark.parametrize(
    "text",
    [
        # a sentence of another day with no toll is passed over
        "A Russian glide bomb hit a clinic in Kupiansk on Thursday, killing four people. "
        "Rescue teams cleared the debris on Friday. The toll rose to six by evening.",
        # the day a risen toll is told on is not another act's
        "A Russian glide bomb hit a clinic in Kupiansk on Thursday, killing four people. "
        "The regional governor said on Saturday that the death toll had risen to six.",
    ],
)
def test_the_toll_a_later_sentence_says_it_rose_to(extract, text) -> None:
    a = extract(text, published="2024-03-10")
    assert [(i.count.low, i.count.best) for i in a.incidents if i.count] == [(4, 6)]


def _places(a: Analysis) -> list[str | None]:
    return [i.place.name if i.place else None for i in a.incidents]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # an event named like a place is no place (extract/places.py, _venue_name)
        ("Armed men stormed the Vesna dance festival on Saturday, killing 40 people.", None),
        # ... but a festival named for its town is in it
        ("A missile hit the Kharkiv book festival on Saturday, killing two people.", "Kharkiv"),
        # a hospital's name before the town it is in
        (
            "A drone hit the Kamal Adwan hospital in Beit Lahia on Monday, killing two people.",
            "Bayt Lāhyā",
        ),
        # a town's hospital in its region stays the town
        (
            "A drone hit the Izium central hospital in Kharkiv Oblast on Monday, killing two.",
            "Izium",
        ),
        (
            "A drone hit the Kherson regional hospital in Kherson on Monday, killing two people.",
            "Kherson",
        ),
        # a restaurant's name the gazetteer knows only as another place's other name
        (
            "A Russian missile struck the Ria Pizza restaurant in central Kramatorsk on Tuesday, "
            "killing four people.",
            "Kramatorsk",
        ),
        (
            "A missile hit the Ria Pizza restaurant on Tuesday evening, killing four people.",
            None,
        ),
        # ... but a cafe named for its village is in it
        ("A missile hit the Hroza cafe on Thursday, killing 50 people.", "Hroza"),
        # a community by its kind, which the NER reads as a person's name
        ("Gunmen shot dead eleven residents of Kibbutz Be'eri on Saturday.", "Be'eri"),
        (
            "Gunmen opened fire on a party near Kibbutz Re'im on Saturday, killing 30 people.",
            "Re'im",
        ),
    ],
)
def test_a_venue_or_community_named_like_a_place(extract, text, place) -> None:
    assert _places(extract(text, published="2023-10-20")) == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers crammed 25 villagers into the cellar of a farm in Yahidne for a week.",
        "Militiamen herded 25 residents into a school basement in Yahidne.",
    ],
)
def test_people_crammed_into_a_place_of_detention(extract, text) -> None:
    a = extract(text)
    found = [(i.type, i.count.best if i.count else None) for i in a.incidents]
    assert found == [("unlawful_detention", 25)]


def test_a_place_the_parse_hangs_from_no_act(extract) -> None:
    a = extract(
        "The prosecutor of the region, whose office covers Hoptivka, said the garage had "
        "served as a torture cell while the troops held the area."
    )
    assert _places(a) == ["Hoptivka"]


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("SLOVIANSK, Ukraine (AP) — ", "Sloviansk"),
        # a capital's dateline is a bureau's, not where it happened
        ("KYIV, Ukraine (AP) — ", None),
    ],
)
def test_the_town_of_a_dateline_places_the_lead_act(extract, dateline, place) -> None:
    a = extract(dateline + "A rocket slammed into a busy market on Monday morning, killing six.")
    assert _places(a) == [place]


@pytest.mark.parametrize(
    "text",
    [
        "HAMBURG, 4 MAR 90 (DPA) -- [TEXT] GUNMEN SHOT DEAD A GERMAN AGRONOMIST AND HIS DRIVER "
        "ON SATURDAY, HIS EMPLOYER SAID TODAY.  THE AGRONOMIST HAD WORKED ON IRRIGATION "
        "PROJECTS NEAR AYACUCHO AND HUANTA SINCE 1985.",
        "Hamburg, 4 Mar 90 (DPA) -- [Text] Gunmen shot dead a German agronomist and his driver "
        "on Saturday, his employer said today.  The agronomist had worked on irrigation "
        "projects near Ayacucho and Huanta since 1985.",
    ],
)
def test_a_dateline_town_abroad_does_not_place_the_lead_act(extract, text) -> None:
    # the rest of the report is about another country: the wire files from its own office
    a = extract(text, published="1990-03-04")
    assert _places(a) == [None]


@pytest.mark.parametrize("speaker", ["Vargas", "Mendoza"])
def test_a_transcripts_speaker_label_is_no_place(extract, speaker) -> None:
    # a surname that is also a town's name, in the brackets that tell who speaks
    a = extract(
        "Quito, 3 Mar 90 (Radio Quito) -- [Interview with the police chief by a reporter; "
        "place and date not given]\n\n"
        "   [Reporter] Colonel, what can you tell us about last night?\n\n"
        f"   [{speaker}] A bomb went off in a crowded market on Tuesday, killing three women.\n",
        published="1990-03-04",
    )
    assert speaker not in [m.text for m in a.mentions_of("place")]
    assert _places(a) == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to reporters in San Miguel, the defense minister said that guerrillas had "
        "killed three peasants on Sunday.",
        "The army communique, issued in Santa Ana, says that the terrorists murdered a mayor "
        "and his two bodyguards on Sunday.",
        "The defense minister said in San Miguel that guerrillas had killed three peasants on "
        "Sunday.",
    ],
)
def test_where_an_act_was_told_does_not_place_it(extract, text) -> None:
    # the town hangs from the verb of telling: where the report was made, not the act
    assert _places(extract(text, published="1990-03-04")) == [None]


def test_the_town_of_the_act_in_a_report_is_still_its_place(extract) -> None:
    a = extract(
        "Guerrillas killed three peasants in San Miguel on Sunday, the defense minister said.",
        published="1990-03-04",
    )
    assert _places(a) == ["San Miguel"]


def test_the_names_in_an_armed_fronts_name_are_no_places(extract) -> None:
    # a front named after people whose surnames are also towns' names
    a = extract(
        "Rebels of the Mendoza Vargas Eastern Front ambushed a bus on Tuesday, killing two "
        "passengers, the radio said.",
        published="1990-03-04",
    )
    assert [m.text for m in a.mentions_of("place")] == []
    assert _places(a) == [None]


def test_a_name_in_brackets_after_a_word_is_still_a_place(extract) -> None:
    # a translator's gloss inside a sentence says where, unlike a label opening it
    a = extract(
        "Gunmen shot dead a judge on Monday in the provincial capital [Mendoza], police said.",
        published="1990-03-04",
    )
    assert "Mendoza" in [m.text for m in a.mentions_of("place")]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The death toll from Friday's strike on the Dnipro hostel has risen to 14.", 14),
        ("The toll of the shelling of the Kherson bus stop stood at 7 on Sunday.", 7),
    ],
)
def test_a_toll_told_with_the_act_it_is_of(extract, text, best) -> None:
    a = extract(text)
    assert [i.count.best for i in a.incidents if i.count] == [best]


def test_the_next_sentence_tells_when_the_victims_were_killed(extract) -> None:
    a = extract(
        "The bodies of nine civilians were found in a mass grave near the village of Motyzhyn "
        "last week, police said. The victims were shot in March, investigators believe.",
        published="2022-05-04",
    )
    assert [(i.date.start, i.date.end) if i.date else None for i in a.incidents] == [
        ("2022-03", "2022-03")
    ]


def test_two_people_named_one_by_one_are_the_toll(extract) -> None:
    a = extract(
        "On 2 March 2024 Russian artillery shelled Vovchansk. A 70-year-old man and a "
        "66-year-old woman were killed."
    )
    assert [i.count.best for i in a.incidents if i.count] == [2]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the sentence that comes back to the act names its village
        (
            "Militiamen attacked a village in Sudan's Gezira state, killing 40 people, "
            "witnesses said Friday. The attack on Umm Kuraba village came on Thursday.",
            "Umm Kuraba",
        ),
    ],
)
def test_a_village_named_after_the_region_the_act_is_told_in(extract, text, place) -> None:
    assert _places(extract(text)) == [place]


def test_two_villages_named_before_their_plural_noun(extract) -> None:
    a = extract("Jets bombed Let Kone and Sin Taung villages in Magway region on Monday.")
    assert [m.text for m in a.mentions_of("place")][:2] == ["Let Kone", "Sin Taung"]


def test_acts_joined_by_and_share_when_where_and_how_many(extract) -> None:
    a = extract(
        "Witnesses said soldiers detained and tortured at least 12 men in the village of "
        "Hoptivka in May 2022."
    )
    found = {i.type: (i.count.best if i.count else None) for i in a.incidents}
    assert found == {"unlawful_detention": 12, "torture": 12}


def test_the_day_a_risen_toll_is_told_as_of_does_not_date_the_act(extract) -> None:
    a = extract(
        "The death toll from a drone strike on a hostel in Odesa rose to 12 on Monday. "
        "The attack happened early on Saturday.",
        published="2024-03-05",
    )
    assert [(i.date.start, i.date.end) if i.date else None for i in a.incidents] == [
        ("2024-03-02", "2024-03-02")
    ]


def test_without_a_parse_the_toll_a_later_sentence_says_it_rose_to() -> None:
    pipeline = Pipeline.from_settings()
    a = pipeline(
        Document.from_text(
            "Уночі 3 березня росіяни вдарили дроном по будинку в Херсоні. Загинули четверо "
            "людей. Згодом кількість загиблих зросла до шести.",
            name="t",
            published="2024-03-05",
            language="uk",
        )
    )
    assert [(i.count.low, i.count.best) for i in a.incidents if i.count] == [(4, 6)]


def test_a_mother_and_her_children_are_counted_together(extract) -> None:
    a = extract("A drone hit a house in Kherson on Monday, killing a mother and her two sons.")
    assert [i.count.best for i in a.incidents if i.count] == [3]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a village named before its township and region, though its words are English
        (
            "Junta soldiers killed nine villagers in Let Taw village, Kani township, Sagaing "
            "region, on May 9.",
            "Let Taw",
        ),
        # a commune
        (
            "Militants killed 15 civilians in the commune of Barsalogho in the Centre-Nord "
            "region last Saturday.",
            "Barsalogho",
        ),
    ],
)
def test_a_settlement_a_word_introduces_before_its_region(extract, text, place) -> None:
    assert _places(extract(text, published="2024-06-07")) == [place]


def test_a_person_held_and_then_tortured_is_the_torture_s_victim(extract) -> None:
    a = extract(
        "Soldiers held a farmer in a cellar in Hrakove for five days and tortured him with "
        "electric shocks in April 2022."
    )
    found = {i.type: (i.count.best if i.count else None) for i in a.incidents}
    assert found == {"unlawful_detention": 1, "torture": 1}


def test_a_figure_of_those_who_tell_counts_no_victims(extract) -> None:
    """The witness who tells of an act is its subject of telling (events.TELLER_LEMMAS), not
    a victim; the figure of the next sentence counts them."""
    a = extract(
        "A Ukrainian soldier who testified before investigators said Russian troops executed "
        "wounded comrades near Pokrovsk in October. He said he saw six prisoners shot."
    )
    assert [i.count.best if i.count else None for i in a.incidents] == [6]


def test_the_subject_of_a_bare_participle_is_what_the_act_was_done_to(extract) -> None:
    """ "saw four men shot": the participle is passive in sense (events._bare_participle), so
    its subject is counted as the victims, not read as the doers."""
    a = extract(
        "Residents of Vovchansk said on Monday they had seen three civilians shot near the "
        "bridge on Saturday."
    )
    assert [i.count.best if i.count else None for i in a.incidents] == [3]


def test_the_people_the_figure_counts_are_the_victims_category(extract) -> None:
    """ "the torture of 11 civilians" held in a jail: the figure names civilians, so a word of
    captivity later in the group ("former detainees") does not make them prisoners of war."""
    a = extract(
        "Investigators documented the torture of 11 civilians in a cellar under the school in "
        "Kupiansk while the town was occupied in 2022. Former detainees described beatings."
    )
    assert [(i.type, i.victim_category) for i in a.incidents] == [("torture", "civilian")]


@pytest.mark.parametrize(
    "text",
    [
        "Police in the capital said gunmen shot dead three U.S. engineers on Friday.",
        "A car bomb wrecked the U.S. consulate's garage on Friday, wounding two guards.",
    ],
)
def test_a_country_before_a_noun_tells_whose_not_where(extract, text) -> None:
    # "<country> engineers": whose the victims or the building are, not where the act was
    assert _places(extract(text, published="1990-03-04")) == [None]


def test_a_country_after_a_preposition_still_places_the_act(extract) -> None:
    a = extract("Gunmen shot dead three engineers in Peru on Friday.", published="1990-03-04")
    assert _places(a) == ["Peru"]


def test_a_cartel_named_after_a_city_is_no_place(extract) -> None:
    # a criminal organisation named after its home town did it; the town is not the place
    a = extract(
        "The suspect is a gunman paid by the Cali Cartel and is tied to the murders of two "
        "judges last week.",
        published="1990-03-04",
    )
    assert _places(a) == [None]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a bank's name that opens with a word the gazetteer knows as a small town
        ("A bomb went off at a Banco Popular branch on Tuesday, wounding two customers.", None),
        ("A bomb went off at the Banco de Occidente on Tuesday, wounding two customers.", None),
        # ... but a town's name before a venue's word is where the venue is
        ("A missile hit the Izium Drama Theatre on Monday, killing two people.", "Izium"),
    ],
)
def test_a_name_that_goes_on_after_a_towns_name(extract, text, place) -> None:
    assert _places(extract(text, published="1990-03-04")) == [place]


def test_the_day_of_the_deaths_an_act_caused_is_its_day(extract) -> None:
    """ "two women died when shells hit their homes ..., on Friday": where the parse hangs the
    day from the dying (events._attachment), it is the day of the act that caused it, not
    a day an earlier sentence tells of another act."""
    a = extract(
        "Kharkiv regional governor Oleh Syniehubov said on Sunday that a Russian guided aerial "
        "bomb struck a residential neighbourhood in the city's Saltivskyi district late on "
        "Saturday evening, killing three people. Separately, two elderly women died when "
        "artillery shells hit their homes in the village of Lukiantsi, north of Kharkiv, on "
        "Friday, the governor added.",
        published="2024-08-12",
    )
    assert [i.date.start if i.date else None for i in a.incidents] == [
        "2024-08-10",
        "2024-08-09",
    ]


def test_a_day_told_past_a_retelling_of_the_act_dates_it(extract) -> None:
    """The sentence that says when the act took place may come after one that retells it in
    words no kept act took (Assembler.told_when, tells_another)."""
    a = extract(
        "Ukraine's Prosecutor General's Office has opened an investigation into the killing of "
        "two Ukrainian prisoners of war near the village of Robotyne in Zaporizhzhia region. "
        "Drone footage published on Telegram appears to show Russian soldiers forcing the men "
        "to kneel before shooting them. Prosecutors said the shooting took place on May 3.",
        published="2024-05-10",
    )
    assert [(i.type, i.date.start if i.date else None) for i in a.incidents] == [
        ("execution_of_pows", "2024-05-03")
    ]

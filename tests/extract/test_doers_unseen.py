"""Who did an act and when, in reports the project was not developed on: the side a
report blames for an act told without a doer, a capital standing for its state's forces, a
country the tagger took for a person, a unit of another act of the same kind, the day a
source says the act took place (events.py, assemble.py perpetrators and dates)."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, published: str | None = "2024-10-16", title: str | None = None) -> Analysis:
        doc = Document.from_text(text, name="t", language="en", title=title)
        doc.published = published
        return pipeline(doc)

    return run


def perpetrators(a: Analysis) -> list[set[str]]:
    return [{p.name for p in i.perpetrators} for i in a.incidents]


def dates(a: Analysis) -> list[tuple[str | None, str | None] | None]:
    return [(i.date.start, i.date.end) if i.date else None for i in a.incidents]


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "A rocket hit a crowded bakery in the town of Vuhledar on Monday, killing nine "
            "people, local officials said. They blamed the attack on Russian troops.",
            "Russian forces",
        ),
        (
            "A guided bomb fell on a playground in the city of Sloviansk on Sunday, killing "
            "four children. Regional authorities attributed the strike to Russia.",
            "Russian forces",
        ),
        (
            "Shells landed on a bus stop in the town of Horlivka on Saturday morning, killing "
            "six civilians. The town's Moscow-installed mayor blamed Ukrainian forces.",
            "Ukrainian forces",
        ),
        (
            "On 12 August, an explosion tore through a crowded market in the town of "
            "Volnovakha.\n\nIt killed at least 30 shoppers.\n\n"
            "Kyiv accused Moscow of an intentional war crime against civilians.",
            "Russian forces",
        ),
        (
            "Armed men shot dead 14 worshippers at a mosque in the village of Tawori on "
            "Friday evening, residents said, blaming the Allied Democratic Forces.",
            "Allied Democratic Forces",
        ),
    ],
)
def test_the_side_a_report_blames_for_an_act_told_without_a_doer(
    extract, text: str, doer: str
) -> None:
    a = extract(text)
    assert perpetrators(a) == [{doer}]


def test_a_denial_blaming_the_other_side_names_no_doer(extract) -> None:
    a = extract(
        "A rocket hit a crowded bakery in the town of Vuhledar on Monday, killing nine "
        "people, local officials said. Moscow denied any role and blamed Ukrainian troops."
    )
    assert perpetrators(a) == [set()]


@pytest.mark.parametrize(
    ("agent", "doer"),
    [("Kyiv forces", "Ukrainian forces"), ("Moscow's troops", "Russian forces")],
)
def test_a_capital_named_for_its_state_s_forces(extract, agent: str, doer: str) -> None:
    a = extract(
        f"{agent} shelled a market in the town of Pervomaisk on Sunday, killing seven "
        "shoppers, the local administration said."
    )
    assert perpetrators(a) == [{doer}]


def test_a_country_the_tagger_takes_for_a_person_names_its_military(extract) -> None:
    a = extract(
        "(Dakar) – Burkina Faso's military killed at least 60 villagers, among them 15 "
        "children, in the village of Tanwalbougou in the country's east on March 3, 2024, "
        "Amnesty International said today."
    )
    assert perpetrators(a) == [{"Burkinabe military"}]


def test_a_unit_of_another_act_of_the_same_kind_is_no_doer_of_this_one(extract) -> None:
    a = extract(
        "In one case, Russian soldiers near the village of Ivanivka shot two Ukrainian "
        "prisoners of war in September 2024, the monitors found.\n\n"
        "In another case, in late July 2024, servicemen of the Russian 810th Naval Infantry "
        "Brigade executed five captured Ukrainian soldiers near Krynky."
    )
    assert perpetrators(a) == [{"Russian forces"}, {"810th Naval Infantry Brigade"}]


@pytest.mark.parametrize(
    "after",
    [
        "Ukrainian prosecutors said the killings took place on October 9.",
        "Police said the attack occurred late on October 9.",
    ],
)
def test_the_day_a_source_says_the_act_took_place(extract, after: str) -> None:
    a = extract(
        "A video posted on Telegram on October 12 shows Russian soldiers near the village of "
        f"Ivanivka shooting three Ukrainian soldiers who had surrendered. {after}"
    )
    assert dates(a) == [("2024-10-09", "2024-10-09")]


def test_a_soldier_named_after_his_rank_is_named_in_full(extract) -> None:
    a = extract(
        "On 5 March 2022, Sergeant Artem Volkov of the 4th Guards Tank Division fired at a "
        "house in the village of Novyi Bykiv, killing two civilians, prosecutors said."
    )
    assert perpetrators(a) == [{"Artem Volkov", "4th Tank Division"}]


@pytest.mark.parametrize("agent", ["The military junta's troops", "The regime's soldiers"])
def test_troops_of_a_junta_named_by_its_possessive_are_the_state_s_forces(
    extract, agent: str
) -> None:
    a = extract(
        f"{agent} burned houses and shot dead at least 11 villagers in Yinmabin township in "
        "Myanmar's Sagaing Region on Tuesday, residents said."
    )
    assert perpetrators(a) == [{"Myanmar military"}]


def test_a_court_s_verdict_and_the_soldier_named_with_his_unit_tell_one_act(extract) -> None:
    a = extract(
        "A court in Sumy region sentenced a Russian artillery commander to 11 years in prison "
        "in absentia for shelling a school in the village of Krasnopillia.\n\n"
        "Prosecutors proved that on 7 March 2022, Lieutenant Pavel Orlov of the 4th Guards "
        "Tank Division fired at the school, killing a teacher."
    )
    assert perpetrators(a) == [{"Pavel Orlov", "4th Tank Division"}]


@pytest.mark.parametrize(
    ("title", "doer"),
    [
        ("Russian missile strike on Kharkiv kills eight", "Russian forces"),
        ("RSF fighters kill dozens in Darfur village, medics say", "Rapid Support Forces"),
        ("Israeli airstrike on school shelter kills 20", "Israel Defense Forces"),
    ],
)
def test_the_doer_the_headline_names_where_the_text_names_none(
    extract, title: str, doer: str
) -> None:
    a = extract(
        "A strike hit a crowded school in the town of Kalma on Tuesday, killing at least "
        "eight people, local officials said.",
        title=title,
    )
    assert perpetrators(a) == [{doer}]


@pytest.mark.parametrize(
    "title",
    ["Ukraine alleges torture at a village near the border", "Governor reports strike on town"],
)
def test_who_a_headline_says_tells_of_the_act_is_no_doer(extract, title: str) -> None:
    a = extract(
        "A shell hit a bakery in the village of Krasnopillia on Tuesday, killing two people, "
        "local officials said.",
        title=title,
    )
    assert perpetrators(a) == [set()]


@pytest.mark.parametrize(
    "after",
    [
        # the parse hangs the second unit where only the words between say both are doers
        "Kyiv stated that servicemen of the Russian 810th Naval Infantry Brigade and the 76th "
        "Guards Air Assault Division committed the executions.",
        "Kyiv said marines of the Russian 810th Naval Infantry Brigade and the 76th Guards Air "
        "Assault Division carried out the executions.",
    ],
)
def test_the_doers_a_sentence_after_the_act_names_did_it(extract, after: str) -> None:
    a = extract(
        "Russian forces executed five Ukrainian POWs near Glushkovo, Kursk Oblast, on "
        f"October 3. {after}"
    )
    assert perpetrators(a) == [{"810th Naval Infantry Brigade", "76th Air Assault Division"}]


def test_the_enemy_of_an_invaded_country_is_the_invader_s_forces(extract) -> None:
    a = extract(
        "In the morning the enemy shelled the village of Bilozerka in Kherson Oblast with "
        "artillery, killing a 64-year-old man, the regional military administration said."
    )
    assert perpetrators(a) == [{"Russian forces"}]


def test_the_enemy_elsewhere_names_no_one(extract) -> None:
    a = extract(
        "The enemy shelled the village of Tenancingo in Cuscatlan department on Monday, "
        "killing three peasants, the army said."
    )
    assert all(not ps for ps in perpetrators(a))


def test_the_days_the_next_sentence_gives_inside_last_week(extract) -> None:
    a = extract(
        "Rebels killed at least 40 villagers in the village of Kitchanga last week, UN "
        "investigators said on Wednesday.\n\nThe victims were killed on October 8 and 9 in "
        "reprisal for clashes with a local militia."
    )
    assert dates(a) == [("2024-10-08", "2024-10-09")]


def test_a_lead_that_lays_the_period_s_toll_on_a_force_names_the_doer(extract) -> None:
    a = extract(
        "From 1 to 30 September 2024, the monitors recorded 120 civilians killed. Most "
        "casualties were caused by Russian armed forces using glide bombs.\n\n"
        "On 12 September, a guided bomb hit a hospital in the town of Sviatohirsk, killing "
        "four patients."
    )
    assert perpetrators(a) == [{"Russian forces"}]


def test_a_sentence_that_lays_the_act_on_no_one_is_not_parsed_for_it() -> None:
    from casefile.config import Settings
    from casefile.extract.events import blamed_party

    text = (
        "Russian forces advanced near Kupiansk on Monday. "
        "Officials blamed Russian forces for the shelling."
    )
    a = Pipeline.from_settings()(Document.from_text(text, name="t", published="2024-03-12"))
    a.parses.pop(0, None)
    assert blamed_party(a, 0, Settings().model) == []
    assert 0 not in a.parses  # no word of blame: the parser was not run for it
    assert [m.text for m in blamed_party(a, 1, Settings().model)] == ["Russian forces"]

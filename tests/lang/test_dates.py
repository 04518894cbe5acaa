"""Ukrainian and Russian dates: each kind of phrase and what it resolves to.

Publication date 2024-07-10 is a Wednesday; phrases are ours."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack

WED = "2024-07-10"


def one(code: str, text: str, published: str | None) -> tuple[str, str | None, str | None]:
    found = get_pack(code).dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m.text, m.range.start, m.range.end


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("обстріл стався у жовтні 2024 року", None, "2024-10", "2024-10"),
        ("це було 8 липня", WED, "2024-07-08", "2024-07-08"),
        ("це було 28 грудня", WED, "2023-12-28", "2023-12-28"),  # not after publication
        ("8 липня 2022 року", None, "2022-07-08", "2022-07-08"),
        ("минулого тижня окупанти", WED, "2024-07-01", "2024-07-07"),
        ("у ніч на 8 липня", WED, "2024-07-07", "2024-07-08"),
        ("уночі на 8 липня", WED, "2024-07-07", "2024-07-08"),
        ("вночі проти неділі", WED, "2024-07-06", "2024-07-07"),
        ("у ніч з 5 на 6 червня 2023 року", None, "2023-06-05", "2023-06-06"),
        ("з 7 по 9 березня 2022 року", None, "2022-03-07", "2022-03-09"),
        ("7-9 березня 2022 року", None, "2022-03-07", "2022-03-09"),
        ("з 2022 року", WED, "2022", "2024-07-10"),
        ("у 2023 році", None, "2023", "2023"),
        ("станом на 08.07.2024", None, "2024-07-08", "2024-07-08"),
        ("вчора ввечері", WED, "2024-07-09", "2024-07-09"),
        ("у понеділок", WED, "2024-07-08", "2024-07-08"),
        ("минулої середи", WED, "2024-07-03", "2024-07-03"),
        ("влітку 2023 року", None, "2023-06", "2023-08"),
        ("у травні", WED, "2024-05", "2024-05"),
        ("з 20 квітня по 2 травня 2023 року", None, "2023-04-20", "2023-05-02"),
        ("з 30 грудня 2022 року до 4 січня 2023 року", None, "2022-12-30", "2023-01-04"),
        ("з 28 червня по 3 липня", WED, "2024-06-28", "2024-07-03"),
        ("у ніч на суботу", WED, "2024-07-05", "2024-07-06"),
        ("минулої ночі", WED, "2024-07-09", "2024-07-10"),
        ("протягом доби", WED, "2024-07-09", "2024-07-10"),
        ("напередодні", WED, "2024-07-09", "2024-07-09"),
        ("у ніч з п'ятниці на суботу", WED, "2024-07-05", "2024-07-06"),
        ("у вихідні", WED, "2024-07-06", "2024-07-07"),
        ("за останню добу", WED, "2024-07-09", "2024-07-10"),
        ("за останні 24 години", WED, "2024-07-09", "2024-07-10"),
        ("в кінці червня", WED, "2024-06", "2024-06"),
    ],
)
def test_ukrainian_phrase_resolves(
    text: str, published: str | None, start: str, end: str | None
) -> None:
    assert one("uk", text, published)[1:] == (start, end)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("в ночь на 8 июля", WED, "2024-07-07", "2024-07-08"),
        ("в ночь с 7 на 8 июля 2024 года", None, "2024-07-07", "2024-07-08"),
        ("на прошлой неделе", WED, "2024-07-01", "2024-07-07"),
        ("в октябре 2023 года", None, "2023-10", "2023-10"),
        ("15 августа", WED, "2023-08-15", "2023-08-15"),
        ("в 2022 году", None, "2022", "2022"),
        ("с февраля 2022 года", WED, "2022-02", "2024-07-10"),
        ("вчера", WED, "2024-07-09", "2024-07-09"),
        ("в прошлую пятницу", WED, "2024-07-05", "2024-07-05"),
        ("зимой 2023 года", None, "2022-12", "2023-02"),
        ("с 27 мая по 4 июня 2023 года", None, "2023-05-27", "2023-06-04"),
        ("в ночь на понедельник", WED, "2024-07-07", "2024-07-08"),
        ("этой ночью", WED, "2024-07-09", "2024-07-10"),
        ("накануне", WED, "2024-07-09", "2024-07-09"),
        ("в ночь с субботы на воскресенье", WED, "2024-07-06", "2024-07-07"),
        ("в минувшие выходные", WED, "2024-07-06", "2024-07-07"),
        ("в выходные", "2024-07-06", "2024-07-06", "2024-07-06"),  # a Saturday: so far
        ("за последние сутки", WED, "2024-07-09", "2024-07-10"),
        ("за последние 24 часа", WED, "2024-07-09", "2024-07-10"),
        ("на минувшей неделе", WED, "2024-07-01", "2024-07-07"),
    ],
)
def test_russian_phrase_resolves(
    text: str, published: str | None, start: str, end: str | None
) -> None:
    assert one("ru", text, published)[1:] == (start, end)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "загинули 2000 осіб"),  # a count, not a year
        ("uk", "Травень"),  # a bare month name without a cue or a year
        ("ru", "понедельник"),  # a weekday without a preposition
        ("uk", "8 липня"),  # needs the publication date: none given below
    ],
)
def test_not_a_date_or_not_resolvable(code: str, text: str) -> None:
    assert get_pack(code).dates(text, None) == []


def test_english_pack_uses_the_english_rules() -> None:
    (m,) = get_pack("en").dates("shelled on 16 February 2024", None)
    assert (m.text, m.range.start) == ("on 16 February 2024", "2024-02-16")


@pytest.mark.parametrize(
    ("code", "text", "published", "day"),
    [
        # a day told without its year after a date that states one: that year
        (
            "uk",
            "5 березня 2022 року вони зайшли в село. 7 березня стався обстріл.",
            WED,
            "2022-03-07",
        ),
        ("ru", "В марте 2022 года их задержали. 9 марта их вывезли.", WED, "2022-03-09"),
        # or the next, where the day comes earlier in the year
        (
            "uk",
            "28 грудня 2023 року почалися удари. 3 січня обстріл повторився.",
            WED,
            "2024-01-03",
        ),
        # no date stated with a month before it: the publication's year
        ("uk", "У 2022 році почалася війна. 3 липня стався обстріл.", WED, "2024-07-03"),
        # without a publication date, the story's year still dates it
        (
            "uk",
            "5 березня 2022 року вони зайшли в село. 7 березня стався обстріл.",
            None,
            "2022-03-07",
        ),
    ],
)
def test_a_day_without_its_year_takes_the_storys_year(
    code: str, text: str, published: str | None, day: str
) -> None:
    found = get_pack(code).dates(text, published)
    assert found[-1].range.start == day


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("uk", "Це сталося у 2022 році. 5 березня окупанти увійшли", "2022-03-05"),
        ("ru", "События 2023 года. 8 мая оккупанты", "2023-05-08"),
    ],
)
def test_without_a_publication_date_a_day_takes_the_one_year_the_text_states(
    code: str, text: str, expected: str
) -> None:
    days = [
        m for m in get_pack(code).dates(text, None) if m.range.start and len(m.range.start) == 10
    ]
    assert [m.range.start for m in days] == [expected]


def test_without_a_publication_date_or_a_year_a_day_is_no_date() -> None:
    assert get_pack("uk").dates("5 березня окупанти увійшли", None) == []


@pytest.mark.parametrize(
    ("code", "text", "start", "end"),
    [
        ("uk", "07.07 близько 14:00 пролунали вибухи", "2024-07-07", "2024-07-07"),
        ("ru", "29.12 около полудня", "2023-12-29", "2023-12-29"),  # not after publication
        ("uk", "станом на 06.07.24", "2024-07-06", "2024-07-06"),
        ("uk", "три дні тому окупанти", "2024-07-07", "2024-07-07"),
        ("uk", "2 тижні тому", "2024-06-26", "2024-06-26"),
        ("uk", "тиждень тому", "2024-07-03", "2024-07-03"),
        ("ru", "пять дней назад", "2024-07-05", "2024-07-05"),
        ("ru", "неделю назад", "2024-07-03", "2024-07-03"),
        ("uk", "Вночі окупанти атакували місто", "2024-07-09", "2024-07-10"),
        ("ru", "Ночью враг атаковал город", "2024-07-09", "2024-07-10"),
        ("ru", "ночью на 8 июля", "2024-07-07", "2024-07-08"),
        (
            "uk",
            "з початку повномасштабного вторгнення 24 лютого 2022 року",
            "2022-02-24",
            "2024-07-10",
        ),
        ("ru", "с начала войны 24 февраля 2022 года", "2022-02-24", "2024-07-10"),
        ("uk", "від початку повномасштабного вторгнення", "2022-02-24", "2024-07-10"),
        ("ru", "с начала полномасштабного вторжения", "2022-02-24", "2024-07-10"),
    ],
)
def test_days_in_digits_days_ago_the_night_and_since_the_start_of(
    code: str, text: str, start: str, end: str
) -> None:
    assert one(code, text, WED)[1:] == (start, end)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "о 10.30 пролунав вибух"),  # a time of day
        ("uk", "збитки сягнули 10.05 млн гривень"),  # a figure
        ("uk", "кілька днів тому"),  # how many days, the text does not say
        ("ru", "несколько дней назад"),
    ],
)
def test_not_a_day_in_digits_nor_a_number_of_days_ago(code: str, text: str) -> None:
    assert get_pack(code).dates(text, WED) == []

"""Full-text search of incidents (#10), on SQLite (FTS5) and PostgreSQL (tsvector) alike: the
summary, place, perpetrators and type as analysts left them, stemmed, every word, hits marked
in the summary; facets by year and language follow the search."""

from __future__ import annotations

import pytest

from casefile.review import judge
from casefile.store import Store
from casefile.store.view import IncidentQuery


def found(store: Store, words: str, **filters: object) -> set[str]:
    page = store.view.page_incidents(IncidentQuery(search=words, limit=None, **filters))
    assert page.total == len(page.items)
    return {i.incident.summary for i in page.items}


@pytest.mark.parametrize(
    ("words", "summaries"),
    [
        ("POW shots", {"Six POWs shot near Pokrovsk.", "Nine POWs shot in Kursk Oblast."}),
        ("Bucha beaten", {"Detainees beaten in Bucha."}),  # every word, in any field
        ("Donetsk", {"Six POWs shot near Pokrovsk."}),  # the region
        ("64th brigade", {"Detainees beaten in Bucha.", "Civilians shot in Bucha."}),
        ("torture", {"Detainees beaten in Bucha."}),  # the type
        ("cafe tanks", set()),
    ],
)
def test_search_reads_every_text_of_an_incident(
    stocked: tuple[Store, dict[str, str]], words: str, summaries: set[str]
) -> None:
    store, _ = stocked
    assert found(store, words) == summaries


def test_search_reads_the_analysts_values(stocked: tuple[Store, dict[str, str]]) -> None:
    store, ids = stocked
    target = ids["Six POWs shot near Pokrovsk."]
    place = {"name": "Izium", "country": "UA", "admin1": "Kharkiv Oblast", "lat": 49.2, "lon": 37.3}
    judge(store, "ana", "incident", target, "edit", "from the video", "place", place)
    assert found(store, "Izium") == {"Six POWs shot near Pokrovsk."}
    assert found(store, "Donetsk") == set()  # the machine's region is no longer in force
    judge(
        store,
        "ana",
        "incident",
        target,
        "edit",
        "wording",
        "summary",
        "Captives hanged at a checkpoint.",
    )
    assert found(store, "hanged") == {"Captives hanged at a checkpoint."}
    assert found(store, "checkpoint", status=["confirmed"]) == set()  # with the other filters
    assert found(store, "POWs shot") == {"Nine POWs shot in Kursk Oblast."}


def test_hits_are_marked_in_the_summary(stocked: tuple[Store, dict[str, str]]) -> None:
    store, _ = stocked
    [item] = store.view.page_incidents(IncidentQuery(search="beaten")).items
    assert item.hit is not None
    assert [text for text, hit in item.hit if hit] == ["beaten"]
    assert {"text": "beaten", "hit": True} in item.to_record()["hit"]
    plain = store.view.page_incidents(IncidentQuery(type="torture")).items[0]
    assert "hit" not in plain.to_record()


@pytest.mark.parametrize("words", ['"', "NEAR(a b)", "shot*", "a OR", "-", "' OR 1=1 --"])
def test_search_input_is_words_not_syntax(
    stocked: tuple[Store, dict[str, str]], words: str
) -> None:
    store, _ = stocked
    page = store.view.page_incidents(IncidentQuery(search=words, limit=None))
    assert page.total == len(page.items)


def test_facets_by_year_and_language_follow_the_search(
    stocked: tuple[Store, dict[str, str]],
) -> None:
    store, _ = stocked
    view = store.view
    assert view.count_incidents_by_field("year") == {"2022": 2, "2024": 2, "2023": 1}
    q = IncidentQuery(search="shot")
    assert view.count_incidents_by_field("year", q) == {"2024": 2, "2022": 1}
    assert view.count_incidents_by_field("type", q) == {
        "execution_of_pows": 2,
        "killing_of_civilians": 1,
    }
    assert set(view.count_incidents_by_field("language")) <= {"en"}


def test_a_common_word_pages_alike_either_way(
    stocked: tuple[Store, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MANY_MATCHES a page walks the list's order instead of sorting the matches: the
    same page, in the same order, with the same total, by offset and by cursor."""
    import casefile.store.view as view_module

    store, _ = stocked

    def pages() -> list[tuple[list[str], int, str | None]]:
        out = []
        for sort in ("date", "-date", "place"):
            q = IncidentQuery(search="shot", sort=sort, limit=2)
            first = store.view.page_incidents(q)
            second = store.view.page_incidents(
                IncidentQuery(search="shot", sort=sort, limit=2, after=first.next)
            )
            for page in (first, second):
                out.append(([i.id for i in page.items], page.total, page.next))
        return out

    sorted_matches = pages()
    monkeypatch.setattr(view_module, "MANY_MATCHES", -1)
    store.view._fts_counts.clear()
    assert pages() == sorted_matches


def test_search_with_a_since_day_reads_every_part_of_the_list(
    stocked: tuple[Store, dict[str, str]],
) -> None:
    store, _ = stocked
    # a month-dated incident reaches a day within its month; a day-dated one before it does not
    assert found(store, "Bucha", since="2022-03-15") == {
        "Detainees beaten in Bucha.",
        "Civilians shot in Bucha.",
    }
    assert found(store, "POWs", since="2024-10-05") == {"Nine POWs shot in Kursk Oblast."}

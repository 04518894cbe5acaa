"""Full-text search of documents (#10), on SQLite (FTS5) and PostgreSQL (tsvector) alike:
stemmed words, every word must hold, hits marked in a snippet, input never read as syntax."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from casefile.model import Document
from casefile.store import Store

TEXTS = {
    "shelling": "Artillery kept shelling the market in Kupiansk through the morning.",
    "drone": "A drone struck a bus near Kherson; the driver was wounded.",
    "both": "After the shelling ended, a drone was seen over the market.",
}


@pytest.fixture
def searchable(fresh_store: Store, make_document: Callable[..., Document]) -> Store:
    with fresh_store.writer() as w:
        for name, text in TEXTS.items():
            w.add_document(make_document(text, name=name))
    return fresh_store


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("shelled", {"shelling", "both"}),  # stemmed: shelled, shelling -> shell
        ("drone market", {"both"}),  # every word
        ("Kherson", {"drone"}),
        ("bus", {"drone"}),
        ("tanks", set()),
    ],
)
def test_search_finds_stemmed_words(searchable: Store, query: str, found: set[str]) -> None:
    total, hits = searchable.view.search_documents(query)
    assert {h.name for h in hits} == found and total == len(found)


def test_hits_are_marked_in_the_snippet(searchable: Store) -> None:
    [hit] = searchable.view.search_documents("wounded")[1]
    marked = [text for text, is_hit in hit.snippet if is_hit]
    assert marked == ["wounded"]
    assert "the driver was wounded" in "".join(text for text, _ in hit.snippet)
    assert {"text": "wounded", "hit": True} in hit.to_record()["snippet"]


@pytest.mark.parametrize("query", ['"', "NEAR(a b)", "market*", "a OR", "-", "' OR 1=1 --", ""])
def test_search_input_is_words_not_syntax(searchable: Store, query: str) -> None:
    total, hits = searchable.view.search_documents(query)
    assert total == len(hits)


def test_a_document_added_later_is_found(searchable: Store, make_document) -> None:
    with searchable.writer() as w:
        w.add_document(make_document("Shelling resumed at dawn.", name="later"))
    assert {h.name for h in searchable.view.search_documents("dawn")[1]} == {"later"}
    assert searchable.view.search_documents("shelling", limit=1)[0] == 3

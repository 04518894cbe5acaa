"""The attribute ruler's matches found by an index give what its Matcher gives."""

from __future__ import annotations

import pytest
import spacy

from casefile.config import Settings
from casefile.extract import attributes
from casefile.extract.attributes import (
    LemmaCache,
    RuleIndex,
    cache_lemmatizer,
    index_attribute_ruler,
)
from casefile.extract.events import parser_model

# Our own sentences, with the words the English rules single out ("gonna", "let's", "ain't",
# "y'all", "it" as subject and object, "there is", runs of spaces and blank lines).
SENTENCES = [
    "Y'all gonna see it: let's go, they ain't gonna stop it and we gotta leave.",
    "There is  a   convoy\n\nthere, and there were two more; it was shelled.",
    "I did it. You told me to do it, and it was done to you and to it.",
    "Which of them did that? The unit that fired had done so before, but not since.",
    "C'mon, the soldiers who'd been ordered to shoot didn't; some did.",
]


@pytest.fixture(scope="module")
def ruler():
    nlp = parser_model(Settings().model)
    return nlp, nlp.get_pipe("attribute_ruler")


def test_the_index_finds_the_matches_of_the_ruler(ruler) -> None:
    nlp, ar = ruler
    assert "match" in vars(ar)  # the parse model's ruler reads its index
    index = RuleIndex(ar.patterns, [ar.vocab.strings.add(str(i)) for i in range(len(ar.patterns))])
    assert index.ok
    spacy_match = type(ar).match
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(SENTENCES))
    for doc in docs:
        found = index.match(doc)
        assert found == spacy_match(ar, doc)
        assert found  # every token matches some rule


def test_the_parse_gets_what_the_ruler_gives(ruler) -> None:
    nlp, _ = ruler
    fresh = spacy.load(Settings().model, exclude=["ner"])
    for ours, theirs in zip(nlp.pipe(SENTENCES), fresh.pipe(SENTENCES), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in theirs
        ]


def test_a_ruler_with_another_kind_of_rule_keeps_its_matcher() -> None:
    nlp = spacy.blank("en")
    ar = nlp.add_pipe("attribute_ruler")
    ar.add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    assert not index_attribute_ruler(ar)
    assert "match" not in vars(ar)


def test_the_parse_model_lemmatizes_through_a_cache_and_a_set_index(ruler) -> None:
    nlp, _ = ruler
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(vars(lemmatizer)["pipe"].__self__, LemmaCache)
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(index[pos], frozenset) for pos in index)


def test_the_cache_gives_the_lemmas_spacy_gives() -> None:
    # words met twice in different forms and parts of speech, and the ruler's own lemmas
    # ("gonna", "ain't"), on a model of our own so the cache starts empty
    texts = [
        *SENTENCES,
        "The shelling shelled the shelters; shelled villages were shelling back.",
        "Better guns were better cleaned by the best gunners, who cleaned them best.",
        "",
    ]
    fresh = spacy.load(Settings().model, exclude=["ner"])
    ours = spacy.load(Settings().model, exclude=["ner"])
    assert cache_lemmatizer(ours.get_pipe("lemmatizer"))
    for _ in range(2):  # the second time from the cache
        for a, b in zip(ours.pipe(texts), fresh.pipe(texts), strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_a_lemmatizer_of_another_mode_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    lookup = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not cache_lemmatizer(lookup)
    assert "pipe" not in vars(lookup)


def test_the_cache_stays_bounded_and_right(monkeypatch) -> None:
    monkeypatch.setattr(attributes, "LEMMAS_KEPT", 3)
    fresh = spacy.load(Settings().model, exclude=["ner"])
    ours = spacy.load(Settings().model, exclude=["ner"])
    cache_lemmatizer(ours.get_pipe("lemmatizer"))
    cache = vars(ours.get_pipe("lemmatizer"))["pipe"].__self__
    for a, b in zip(ours.pipe(SENTENCES), fresh.pipe(SENTENCES), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        assert len(cache.lemmas) <= 3

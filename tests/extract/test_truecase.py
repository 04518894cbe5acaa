"""The case-normalised copy spaCy reads for upper-case documents."""

from casefile.config import Settings
from casefile.extract.truecase import normalise_case, shouting

MODEL = Settings().model


def test_shouting_tells_capitals_from_ordinary_text() -> None:
    assert shouting("THE ARMY SAID THE CONVOY WAS AMBUSHED NEAR THE BORDER.")
    assert not shouting("The army said the convoy was ambushed near the border.")
    assert not shouting("")


def test_copy_keeps_every_offset() -> None:
    text = "GUNMEN SHOT A TEACHER IN PUERTO LEMPIRA ON 3 MAY.\n\n   [TEXT] THE ELN SAID IT."
    cased = normalise_case(text, MODEL, ["Puerto Lempira"])
    assert len(cased) == len(text)
    assert cased.lower() == text.lower()


def test_dictionary_words_lower_names_capitalised_acronyms_kept() -> None:
    text = "UNKNOWN GUNMEN KIDNAPPED TWO ENGINEERS OF THE FMLN NEAR ZORBAQUETA YESTERDAY."
    cased = normalise_case(text, MODEL)
    assert cased.startswith("Unknown gunmen kidnapped two engineers of the FMLN near")
    assert "Zorbaqueta yesterday." in cased  # a word outside the dictionary is a name


def test_places_demonyms_and_sentence_starts() -> None:
    text = "A BOMB HIT A BANK IN SANTA ROSA. GUATEMALAN POLICE SAID SO ON MONDAY."
    cased = normalise_case(text, MODEL, ["SANTA ROSA"])
    assert cased == "A bomb hit a bank in Santa Rosa. Guatemalan police said so on Monday."


def test_inflected_dictionary_words_are_lower() -> None:
    cased = normalise_case("THE HOUSES WERE TORCHED AND LOOTED", MODEL)
    assert cased == "The houses were torched and looted"


def test_the_dictionary_is_the_same_read_from_the_parse_model(monkeypatch) -> None:
    from casefile.config import Settings
    from casefile.extract import events, truecase

    model = Settings().model
    events.parser_model(model)
    truecase._lexicon.cache_clear()
    shared = truecase._lexicon(model)
    monkeypatch.setattr(events, "_LOADED", {})
    truecase._lexicon.cache_clear()
    alone = truecase._lexicon(model)
    truecase._lexicon.cache_clear()
    assert shared == alone and len(shared[0]) > 10_000

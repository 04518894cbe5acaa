"""Sentence boundaries with offsets, paragraphs and hard-wrapped wire text."""

from __future__ import annotations

from casefile.extract.sentences import split_sentences


def test_offsets_point_at_the_sentence() -> None:
    text = "On Feb. 16 the U.N. said 30 people died. Another one here!\n\nNext para."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "On Feb. 16 the U.N. said 30 people died.",
        "Another one here!",
        "Next para.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_a_line_without_a_full_stop_is_its_own_sentence() -> None:
    text = "Assessed Russian advances\nRussian forces advanced near Pokrovsk."
    assert [s.text for s in split_sentences(text)] == [
        "Assessed Russian advances",
        "Russian forces advanced near Pokrovsk.",
    ]


def test_hard_wrapped_wire_text_is_joined() -> None:
    line = "THE TECHNICAL INVESTIGATION COMMISSION HAS DETERMINED THAT SOME"
    text = "\n".join(
        [
            line,
            "MILITARY WERE INVOLVED IN THE ASSASSINATION OF THE SIX JESUITS",
            line,
            "OTHER WORDS THAT CONTINUE THE SAME SENTENCE UNTIL IT ENDS HERE.",
        ]
    )
    sents = split_sentences(text)
    assert len(sents) == 1 and text[sents[0].start : sents[0].end] == sents[0].text


def test_headline_lines_of_different_lengths_stay_apart() -> None:
    text = (
        "Ukrinform,2022-10-08,The bodies of four civilians were found in the Kharkiv region\n"
        "Unified news feed,2022-10-11,The DPR Ombudsman called the video a provocation"
    )
    assert len(split_sentences(text)) == 2


def test_short_upper_case_wire_copy_is_joined_across_its_line_breaks() -> None:
    text = (
        "QUITO, 2 MAR 90 (RADIO) -- [TEXT] TRAFFIC ON THE COASTAL HIGHWAY\n"
        "WILL STAY CLOSED UNTIL FRIDAY, BECAUSE A BRIDGE ON IT WAS BLOWN\n"
        "UP LAST NIGHT."
    )
    assert len(split_sentences(text)) == 1

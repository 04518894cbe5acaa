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


def test_a_hard_wrapped_paragraph_is_read_with_spaces_for_its_line_breaks() -> None:
    from casefile.extract.sentences import unwrapped

    text = (
        "Ukrainian prosecutors said on Friday that soldiers of the Russian army shot\n"
        "two civilians in the village of Kamianka in the Kharkiv region on 3 March,\n"
        "according to witnesses interviewed by the investigators last month.\n"
        "\n"
        "A second paragraph."
    )
    read = unwrapped(text)
    assert len(read) == len(text)  # every offset still points into the document
    assert read.count("\n") == 2  # the paragraph break stays
    assert "shot two civilians" in read and "region on 3 March, according" in read


def test_a_wrapped_report_gives_what_the_unwrapped_one_does() -> None:
    from casefile.extract.pipeline import Pipeline
    from casefile.model import Document

    # wrapped at about 75 columns, as a PDF's or an e-mail's text: a figure and what it
    # counts on two lines
    wrapped = (
        "The prosecutor general told a briefing in Kyiv on Tuesday that his office\n"
        "had registered more than 130,000 war crimes since the invasion and that 92\n"
        "Russian servicemen have already been convicted by Ukrainian courts for\n"
        "crimes against civilians and prisoners of war, most of them in their\n"
        "absence."
    )
    pipeline = Pipeline.from_settings()

    def stats(text: str) -> list[tuple[int, str]]:
        a = pipeline(Document.from_text(text, name="t", published="2024-06-30", language="en"))
        assert a.document.text == text  # the document keeps its own text
        return sorted((s.value, s.counted) for s in a.statistics)

    assert stats(wrapped) == stats(wrapped.replace("\n", " ")) == [(92, "cases"), (130000, "cases")]

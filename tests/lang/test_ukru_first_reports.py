"""First reports in Ukrainian and Russian (issue #12): the act's date, its perpetrators'
units, each phrase written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


@pytest.mark.parametrize(
    ("code", "sentence", "at_word", "told"),
    [
        # the date opens the clause and the teller's verb follows it: when it was told
        ("ru", "Вчера, 7 марта, прокуратура области сообщила о гибели двух мужчин", "7 марта", True),
        ("ru", "Вчера, 7 марта, прокуратура области сообщила о гибели двух мужчин", "Вчера", True),
        ("uk", "Про це 2 квітня повідомила пресслужба поліції", "2 квітня", True),
        ("uk", "Сьогодні, 9 травня, оприлюднила звіт місія", "9 травня", True),
        # another verb between them, or the teller in an aside: the date is the act's
        ("uk", "2 квітня росіяни вдарили по селищу, повідомила поліція", "2 квітня", False),
        ("uk", "2 квітня, як повідомила поліція, росіяни вдарили по селищу", "2 квітня", False),
        ("ru", "7 марта военные обстреляли рынок и сообщили об этом", "7 марта", False),
        ("ru", "Обстрел случился 7 марта, сообщила полиция", "7 марта", False),
    ],
)
def test_a_date_a_verb_of_telling_follows_is_when_it_was_told(
    code: str, sentence: str, at_word: str, told: bool
) -> None:
    assert get_pack(code).told_on(sentence, sentence.index(at_word)) is told

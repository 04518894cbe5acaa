"""Suspects named in a sentence of their own ("Підозрювані — <name> і <name>"), with the one
unit the act's sentences name (LanguagePack.charged, Assembler.unparsed_perpetrators)."""

from __future__ import annotations

from casefile.lang import get_pack


def test_a_sentence_naming_the_suspects_charges_them() -> None:
    assert get_pack("uk").charged("Підозрювані — Олег Морозов і Павло Зайцев.")
    assert get_pack("ru").charged("Подозреваемый — Олег Морозов.")


def test_the_suspects_and_the_unit_of_the_act(extract) -> None:
    a = extract(
        "Прокурори повідомили про підозру двом російським військовим. Слідство встановило, що "
        "у березні 2022 року командир взводу 200-ї окремої мотострілецької бригади та його "
        "підлеглий катували цивільного в селі Циркуни. Підозрювані — Олег Морозов і Павло "
        "Зайцев.",
        "uk",
        "2025-03-10",
    )
    assert [{p.name for p in i.perpetrators} for i in a.incidents] == [
        {"Oleh Morozov", "Pavlo Zaitsev", "200th Motorized Rifle Brigade"}
    ]

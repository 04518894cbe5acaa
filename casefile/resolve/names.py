"""People's names across spellings: "Bilousov" is "Belyausov", "Zelensky" is "Зеленський".

Reports spell one person many ways: Ukrainian and Russian forms of a name (Bilousov,
Belousov), several transliteration schemes (Zelensky, Zelenskyy, Zelenskiy), plain
misspellings (Belyausov), Cyrillic originals, a bare surname after the full name. Two names
mean the same person here when:

1. their surnames (the last word) agree: the same after folding the transliteration
   variants (:func:`spelling`), or the same consonant skeleton and close in Jaro-Winkler
   similarity (jellyfish), with the same grammatical gender ("Kostin" is not "Kostina");
2. their given names do not disagree: either is missing, one is the other's initial, or they
   agree as surnames do or keep the same consonants (Andrii, Andrei; Volodymyr, Vladimir).

A name in Cyrillic (or any other script) is first transliterated to Latin with ``anyascii``.

    same_person("Andrii Bilousov", "Belyausov")            # True
    cluster_names(["Zelensky", "Volodymyr Zelenskyy"])     # both -> "Volodymyr Zelenskyy"
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

__all__ = ["cluster_names", "name_tokens", "same_person", "spelling", "transliterate"]

# Words before a name that are not part of it.
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|dr|prof|gen|general|col|colonel|lt|lieutenant|maj|major|capt|captain|sgt|"
    r"president|minister|commander|sir)$"
)
# Transliteration variants folded to one spelling, longest first; the digits stand for the
# Cyrillic letters whose Latin digraphs hold an "h" that must not become "g" below.
_DIGRAPHS = (
    ("x", "ks"),
    ("shch", "4"),
    ("sch", "4"),
    ("tch", "2"),
    ("sh", "1"),
    ("ch", "2"),
    ("zh", "3"),
    ("kh", "5"),
    ("h", "g"),  # Ukrainian г is h, Russian г is g: Herasymov, Gerasimov
    ("w", "v"),
    ("j", "y"),
    ("ia", "ya"),
    ("iu", "yu"),
    ("ie", "ye"),
    ("io", "yo"),
)
# Adjectival endings: Zelensky, Zelenskyy, Zelenskiy, Zelenskyi, Zelenskii, Zelenskij.
_ENDING = re.compile(r"(?:iy|yi|yy|ii|y)$")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")
_NOT_LETTER = re.compile(r"[^a-z\s-]")
# Jaro-Winkler similarity two surnames with the same consonants need: Bilousov and Belyausov
# (0.83) pass, Belousov and Balasov (0.74) do not.
_SURNAME_SIMILARITY = 0.8


def transliterate(name: str) -> str:
    """``name`` in Latin letters (Cyrillic by ``anyascii``), soft signs and apostrophes dropped.

    >>> transliterate("Зеленський")
    'Zelenskiy'
    """
    return anyascii(name).replace("'", "").replace("`", "")


@lru_cache(maxsize=16384)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, lower-case Latin, honorifics and punctuation dropped.

    >>> name_tokens("Gen. Oleksandr Syrskyi")
    ('oleksandr', 'syrskyi')
    """
    text = _NOT_LETTER.sub(" ", transliterate(name).casefold())
    words = [w.strip("-") for w in text.split()]
    while words and _HONORIFIC.match(words[0]):
        words.pop(0)
    return tuple(w for w in words if w)


@lru_cache(maxsize=16384)
def spelling(word: str) -> str:
    """One spelling for the transliteration variants of a word (lower-case Latin in).

    >>> spelling("zelenskyy") == spelling("zelenskiy") == spelling("zelensky")
    True
    """
    folded = word
    for latin, same in _DIGRAPHS:
        folded = folded.replace(latin, same)
    return _ENDING.sub("y", _DOUBLE.sub(r"\1", folded))


def _skeleton(word: str) -> str:
    """The consonants of a folded spelling: Bilousov and Belyausov are both "blsv"."""
    return _VOWELS.sub("", word)


def _feminine(word: str) -> bool:
    """A Slavic feminine surname ends in -a (Kostina, Lvova-Belova); its masculine does not."""
    return word.endswith("a")


@lru_cache(maxsize=65536)
def _same_word(a: str, b: str) -> bool:
    """Whether two words of names (lower-case Latin) are spellings of one word."""
    if a == b:
        return True
    fa, fb = spelling(a), spelling(b)
    if fa == fb:
        return True
    if _feminine(fa) != _feminine(fb) or min(len(fa), len(fb)) < 4:
        return False
    if _skeleton(fa) == _skeleton(fb):
        return jellyfish.jaro_winkler_similarity(fa, fb) >= _SURNAME_SIMILARITY
    # one slip of the keyboard in a long name: Skibitskiy, Skibitzkiy
    return min(len(fa), len(fb)) >= 7 and Levenshtein.distance(fa, fb) <= 1


def _given_names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The first given names of two names agree, or one of them has none."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return spelling(x)[0] == spelling(y)[0] or x[0] == y[0]
    # Ukrainian and Russian forms of a first name keep its consonants: Volodymyr, Vladimir;
    # Kyrylo, Kirill; Serhiy, Sergei. The surnames already agree, so that is enough here.
    skeleton = _skeleton(spelling(x))
    return _same_word(x, y) or (len(skeleton) >= 3 and skeleton == _skeleton(spelling(y)))


def same_person(a: str, b: str) -> bool:
    """Whether two names can be the same person: surnames agree and given names do not clash.

    >>> same_person("Bilousov", "Andrei Belyausov")
    True
    >>> same_person("Andrii Kostin", "Sergei Kostin")
    False
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    return _same_word(ta[-1], tb[-1]) and _given_names_agree(ta[:-1], tb[:-1])


def cluster_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the canonical name of its person.

    Fuller names are placed first, so a bare surname joins the first full name it matches
    ("Kostin" joins "Andrii Kostin", never "Sergei Kostin" as well). The canonical name is
    the cluster's fullest name; among equally full ones the most frequent, then the first seen.
    """
    names = [n for n in names if name_tokens(n)]
    counts = Counter(names)
    first_seen = {n: i for i, n in reversed(list(enumerate(names)))}
    order = sorted(counts, key=lambda n: (-len(name_tokens(n)), -counts[n], first_seen[n]))
    clusters: list[list[str]] = []
    for name in order:
        for cluster in clusters:
            if same_person(name, cluster[0]):
                cluster.append(name)
                break
        else:
            clusters.append([name])
    return {name: cluster[0] for cluster in clusters for name in cluster}

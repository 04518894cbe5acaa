"""A cheap test that a regular expression cannot match a text, so that most sentences are not
searched character by character.

The word-list patterns the stages search every sentence with (``\\b(?:killed|shot|...)\\b``,
case ignored) give Python's regular expression engine no literal to skip ahead to: it tries
every alternative at every character. Every match of such a pattern begins with one of a
few known letters ("kil", "sho", ...): :func:`prefixes` reads them from the pattern itself,
and :func:`may_match` is False only where the text holds none of them, which a substring
test tells some ten times faster than the search. Where it is True the pattern is searched
as before, so what is found never changes.

Case is compared by lower-casing, which is exact only for ASCII letters; a text with a
letter outside ASCII (which an ignore-case pattern may match to an ASCII one: the long s
to "s", the Kelvin sign to "k") is always searched, and so is any pattern whose matches may
begin otherwise than with a known literal (a ``\\w+``, a wide class, a letter outside
ASCII).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

# the engine's own parser, which reads a pattern as Python compiles it (``re._parser``)
try:
    _parser: Any = importlib.import_module("re._parser")
    C: Any = importlib.import_module("re._constants")
except ImportError:  # another Python's layout: no gate
    _parser = C = None

SIZE = 3  # letters of each prefix
_CLASS_MAX = 6  # a character class of at most this many characters is read out
# a letter (or other word character) outside ASCII: the text may match by case folding
_RISKY = re.compile(r"[^\x00-\x7f\W\d_]")

Prefixes = frozenset[str]


@lru_cache(maxsize=512)
def prefixes(pattern: re.Pattern[str]) -> Prefixes | None:
    """The first ``SIZE`` characters (lower case) of every match of ``pattern``, or None
    where they cannot be told."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # the engine's internals may change: then no gate
        return None
    found = _expand(list(parsed), {""})
    if found is None or any(len(p) < SIZE for p in found):
        return None
    if any(not c.isascii() and (c.isalnum() or c.lower() != c.upper()) for p in found for c in p):
        return None
    if pattern.flags & re.IGNORECASE:
        return frozenset(p.lower() for p in found)
    return None  # a pattern that heeds case is not worth the gate


def _chars(items: list[tuple[Any, Any]]) -> list[str] | None:
    out: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _CLASS_MAX:
            out += [chr(c) for c in range(av[0], av[1] + 1)]
        else:
            return None
    return out if len(out) <= _CLASS_MAX else None


def _expand(items: list[tuple[Any, Any]], heads: set[str]) -> set[str] | None:
    """Every way ``heads`` may go on through ``items``, up to ``SIZE`` characters; None where
    a way cannot be told."""
    for op, av in items:
        short = {h for h in heads if len(h) < SIZE}
        if not short:
            return heads
        done = heads - short
        if op is C.AT or op in (C.ASSERT, C.ASSERT_NOT):
            continue  # consumes nothing
        if op is C.LITERAL:
            nxt: set[str] | None = {h + chr(av) for h in short}
        elif op is C.IN:
            chars = _chars(av)
            nxt = None if chars is None else {h + c for h in short for c in chars}
        elif op is C.SUBPATTERN:
            nxt = _expand(list(av[3]), short)
        elif op is C.BRANCH:
            nxt = set()
            for alternative in av[1]:
                way = _expand(list(alternative), short)
                if way is None:
                    return None
                nxt |= way
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, high, item = av
            once = _expand(list(item), short)
            if once is None:
                return None
            if low == 0 and high == 1:
                nxt = short | once  # "x?": without it or with it
            elif low >= 1 and all(len(h) >= SIZE for h in once):
                nxt = once  # "x+", "x{2,}" whose one time is enough
            else:
                return None
        else:
            return None
        if nxt is None:
            return None
        heads = done | nxt
    return heads


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only where ``pattern`` cannot match in ``text`` (see the module's docstring)."""
    found = prefixes(pattern)
    if found is None:
        return True
    low = _lowered(text)
    if low is None:
        return True
    if len(found) <= 16:
        return any(p in low for p in found)
    return not found.isdisjoint(_windows(low))


# The stages ask of one sentence for many patterns in turn: its lower case and its windows
# are worked out once (a few hundred sentences a document, so the caches hold a document's;
# the windows a batch's, whose documents each stage reads in turn: Pipeline.outcomes).
@lru_cache(maxsize=1024)
def _lowered(text: str) -> str | None:
    """``text`` in lower case; None where it holds a letter outside ASCII (always searched)."""
    return None if _RISKY.search(text) else text.lower()


@lru_cache(maxsize=2048)
def _windows(low: str) -> frozenset[str]:
    """Every ``SIZE`` characters of ``low`` in a row."""
    return frozenset([low[i : i + SIZE] for i in range(len(low) - SIZE + 1)])

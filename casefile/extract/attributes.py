"""The matches of spaCy's attribute ruler, found by an index instead of its Matcher.

The English model's ``attribute_ruler`` sets the coarse part of speech, morphology and
some lemmas from the tagger's tags and a few words (about 180 rules). spaCy finds where its
rules hold with a Matcher whose ``IN``, ``NOT_IN`` and ``REGEX`` conditions are Python calls
made for every token and every such condition; on the sentences the events stage parses
that took a sixth of the parse. :class:`RuleIndex` finds the same matches by looking up
each token's tag, lower-case form, label and spacing among the rules that name them, and
the ruler's own ``set_annotations`` applies them as before, so the tokens get exactly what
the ruler gives them (``tests/extract/test_attributes.py`` compares the two).

Only rules of the kinds that model has are read: one or more tokens, each a dict of
``TAG``, ``LOWER``, ``DEP`` (a string, or ``IN``/``NOT_IN`` a list, or for ``LOWER`` a
``REGEX``) and ``IS_SPACE`` (a bool). A ruler with anything else keeps its Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
# the attributes a rule is indexed by, in the order one is chosen: the first its first token
# names with one value or a list of them
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

Check = Callable[[Token], bool]
# a rule's alternative, indexed: attr_id, match_id, the other checks of its first token, the
# checks of each token after it
Entry = tuple[int, int, list[Check], list[list[Check]]]


def _check(attr: str, value: Any) -> Check | None:
    """A test of one token condition, as the Matcher reads it; None if it is of a kind this
    module does not know."""
    name = _ATTRS.get(attr)
    if name is None:
        return None
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            return None
        return lambda t: t.is_space == value
    if isinstance(value, str):
        return lambda t: getattr(t, name) == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    [(op, arg)] = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        values = frozenset(arg)
        if op == "IN":
            return lambda t: getattr(t, name) in values
        return lambda t: getattr(t, name) not in values
    if op == "REGEX" and isinstance(arg, str):
        rx = re.compile(arg)
        return lambda t: rx.search(getattr(t, name)) is not None
    return None


def _key(spec: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The attribute a token must have one of these values of for ``spec`` to hold (its
    exact or ``IN`` tag, else lower-case form, dependency label, whether it is space); None
    where ``spec`` names none of them so."""
    for attr in _KEYS:
        value = spec.get(attr)
        if isinstance(value, (str, bool)):
            return attr, [value]
        if isinstance(value, dict) and list(value) == ["IN"]:
            return attr, list(value["IN"])
    return None


class RuleIndex:
    """The rules of an attribute ruler, indexed by the tag, word, label or spacing their first
    token needs."""

    def __init__(self, patterns: list[dict[str, Any]], ids: list[int]) -> None:
        self.by: dict[str, dict[Any, list[Entry]]] = {attr: {} for attr in _KEYS}
        self.anywhere: list[Entry] = []
        self.ok = True
        for attr_id, (rule, match_id) in enumerate(zip(patterns, ids, strict=True)):
            for alternative in rule["patterns"]:
                checks: list[list[Check]] = []
                for spec in alternative:
                    token_checks = [_check(a, v) for a, v in spec.items()]
                    if not spec or None in token_checks:
                        self.ok = False
                        return
                    checks.append([c for c in token_checks if c is not None])
                first = alternative[0]
                key = _key(first)
                if key is None:
                    self.anywhere.append((attr_id, match_id, checks[0], checks[1:]))
                    continue
                attr, values = key
                # the keyed condition holds for every token found under it
                rest = [c for a, c in zip(first, checks[0], strict=True) if a != attr]
                for value in values:
                    self.by[attr].setdefault(value, []).append(
                        (attr_id, match_id, rest, checks[1:])
                    )

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` gives: (attr_id, match_id, start, end) of every
        rule's every match, each once, in the order the ruler applies them."""
        found: set[tuple[int, int, int, int]] = set()
        n = len(doc)
        by_tag, by_lower, by_dep, by_space = (self.by[a] for a in _KEYS)
        empty: list[Entry] = []
        for i, token in enumerate(doc):
            for entries in (
                by_tag.get(token.tag_, empty),
                by_lower.get(token.lower_, empty),
                by_dep.get(token.dep_, empty),
                by_space.get(token.is_space, empty),
                self.anywhere,
            ):
                for attr_id, match_id, rest, tail in entries:
                    if rest and not all(c(token) for c in rest):
                        continue
                    end = i + 1 + len(tail)
                    if tail and (
                        end > n
                        or not all(
                            all(c(doc[i + 1 + k]) for c in checks) for k, checks in enumerate(tail)
                        )
                    ):
                        continue
                    found.add((attr_id, match_id, i, end))
        return sorted(found)


def index_attribute_ruler(ruler: Any) -> bool:
    """Have ``ruler`` (a spaCy AttributeRuler) find its matches with a :class:`RuleIndex`;
    False, and the ruler left as it is, where its rules are of another kind."""
    patterns = ruler.patterns
    ids = [ruler.vocab.strings.add(str(i)) for i in range(len(patterns))]
    if [int(ruler.vocab.strings[m]) for m in ids] != list(range(len(patterns))):
        return False
    index = RuleIndex(patterns, ids)
    if not index.ok:
        return False
    ruler.match = index.match
    return True

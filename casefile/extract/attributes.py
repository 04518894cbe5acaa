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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
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


LEMMAS_KEPT = 500_000  # (form, part of speech, morphology) keys a LemmaCache holds at most


class LemmaCache:
    """spaCy's rule lemmatizer, each (word, part of speech, morphology) looked up once.

    The rule lemmatizer's lemma is a function of a token's form, coarse part of speech and
    morphology (its own cache is keyed by them), but it is asked for every token in Python,
    a Token made for each: on the sentences the events stage parses that was a sixth of
    the parse. This reads the three as one array per document, asks the lemmatizer only for
    a key not met before (and, where there is no part of speech, every time: spaCy warns
    then), and writes the lemmas back as one array. A token that already has a lemma (the
    attribute ruler's) keeps it unless the lemmatizer overwrites, as spaCy's does.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lm = self.lemmatizer
        if not lm._validated:
            lm._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out: Any = table[:, 3].copy()
        overwrite = lm.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key) if pos else None
            if found is None:
                found = strings.add(lm.lemmatize(doc[i])[0])
                if pos:
                    if len(self.lemmas) >= LEMMAS_KEPT:  # a long run's memory stays bounded
                        self.lemmas.clear()
                    self.lemmas[key] = found
            out[i] = found
        doc.from_array([LEMMA], out)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        error_handler = self.lemmatizer.get_error_handler()
        for doc in stream:
            try:
                yield self(doc)
            except Exception as e:  # as spaCy's Pipe.pipe does
                error_handler(self.lemmatizer.name, self.lemmatizer, [doc], e)


def cache_lemmatizer(lemmatizer: Any) -> bool:
    """Have a spaCy rule ``lemmatizer`` lemmatize each document through a
    :class:`LemmaCache` when a pipeline pipes documents to it (``Language.pipe``); False, and
    the lemmatizer left as it is, where it is not a rule lemmatizer."""
    if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "lemmatize"):
        return False
    # the rule lemmatizer asks whether a form is a word by ``in`` on the index's lists (57,000
    # nouns, read one by one): the same question of a set
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos in list(index):
        if isinstance(index[pos], list):
            index[pos] = frozenset(index[pos])
    lemmatizer.pipe = LemmaCache(lemmatizer).pipe
    return True

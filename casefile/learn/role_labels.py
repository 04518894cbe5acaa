"""Distant supervision for the role scorer: (trigger, argument, role) examples made from the
gold incidents of English documents. Training only; never imported at run time.

1. Parse each English gold document with the project's spaCy model.
2. The sentences under a required incident's spans hold its arguments. Candidates there:
   named entities by label (GPE/LOC/FAC -> place, DATE/TIME -> date, CARDINAL -> count,
   PERSON -> person, NORP -> force, ORG -> group), noun chunks that hold no entity
   (group), and the noun a number counts ("three *people*", group).
3. A candidate's role comes from the incident's coded fields: its name (or an accepted
   spelling from the document's ``aliases``) is a perpetrator -> agent, is the place ->
   place; a number equal to the gold count's best, low or high -> count, and the noun that
   number counts -> victim; a date expression whose interval lies within the gold date ->
   time; anything else -> none.
4. Triggers (the gold marks none): for each candidate, the nearest verb or noun above it in
   the parse (prepositions skipped), the nearest verb above it, and the sentence's root;
   each distinct one makes one example with the candidate's role. So the scorer learns
   paths to the event words that govern an argument, verbal and nominal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .datasets import GoldDoc, overlaps
from .roles import ARGUMENT_KINDS, ROLES, Argument, role_features

ENT_KINDS = {
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "count",
    "PERSON": "person",
    "NORP": "force",
    "ORG": "group",
}


def norm(name: object) -> str:
    """Lower case, accents and punctuation off, no leading 'the': how names are compared."""
    s = unicodedata.normalize("NFKD", str(name or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("'", "")
    s = re.sub(r"[\W_]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


class Names:
    """Canonical keys of the names of one gold document (its ``aliases``)."""

    def __init__(self, aliases: dict[str, list[str]]) -> None:
        self.canon = {norm(n): norm(c) for c, others in aliases.items() for n in [c, *others]}

    def key(self, name: object) -> str:
        n = norm(name)
        return self.canon.get(n, n)


@dataclass
class RoleExample:
    features: list[str]
    role: int  # index into ROLES
    group: str  # the document


def _interval(d: dict[str, Any] | None) -> tuple[str, str] | None:
    if not d or not (d.get("start") or d.get("end")):
        return None
    lo, hi = str(d.get("start") or d.get("end")), str(d.get("end") or d.get("start"))
    return lo, hi


def _within(inner: tuple[str, str], outer: tuple[str, str]) -> bool:
    """Partial ISO dates compared as prefixes: '2023-02-01' lies within '2023-02'..'2023-02'."""
    lo_ok = inner[0] >= outer[0] or inner[0].startswith(outer[0]) or outer[0].startswith(inner[0])
    hi_ok = inner[1] <= outer[1] or inner[1].startswith(outer[1]) or outer[1].startswith(inner[1])
    return lo_ok and hi_ok and not (inner[0] > outer[1] and not inner[0].startswith(outer[1]))


def _number(text: str) -> int | None:
    from ..extract.counts import number  # the house's number reader, at training time

    return number(text)


def _date_range(text: str, published: str | None) -> tuple[str, str] | None:
    from ..extract.dates import find_dates  # the house's date reader, at training time

    found = find_dates(text, published)
    return _interval(found[0].range.to_record()) if found else None


def _trimmed(span: Any) -> Any:
    """``span`` without the prepositions and punctuation the small model's NER sometimes
    takes in at its edges ("Brightwater on")."""
    a, b = span.start, span.end
    while a < b and span.doc[a].pos_ in ("ADP", "PUNCT"):
        a += 1
    while b > a and span.doc[b - 1].pos_ in ("ADP", "PUNCT"):
        b -= 1
    return span.doc[a:b] if b > a else None


def candidates(sent: Any) -> list[Argument]:
    """The candidate arguments of one parsed sentence (step 2). A nationality that modifies
    a noun ("Russian troops") stands for its whole noun chunk."""
    out: list[Argument] = []
    taken: set[int] = set()
    chunk_of = {t.i: c for c in sent.noun_chunks for t in c}
    for found in sent.ents:
        kind = ENT_KINDS.get(found.label_)
        ent = _trimmed(found)
        if not kind or ent is None:
            continue
        chunk = chunk_of.get(ent.root.i)
        if kind == "force" and chunk is not None and chunk.root.i != ent.root.i:
            out.append(Argument(chunk.start_char, chunk.end_char, kind))
            taken.update(range(chunk.start, chunk.end))
            continue
        out.append(Argument(ent.start_char, ent.end_char, kind))
        taken.update(range(ent.start, ent.end))
        if kind == "count" and ent.root.dep_ == "nummod":
            noun = ent.root.head
            out.append(Argument(noun.idx, noun.idx + len(noun), "group"))
            taken.add(noun.i)
    for chunk in sent.noun_chunks:
        if not any(t.i in taken for t in chunk) and chunk.root.pos_ in ("NOUN", "PROPN"):
            out.append(Argument(chunk.start_char, chunk.end_char, "group"))
    return out


def label(
    doc: Any, arg: Argument, inc: dict[str, Any], names: Names, published: str | None
) -> tuple[str, str]:
    """The role of ``arg`` in gold incident ``inc`` and the argument's kind (step 3): a
    perpetrator or place match takes the gold's kind, as a stage's mention would carry it."""
    text = doc.text[arg.start : arg.end]
    if arg.kind in ("force", "group", "person", "unit"):
        for p in inc.get("perpetrators") or []:
            name, kind = (p.get("name"), p.get("kind")) if isinstance(p, dict) else (p, None)
            if names.key(text) == names.key(name):
                return "agent", kind if kind in ARGUMENT_KINDS else arg.kind
    place = inc.get("place") or {}
    if arg.kind != "date" and place and names.key(text) == names.key(place.get("name")):
        return "place", "place"
    count = (inc.get("victims") or {}).get("count") or {}
    values = (
        {count.get(k) for k in ("best", "low", "high")} - {None}
        if isinstance(count, dict)
        else set()
    )
    if arg.kind == "count" and values and _number(text) in values:
        return "count", arg.kind
    if arg.kind == "group" and values:
        tok = doc.char_span(arg.start, arg.end, alignment_mode="expand")
        nums = [c for c in tok.root.children if c.dep_ == "nummod"] if tok is not None else []
        if any(_number(n.text) in values for n in nums):
            return "victim", arg.kind
    if arg.kind == "date" and inc.get("date"):
        got, gold = _date_range(text, published), _interval(inc["date"])
        if got and gold and _within(got, gold):
            return "time", arg.kind
    return "none", arg.kind


def triggers(doc: Any, arg: Argument) -> list[int]:
    """The trigger tokens paired with ``arg`` (step 4)."""
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    head = span.root
    out: list[int] = []
    tok = head
    content = verb = None
    while tok.head.i != tok.i:
        tok = tok.head
        if (
            content is None
            and tok.pos_ in ("VERB", "NOUN")
            and tok.i not in range(span.start, span.end)
        ):
            content = tok.i
        if verb is None and tok.pos_ in ("VERB", "AUX") and tok.pos_ == "VERB":
            verb = tok.i
    for t in (content, verb, head.sent.root.i):
        if t is not None and t not in out and not span.start <= t < span.end:
            out.append(t)
    return out


def role_examples(docs: list[GoldDoc], nlp: Any) -> Iterator[RoleExample]:
    """Every example of the English documents among ``docs`` (steps 1-4)."""
    english = [d for d in docs if d.language == "en"]
    for gold, doc in zip(english, nlp.pipe(d.text for d in english), strict=True):
        names = Names(gold.aliases)
        required = [i for i in gold.incidents if not i.get("optional") and i.get("spans")]
        for sent in doc.sents:
            here = [i for i in required if overlaps((sent.start_char, sent.end_char), i["spans"])]
            if not here:
                continue
            for arg in candidates(sent):
                found = [label(doc, arg, inc, names, gold.published) for inc in here]
                role, kind = next((f for f in found if f[0] != "none"), ("none", arg.kind))
                arg = Argument(arg.start, arg.end, kind)
                for trig in triggers(doc, arg):
                    yield RoleExample(role_features(doc, trig, arg), ROLES.index(role), gold.doc_id)

"""``ftm``: followthemoney entities as JSON lines, for Aleph and followthemoney's tools.

Built with the followthemoney library and validated by it, entity by entity:

- an **Event** per incident (or case): name, summary, dates, place, country, the
  perpetrators it ``involved``, the source documents as ``proof``, review status and the
  fields an analyst changed in ``notes``;
- an **Organization** per unit, group or force named as a perpetrator, and per unit above
  them in the chain of command on the incident's date (casefile/units.py), each step a
  **Membership** (member: the unit, organization: its parent);
- a **Person** per person named as a perpetrator, and per person the source documents name;
- a **Document** per source document, a **Documentation** linking it to each event, and a
  **Mention** per name a document gives (a perpetrator, a person), resolved to its entity.

Ids are followthemoney's hashes of casefile's own keys, so that exporting twice gives the
same ids and Aleph merges rather than duplicates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from ..errors import CasefileError
from ..registry import exporters
from ..units import Hierarchy
from ..vocab import INCIDENT_TYPES
from .base import Exporter, Item, Selection

PREFIX = "casefile"


def render(sel: Selection) -> bytes:
    """1. the entities, each once; 2. each validated; 3. one JSON object a line."""
    entities: dict[str, EntityProxy] = {}
    for entity in _entities(sel):
        known = entities.get(entity.id or "")
        if known is None:
            entities[entity.id or ""] = entity
        else:
            known.merge(entity)  # the same unit or person named by several incidents
    lines = []
    for entity in entities.values():
        data = entity.to_dict()
        validate(data)
        lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    return "".join(lines).encode("utf-8")


def validate(data: dict[str, Any]) -> None:
    """followthemoney's validation of an entity, its required properties included (the
    library checks those only where given empty); CasefileError names what is wrong."""
    schema = model.get(data.get("schema", ""))
    if schema is None:
        raise CasefileError(f"ftm: no schema {data.get('schema')!r}")
    try:
        schema.validate(data)  # type: ignore[arg-type]  # a TypedDict of the same keys
    except InvalidData as e:
        raise CasefileError(f"ftm: {schema.name} {data.get('id')}: {e.errors}") from None
    missing = [p for p in schema.required if not data["properties"].get(p)]
    if missing or not data.get("id"):
        raise CasefileError(f"ftm: {schema.name} {data.get('id')}: missing {missing or 'id'}")


def _entities(sel: Selection) -> Iterator[EntityProxy]:
    orbat = sel.orbat()
    for item in sel.items:
        yield from _event(item, sel)
        date = (item.record.get("date") or {}).get("start")
        hierarchy = Hierarchy(orbat, sel.view, date)
        for p in item.record.get("perpetrators") or []:
            if p["kind"] == "unit":
                yield from _chain(hierarchy, p["name"])
    # persons the source documents name
    wanted = {doc_id for item in sel.items for doc_id, _ in item.documents}
    for stored in sel.view.iter_persons():
        if stored.document_id not in wanted:
            continue
        person = _actor(stored.person.name, "person")
        if stored.person.title:
            person.add("position", stored.person.title)
        yield person
        yield _mention(stored.document_id, stored.person.name, person)


def _event(item: Item, sel: Selection) -> Iterator[EntityProxy]:
    rec = item.record
    place, date = rec.get("place") or {}, rec.get("date") or {}
    event = model.make_entity("Event")
    event.make_id(PREFIX, item.kind, item.id)
    where = f" in {place['name']}" if place.get("name") else ""
    when = f" ({date['start']})" if date.get("start") else ""
    event.add("name", f"{INCIDENT_TYPES.label(rec['type'])}{where}{when}")
    event.add("summary", rec.get("summary"))
    event.add("startDate", date.get("start"))
    event.add("endDate", date.get("end"))
    event.add("location", place.get("name"))
    event.add("country", (place.get("country") or "").lower() or None)
    event.add("keywords", [rec["type"], rec.get("certainty"), *rec.get("evidence", [])])
    event.add("recordId", item.id)
    notes = [f"casefile {item.kind} {item.id}, case {item.case_id}, review: {item.status}"]
    if item.grade:
        notes.append(f"corroboration: {item.grade}")
    if item.edited:
        notes.append(
            "changed by an analyst: "
            + ", ".join(f"{g} (machine: {json.dumps(item.machine.get(g))})" for g in item.edited)
        )
    event.add("notes", notes)
    for p in rec.get("perpetrators") or []:
        actor = _actor(p["name"], p["kind"])
        event.add("involved", actor.id)
        yield actor
        for doc_id, _ in item.documents:
            yield _mention(doc_id, p["name"], actor)
    for doc_id, _ in item.documents:
        document = _document(sel, doc_id)
        if document is None:
            continue
        event.add("proof", document.id)
        yield document
        link = model.make_entity("Documentation")
        link.make_id(PREFIX, "documentation", doc_id, event.id)
        link.add("document", document.id)
        link.add("entity", event.id)
        link.add("role", "source")
        yield link
    yield event


def _actor(name: str, kind: str) -> EntityProxy:
    """A person, or an organisation for a unit, group or force; one id per name and schema."""
    schema = "Person" if kind == "person" else "Organization"
    entity = model.make_entity(schema)
    entity.make_id(PREFIX, schema, name)
    entity.add("name", name)
    if kind != "person":
        entity.add("classification", kind)
    return entity


def _chain(hierarchy: Hierarchy, unit: str) -> Iterator[EntityProxy]:
    """The unit's chain of command on the hierarchy's day, as Memberships."""
    child = _actor(unit, "unit")
    for link in hierarchy.chain(unit):
        parent = _actor(link.parent, "unit")
        yield parent
        membership = model.make_entity("Membership")
        membership.make_id(PREFIX, "membership", child.id, parent.id)
        membership.add("member", child.id)
        membership.add("organization", parent.id)
        membership.add("role", "subordinate unit")
        membership.add("date", hierarchy.on)
        membership.add("description", f"{link.basis}: {link.source}")
        yield membership
        child = parent


def _document(sel: Selection, document_id: str) -> EntityProxy | None:
    doc = sel.document(document_id)
    if doc is None:
        return None
    entity = model.make_entity("Document")
    entity.make_id(PREFIX, "document", doc.id)
    entity.add("fileName", doc.ref)
    entity.add("title", doc.title or doc.ref)
    entity.add("publisher", doc.publisher)
    entity.add("sourceUrl", doc.url)
    entity.add("publishedAt", doc.published)
    entity.add("mimeType", doc.media_type)
    entity.add("notes", f"casefile document {doc.id}")
    return entity


def _mention(document_id: str, name: str, resolved: EntityProxy) -> EntityProxy:
    mention = model.make_entity("Mention")
    mention.make_id(PREFIX, "mention", document_id, resolved.id)
    mention.add("document", model.make_entity("Document").make_id(PREFIX, "document", document_id))
    mention.add("name", name)
    mention.add("resolved", resolved.id)
    mention.add("detectedSchema", resolved.schema.name)
    return mention


EXPORTER = exporters.register("ftm")(
    Exporter(
        "ftm",
        "application/x-ndjson",
        "ftm.json",
        "followthemoney entities (events, organisations, memberships, persons, documents, "
        "mentions) as JSON lines, for Aleph",
        render,
    )
)

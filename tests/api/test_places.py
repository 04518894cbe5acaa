"""The review's place search (#10): the gazetteer by name through the API, and a place an
analyst names without coordinates is geocoded, so the incident stays on the map."""

from __future__ import annotations

from casefile.review import judge
from casefile.store import IncidentQuery, Store

API = "/api/v1"
POKROVSK = "Six POWs shot near Pokrovsk."


def test_search_gives_candidates_with_coordinates(served) -> None:
    r = served.client.get(f"{API}/places", params={"q": "Izium"}, headers=served.bearer("vic"))
    assert r.status_code == 200, r.text
    first = r.json()["items"][0]
    assert (first["name"], first["admin1"], first["country"]) == ("Izium", "Kharkiv Oblast", "UA")
    assert 49 < first["lat"] < 49.5 and 37 < first["lon"] < 37.5
    none = served.client.get(
        f"{API}/places", params={"q": "Nowhereville"}, headers=served.bearer("vic")
    )
    assert none.json() == {"items": []}
    assert served.client.get(f"{API}/places", params={"q": "Izium"}).status_code == 401


def test_a_named_place_is_geocoded(stocked: tuple[Store, dict[str, str]]) -> None:
    store, ids = stocked
    got = judge(store, "ana", "incident", ids[POKROVSK], "edit", "Moved.", "place", "Izium")
    place = got.incident.place  # type: ignore[union-attr]
    assert place is not None and place.admin1 == "Kharkiv Oblast" and place.lat is not None
    points = store.view.incident_points(IncidentQuery(place="izium"))[1]
    assert [p["id"] for p in points] == [ids[POKROVSK]]  # still on the map
    odd = judge(store, "ana", "incident", ids[POKROVSK], "edit", "?", "place", "Nowhereville")
    assert odd.incident.place.name == "Nowhereville" and odd.incident.place.lat is None  # type: ignore[union-attr]


def test_regions_name_every_oblast_with_a_point_inside_ukraine(served) -> None:
    r = served.client.get(f"{API}/places/regions", headers=served.bearer("vic"))
    assert r.status_code == 200, r.text
    items = {x["name"]: x for x in r.json()["items"]}
    assert len(items) >= 25 and items["Kharkiv Oblast"]["iso"] == "UA-63"
    assert all(44 < x["lat"] < 53 and 22 < x["lon"] < 41 for x in items.values())

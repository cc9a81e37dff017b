"""The CAMEO ontology table: QuadClass, Goldstein and PLOVER per code."""

from __future__ import annotations

import re

import pytest

from eventcoder.ontology import Ontology
from tests.shared_paths import reference_file

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def test_every_root_and_quad_class(ontology: Ontology) -> None:
    quads = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
    for quad, roots in quads.items():
        for root in roots:
            assert ontology[f"{root:02d}"].quad_class == quad
    for code in ontology.event_codes():
        assert ontology[code].quad_class == ontology[code[:2]].quad_class, code


def test_known_codes(ontology: Ontology) -> None:
    assert ontology["173"].goldstein == -5.0
    assert ontology["173"].plover is not None and ontology["173"].plover.type == "COERCE"
    assert ontology["010"].plover is None  # statements have no PLOVER type
    assert ontology["1053"].plover is not None and ontology["1053"].plover.type == "REQUEST"
    assert len(ontology.event_codes()) >= 290


def test_plover_types_are_plover_2(ontology: Ontology) -> None:
    for code in ontology.event_codes():
        plover = ontology[code].plover
        if plover is not None:
            assert plover.type in PLOVER_TYPES, code


def test_goldstein_follows_the_gdelt_table(ontology: Ontology) -> None:
    table = reference_file("CAMEO.goldsteinscale.GDELT.txt")
    if table is None:
        pytest.skip("../shared/reference is not on this machine")
    checked = 0
    for line in table.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(\d{2,4})\s+(-?\d+(?:\.\d+)?)\s*$", line)
        if match and match.group(1) in ontology:
            assert ontology[match.group(1)].goldstein == float(match.group(2)), match.group(1)
            checked += 1
    assert checked >= 250

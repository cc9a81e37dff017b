"""Coder: the named stages, their order, and stopping early with ``until``."""

from __future__ import annotations

import pytest

from eventcoder import Coder

TEXT = "Nigerien soldiers detained President Mohamed Bazoum in Niamey on Wednesday."


def test_stage_names_are_the_pipeline_in_order(coder: Coder) -> None:
    assert coder.stage_names == ("actors", "events", "quotes", "places", "time")
    assert [coder.stage(name).name for name in coder.stage_names] == list(coder.stage_names)


def test_until_stops_after_the_named_stage(coder: Coder) -> None:
    actors_only = coder.code(TEXT, date="2023-07-28", until="actors")
    assert {"NERMIL", "NERGOV"} <= {a.code for a in actors_only.actors}
    assert actors_only.events == () and actors_only.places == ()
    events = coder.code(TEXT, date="2023-07-28", until="events").events
    assert [(e.cameo, e.location) for e in events] == [("173", None)]
    assert events[0].date == "2023-07-28" and events[0].date_basis == "publication"
    full = coder.code(TEXT, date="2023-07-28").events
    assert full[0].location is not None and full[0].location.name == "Niamey"
    assert full[0].date == "2023-07-26" and full[0].date_basis == "relative"


def test_unknown_stage_is_an_error(coder: Coder) -> None:
    with pytest.raises(ValueError, match="the stages are actors, events"):
        coder.code(TEXT, until="parse")
    with pytest.raises(KeyError):
        coder.stage("geocoding")

"""The contract's JSON shapes, from the Python API."""

from __future__ import annotations

import json

import pytest

from eventcoder import Coder, Result


def test_result_to_dict_is_the_contract_json(coder: Coder) -> None:
    text = "Nigerien soldiers detained President Mohamed Bazoum in Niamey."
    result = coder.code(text, article_id="niger-1", date="2023-07-26")
    assert isinstance(result, Result)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["article_id"] == "niger-1" and data["date"] == "2023-07-26"
    event = data["events"][0]
    assert event["id"] == "niger-1:0:0"
    assert event["cameo"] == "173" and event["cameo_root"] == "17"
    assert event["plover"]["type"] == "COERCE" and event["plover"]["mode"] == "arrest"
    assert event["source"]["code"] == "NERMIL" and event["source"]["country"] == "NER"
    assert event["source"]["role"] == "MIL"
    assert data["actors"] and all(a["code"] for a in data["actors"])


def test_code_many_streams_in_input_order(coder: Coder) -> None:
    from eventcoder import Article

    articles = [
        Article(f"a{i}", f"Police arrested {n} protesters in Nairobi.")
        for i, n in enumerate(["two", "ten", "forty"])
    ]
    results = list(coder.code_many(iter(articles)))
    assert [r.article_id for r in results] == ["a0", "a1", "a2"]


def test_bad_date_is_a_clear_error(coder: Coder) -> None:
    with pytest.raises(ValueError, match="article x: date '28/07/2023' is not YYYY-MM-DD"):
        coder.code("Police arrested protesters.", article_id="x", date="28/07/2023")

"""Towns and regions of one country: the focus country's evidence beyond country names."""

from __future__ import annotations

import pytest

from eventcoder.coder import Coder


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Sacramento", "USA"),
        ("Calif.", "USA"),  # an AP state abbreviation, full stop folded
        ("ahmedabad", "IND"),  # lower case, as in a lower-cased dateline
        ("Kayseri", "TUR"),
        ("Gujarāt", "IND"),  # diacritics folded
        ("Kharkiv", "UKR"),
        ("Goma", "COD"),
    ],
)
def test_a_town_of_one_country_gives_that_country(coder: Coder, name: str, iso3: str) -> None:
    assert coder.lexicon.towns.lookup(name) == iso3


@pytest.mark.parametrize("name", ["Hyderabad", "Punjab", "Victoria"])
def test_a_name_shared_by_large_places_of_two_countries_gives_none(coder: Coder, name: str) -> None:
    # Hyderabad (India and Pakistan), Punjab (both), Victoria (Canada, Australia, Seychelles...)
    assert coder.lexicon.towns.lookup(name) is None

"""Link lists: headlines of other stories after "Related stories:" are not coded."""

from __future__ import annotations

from eventcoder import Coder
from eventcoder.events.link_lists import link_list_spans

DATE = "2002-03-01"


def test_headlines_after_a_related_stories_cue_are_not_coded(coder: Coder) -> None:
    text = (
        "Police arrested five men in the old city on Monday. Related stories: Mob kills two "
        "in Vadodara\nPolice fired at the mob, killing two people.\n"
    )
    events = coder.code(text, article_id="t", date=DATE).events
    # The headline's killing is another story's; the next paragraph is reported again.
    assert [(e.cameo, e.trigger) for e in events] == [
        ("173", "arrested"),
        ("193", "fired"),
        ("190", "killing"),
    ]


def test_a_cue_word_in_prose_opens_no_list() -> None:
    cues = ("related stories", "full coverage")
    assert link_list_spans("The channel's full coverage of the vote drew praise.", cues) == ()
    text = "He spoke. Full coverage: the riots\nNext paragraph."
    assert link_list_spans(text, cues) == ((10, 34),)

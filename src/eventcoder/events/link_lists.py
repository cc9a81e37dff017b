"""Link lists: "Related stories: ..." and the like open a list of other articles' headlines,
which are not the article's own reporting. The list runs from its cue phrase to the end of the
paragraph. The cue phrases come from ``link_list_cues.tsv``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventcoder.events.drafts import Draft

Spans = tuple[tuple[int, int], ...]

# What follows a cue that opens a list: a colon, a non-breaking space (or its mis-decoded
# form), a line break or the end of the text; "full coverage of the vote" is prose.
_AFTER_CUE = r"[ \t]*(?::|\u00a0|\u00c2|\n|$)"


def link_list_spans(text: str, cues: Sequence[str]) -> Spans:
    """(start, end) character spans of the link lists in a text: each from a cue phrase to
    the end of its paragraph."""
    spans: list[tuple[int, int]] = []
    for cue in cues:
        pattern = rf"(?<!\w){re.escape(cue)}{_AFTER_CUE}"
        for found in re.finditer(pattern, text, flags=re.IGNORECASE):
            end = text.find("\n", found.end())
            spans.append((found.start(), len(text) if end < 0 else end))
    return tuple(sorted(spans))


def outside_link_lists(drafts: list[Draft], spans: Spans) -> list[Draft]:
    """The drafts whose trigger is in no link list."""
    if not spans:
        return drafts
    return [d for d in drafts if not any(s <= d.trigger.idx < e for s, e in spans)]

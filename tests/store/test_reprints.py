"""Reprints in the store: linked to the first copy, not coded, counted in num_articles and
num_sources; idempotent; undone when the article changes; found within one batch too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventcoder import Coder
from eventcoder.records import Article
from eventcoder.store import LocalBatchCoder, Store, ingest
from eventcoder.store.mentions import mentions_of
from eventcoder.store.reprints import (
    BANDS,
    NUM_PERM,
    ReprintFinder,
    ReprintRule,
    band_hashes,
    signature,
    similarity,
)
from tests.store.corpus import sample_records

RULE = ReprintRule()


def _story(index: int) -> dict[str, Any]:
    return sample_records()[index]


def _reprint_text(text: str) -> str:
    """The story as another outlet runs it: a new first line, the last paragraph cut."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    kept = paras[:-1] if len(paras) > 2 else paras
    return "\n\n".join(["Coup leaders face regional pressure", *kept, "(Reporting by staff.)"])


def _article(
    record: dict[str, Any], article_id: str, source: str, text: str | None = None
) -> Article:
    return Article(
        id=article_id,
        text=text if text is not None else record["text"],
        date=record.get("date"),
        title=record.get("title"),
        source=source,
    )


def _ingest(store: Store, coder: Coder, articles: list[Article], **kwargs: Any) -> Any:
    return ingest(articles, store, LocalBatchCoder(coder), reprints=RULE, **kwargs)


def _counts(store: Store, article_id: str) -> dict[int, tuple[int, int, int, int]]:
    """The events an article reports: (num_mentions, num_articles, num_sources, mentions
    of this article) per event id."""
    rows = store.query(
        "SELECT e.event_id, e.num_mentions, e.num_articles, e.num_sources, count(*) "
        "FROM events e JOIN mentions m USING (event_id) WHERE m.article_id = ? "
        "GROUP BY ALL",
        [article_id],
    )
    return {int(e): (int(m), int(a), int(s), int(k)) for e, m, a, s, k in rows}


def test_signatures_and_similarity() -> None:
    text = _story(0)["text"]
    sig = signature(text, RULE)
    assert sig is not None and len(sig) == NUM_PERM and len(band_hashes(sig)) == BANDS
    assert similarity(sig, sig) == 1.0
    other = signature(_story(1)["text"], RULE)
    assert other is not None and similarity(sig, other) < 0.1
    edited = signature(_reprint_text(text), RULE)
    assert edited is not None and similarity(sig, edited) >= RULE.threshold
    assert signature("Too short to tell.", RULE) is None
    with pytest.raises(ValueError):
        ReprintRule(threshold=0.0)


def test_a_reprint_is_linked_not_coded_and_counted(tmp_path: Path, coder: Coder) -> None:
    story, other = _story(0), _story(1)
    first = _article(story, "wire-1", "Wire A")
    unrelated = _article(other, "wire-2", "Wire A")
    reprint = _article(story, "paper-1", "Paper B", _reprint_text(story["text"]))
    with Store(tmp_path / "r.duckdb") as store:
        report = _ingest(store, coder, [first, unrelated])
        alone = _counts(store, "wire-1")
        assert alone
        report = _ingest(store, coder, [reprint])
        assert (report.new, report.reprints, report.mentions) == (1, 1, 0)
        links = store.query("SELECT article_id, original_id, similarity FROM reprints")
        assert [(a, o) for a, o, _ in links] == [("paper-1", "wire-1")]
        assert links[0][2] >= RULE.threshold
        assert store.query("SELECT count(*) FROM mentions WHERE article_id = 'paper-1'") == [(0,)]
        assert store.query(
            "SELECT outlet, n_events, title FROM articles WHERE article_id = 'paper-1'"
        ) == [("Paper B", 0, story.get("title"))]
        # Every event of the first copy: one more article and outlet, its mentions counted
        # again for the reprint; no new events.
        with_reprint = _counts(store, "wire-1")
        assert with_reprint == {
            event: (m + k, a + 1, s + 1, k) for event, (m, a, s, k) in alone.items()
        }
        only_other = set(_counts(store, "wire-2")) - set(alone)
        assert only_other and all(_counts(store, "wire-2")[e][1] == 1 for e in only_other)
        events = store.count("events")
        # The event's mentions list the reprint's too: its own article, the first copy's
        # sentence (offsets into the first copy's text).
        listed = mentions_of(store.con, list(with_reprint))
        for event, (m, _, _, k) in with_reprint.items():
            assert len(listed[event]) == m  # num_mentions
            copies = [x for x in listed[event] if x["reprint_of"] == "wire-1"]
            originals = [x for x in listed[event] if x["article_id"] == "wire-1"]
            assert [x["article_id"] for x in copies] == ["paper-1"] * k
            assert [x["outlet"] for x in copies] == ["Paper B"] * k
            assert [x["sentence_text"] for x in copies] == [x["sentence_text"] for x in originals]
            assert all(x["mention_id"].startswith("paper-1:") for x in copies)

        # Re-running changes nothing.
        again = _ingest(store, coder, [first, unrelated, reprint])
        assert (again.unchanged, again.new, again.reprints) == (3, 0, 0)
        assert store.count("events") == events and _counts(store, "wire-1") == with_reprint

        # The reprint's page changes into another story: the link goes, the counts go back.
        changed = _article(
            other,
            "paper-1",
            "Paper B",
            "Police arrested 12 protesters in Nairobi on Tuesday, officials said. " * 2,
        )
        _ingest(store, coder, [changed])
        assert store.query("SELECT count(*) FROM reprints") == [(0,)]
        assert _counts(store, "wire-1") == alone


def test_reprints_are_found_within_one_batch_and_can_be_turned_off(
    tmp_path: Path, coder: Coder
) -> None:
    story = _story(2)
    batch = [
        _article(story, "a", "Wire A"),
        _article(story, "b", "Paper B", _reprint_text(story["text"])),
        _article(story, "c", "Paper C", story["text"]),  # word for word
    ]
    with Store(tmp_path / "one.duckdb") as store:
        report = _ingest(store, coder, batch, batch_size=8)
        assert report.reprints == 2
        assert sorted(store.query("SELECT article_id, original_id FROM reprints")) == [
            ("b", "a"),
            ("c", "a"),
        ]
        assert {a for _, a, _, _ in _counts(store, "a").values()} == {3}
    with Store(tmp_path / "off.duckdb") as store:
        report = ingest(batch, store, LocalBatchCoder(coder), batch_size=8, reprints=None)
        assert report.reprints == 0 and store.query("SELECT count(*) FROM reprints") == [(0,)]
        assert store.query("SELECT count(DISTINCT article_id) FROM mentions") == [(3,)]


def test_the_finder_forgets_written_batches_and_prefers_the_first_copy() -> None:
    stored: dict[str, Any] = {}
    finder = ReprintFinder(lambda keys: stored, RULE)
    text = _story(0)["text"]
    indexed, links = finder.plan([Article("x", text)], batch_seq=0)
    assert list(indexed) == ["x"] and not links and finder.pending == 1
    finder.forget(0)
    assert finder.pending == 0
    _indexed, links = finder.plan([Article("y", text)], batch_seq=1)
    assert links == []  # x is neither pending nor (in this fake) stored
    sig = signature(text, RULE)
    stored["x"] = sig
    _indexed, links = finder.plan([Article("z", _reprint_text(text))], batch_seq=2)
    # x (stored) and y (met in this run) are the same text: the stored copy is the first.
    assert [(link.article_id, link.original_id) for link in links] == [("z", "x")]
    del stored["x"]
    _indexed, links = finder.plan([Article("w", _reprint_text(text))], batch_seq=3)
    assert [(link.article_id, link.original_id) for link in links] == [("w", "y")]

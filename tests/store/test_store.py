"""The DuckDB store: idempotent ingest, atomic replacement, de-duplication, migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventcoder import Coder
from eventcoder.store import DedupRule, IngestReport, Store
from eventcoder.store.dedup import event_id, event_key
from eventcoder.store.migrations import LATEST_VERSION, MIGRATIONS, SchemaError, migrate
from eventcoder.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    MENTION_KEY_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    column_names,
)
from tests.store.corpus import corpus, ingest_in_process, sample_records, snapshot, write_jsonl


def run_ingest(
    db: Path,
    records: list[dict[str, Any]],
    coder: Coder,
    tmp_path: Path,
    batch_size: int = 8,
    rule: DedupRule | None = None,
    name: str = "in.jsonl",
) -> IngestReport:
    source = write_jsonl(tmp_path / name, records)
    # Copies of a story from several outlets are coded here (the de-duplication of their
    # mentions is under test), not linked as reprints (tests/store/test_reprints.py).
    return ingest_in_process(coder, source, db, batch_size, rule, reprints=None)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return corpus(12)  # 12 different sample stories, one outlet each


def test_reingest_same_content_changes_nothing(
    coder: Coder, tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    db = tmp_path / "e.duckdb"
    first = run_ingest(db, records, coder, tmp_path)
    assert (first.new, first.changed, first.unchanged) == (12, 0, 0)
    before = snapshot(db)
    assert len(before["articles"]) == 12 and before["mentions"] and before["events"]
    second = run_ingest(db, records, coder, tmp_path, batch_size=5)
    assert (second.new, second.changed, second.unchanged, second.mentions) == (0, 0, 12, 0)
    assert snapshot(db) == before


def test_changed_content_replaces_the_articles_rows(
    coder: Coder, tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    db = tmp_path / "e.duckdb"
    run_ingest(db, records, coder, tmp_path)
    before = snapshot(db)
    changed = [dict(r) for r in records]
    target = changed[3]["id"]
    changed[3]["text"] = (
        "NIAMEY, July 30 (Wire) - Nigerien soldiers detained President Mohamed Bazoum."
    )
    report = run_ingest(db, changed, coder, tmp_path, name="changed.jsonl")
    assert (report.new, report.changed, report.unchanged) == (0, 1, 11)
    after = snapshot(db)
    with Store(db, read_only=True) as store:
        articles = store.query("SELECT article_id, n_events FROM articles ORDER BY 1")
        assert [a for a, _ in articles] == sorted(r["id"] for r in records)
        mentions = store.query(
            "SELECT cameo, evidence FROM mentions WHERE article_id = ?", [target]
        )
        assert mentions and all("Bazoum" in evidence for _, evidence in mentions)
        n_events = dict(articles)[target]
        assert n_events == len(mentions)
        # No event is left without a mention, and every mention has its event.
        orphans = store.query(
            "SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.event_id = e.event_id)"
        )
        assert orphans == [(0,)]
        missing = store.query(
            "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE m.event_id = e.event_id)"
        )
        assert missing == [(0,)]
    # Rows of the other articles are untouched.
    for table in ("actors", "mentions"):
        others_before = [r for r in before[table] if target not in r]
        others_after = [r for r in after[table] if target not in r]
        assert others_before == others_after


def test_a_failing_batch_leaves_nothing_behind(
    coder: Coder, tmp_path: Path, records: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "e.duckdb"
    run_ingest(db, records[:6], coder, tmp_path)
    before = snapshot(db)
    changed = [dict(r, text=r["text"] + " Protesters marched in the capital.") for r in records]

    import eventcoder.store.db as db_module

    calls = {"n": 0}
    real_insert = db_module.insert_rows

    def failing_insert(con: Any, table: str, columns: Any, rows: Any) -> None:
        calls["n"] += 1
        if table == "actors":  # after the deletes and the article and mention inserts
            raise RuntimeError("disk on fire")
        real_insert(con, table, columns, rows)

    monkeypatch.setattr(db_module, "insert_rows", failing_insert)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run_ingest(db, changed, coder, tmp_path, batch_size=12, name="changed.jsonl")
    monkeypatch.undo()
    assert calls["n"] >= 2
    assert snapshot(db) == before


def test_same_story_from_several_outlets_is_one_event(coder: Coder, tmp_path: Path) -> None:
    story = sample_records()[0]
    records = [
        dict(story, id="a1", source="Wire A"),
        dict(story, id="a2", source="Wire B"),
        dict(story, id="a3", source="Wire B"),
    ]
    db = tmp_path / "e.duckdb"
    run_ingest(db, records, coder, tmp_path)
    single = coder.code(story["text"], article_id="x", date=story["date"])
    with Store(db, read_only=True) as store:
        assert store.count("mentions") == 3 * len(single.events)
        rows = store.query(
            "SELECT num_mentions, num_articles, num_sources, first_article_id, event_key "
            "FROM events"
        )
        keyed = [r for r in rows if not r[4].startswith("mention|")]
        assert keyed, "the sample story has events with actor codes"
        for num_mentions, num_articles, num_sources, first, _ in keyed:
            assert num_articles == 3 and num_sources == 2 and first == "a1"
            assert num_mentions % 3 == 0
        # Anonymous mentions (no actor code) are kept apart: one event per mention.
        for num_mentions, num_articles, _, _, key in rows:
            if key.startswith("mention|"):
                assert (num_mentions, num_articles) == (1, 1)
        # Every mention keeps its own article, sentence and evidence.
        evidence = store.query(
            "SELECT article_id, sentence, evidence, start_char, end_char FROM mentions "
            "WHERE event_id = (SELECT event_id FROM events WHERE num_articles = 3 LIMIT 1) "
            "ORDER BY article_id"
        )
        assert {row[0] for row in evidence} == {"a1", "a2", "a3"}
        text = story["text"]
        for _, _, span, start, end in evidence:
            assert span == " ".join(text[start:end].split())


def test_changing_the_rule_regroups(coder: Coder, tmp_path: Path) -> None:
    story = sample_records()[0]
    records = [dict(story, id="a1", source="A"), dict(story, id="a2", source="B")]
    db = tmp_path / "e.duckdb"
    run_ingest(db, records, coder, tmp_path)
    with Store(db, read_only=True) as store:
        separate = store.count("events")
    rule = DedupRule(anonymous="merge", factuality=False, cameo_digits=2)
    with Store(db, rule) as store:
        assert store.regrouped
        merged = store.count("events")
        total = store.query("SELECT sum(num_mentions) FROM events")[0][0]
        assert total == store.count("mentions")
        keys = store.query("SELECT DISTINCT event_key FROM mentions")
        assert len(keys) == merged
        assert all(len(key.split("|")[3]) == 2 for (key,) in keys)
    assert merged <= separate
    with Store(db, read_only=True) as store:  # the rule is stored with the database
        assert store.rule == rule


def test_event_key_rules() -> None:
    mention = {
        "article_id": "a",
        "seq": 0,
        "date": "2023-07-26",
        "date_text": "2023-07-26",
        "source_code": "NERMIL",
        "target_code": "NERGOV",
        "cameo": "1731",
        "factuality": "asserted",
        "place_name": "Niamey",
        "place_country": "NER",
        "place_geonameid": 2440485,
    }
    default = DedupRule()
    assert event_key(default, mention) == "2023-07-26|NERMIL|NERGOV|1731|asserted"
    assert event_key(DedupRule(cameo_digits=3, factuality=False), mention).endswith("|173")
    assert event_key(DedupRule(place=True), mention).endswith("|geo:2440485")
    anonymous = dict(mention, source_code=None, target_code=None)
    assert event_key(default, anonymous) == "mention|a|0"
    assert event_key(DedupRule(anonymous="merge"), anonymous).startswith("2023-07-26|||")
    key = event_key(default, mention)
    assert event_id(key) == event_id(key) and 0 < event_id(key) < 2**63
    with pytest.raises(ValueError):
        DedupRule(cameo_digits=5)
    assert DedupRule.from_json(DedupRule(place=True).to_json()) == DedupRule(place=True)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, ...]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return tuple(str(r[0]) for r in rows)


def test_migrations_build_the_documented_schema(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert migrate(con) == [m.version for m in MIGRATIONS]
    assert migrate(con) == []  # idempotent
    assert sorted(_columns(con, "articles")) == sorted(
        (*column_names(ARTICLE_COLUMNS), "ingested_at")
    )
    # Columns added by later migrations come after the key columns in the table; every
    # write and query names its columns, so only the set must match.
    assert sorted(_columns(con, "mentions")) == sorted(
        column_names(MENTION_COLUMNS + MENTION_KEY_COLUMNS)
    )
    assert _columns(con, "events") == column_names(EVENT_COLUMNS)
    assert _columns(con, "actors") == column_names(ACTOR_COLUMNS)
    assert _columns(con, "places") == column_names(PLACE_COLUMNS)
    assert _columns(con, "quotes") == column_names(QUOTE_COLUMNS)
    con.close()


def test_an_old_database_is_migrated_and_a_newer_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, target=1) == [1]
    con.close()
    with pytest.raises(SchemaError, match="run `eventcoder ingest`"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.query("SELECT max(version) FROM schema_migrations") == [(LATEST_VERSION,)]
        assert store.query("SELECT count(*) FROM event_mentions") == [(0,)]
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO schema_migrations (version, name) VALUES (?, 'future')", [LATEST_VERSION + 1]
    )
    con.close()
    with pytest.raises(SchemaError, match="newer"):
        Store(path)


def test_a_migration_missing_below_the_highest_one_still_runs(tmp_path: Path) -> None:
    """A database made by a branch that lacked a migration numbered below its own latest
    (e.g. the sources tables without the articles' language column) gets it on opening."""
    path = tmp_path / "gap.duckdb"
    con = duckdb.connect(str(path))
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions)) and versions[-1] == LATEST_VERSION
    left_out = versions[-2]  # the one before the latest
    assert migrate(con, target=left_out - 1) == [v for v in versions if v < left_out]
    con.execute("DELETE FROM schema_migrations")  # rebuilt below, skipping `left_out`
    con.close()
    con = duckdb.connect(str(path))
    for m in MIGRATIONS:
        if m.version >= left_out:
            continue
        con.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [m.version, m.name]
        )
    latest = MIGRATIONS[-1]
    con.execute("BEGIN TRANSACTION")
    for statement in latest.statements:
        con.execute(statement)
    con.execute(
        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [latest.version, latest.name]
    )
    con.execute("COMMIT")
    con.close()
    with pytest.raises(
        SchemaError, match=f"schema version {left_out - 1}, .*run `eventcoder ingest`"
    ):
        Store(path, read_only=True)
    con = duckdb.connect(str(path))
    assert migrate(con) == [left_out]
    assert sorted(_columns(con, "articles")) == sorted(
        (*column_names(ARTICLE_COLUMNS), "ingested_at")
    )
    con.close()
    with Store(path, read_only=True) as store:
        assert store.query("SELECT count(*) FROM articles") == [(0,)]

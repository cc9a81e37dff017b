"""A readable summary of a database: what ``eventcoder summary`` (and ``make demo``) prints."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from eventcoder.ontology import QUAD_NAMES, Ontology
from eventcoder.store.db import Store


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i and column in _NUMERIC else "left")
    return table


_NUMERIC = {"events", "mentions", "articles", "sources", "share"}


def print_store_summary(store: Store, ontology: Ontology, console: Console, top: int = 10) -> None:
    articles, mentions, events = (store.count(t) for t in ("articles", "mentions", "events"))
    multi = store.query("SELECT count(*) FROM events WHERE num_articles > 1")[0][0]
    skipped = store.count("skipped")
    console.print(f"[bold]{store.path}[/bold]", soft_wrap=True)
    console.print(
        f"{articles} articles, {mentions} event mentions -> [bold]{events} events[/bold] "
        f"({multi} reported by more than one article)"
    )
    console.print(f"De-duplication: {store.rule.describe()}", soft_wrap=True)
    if skipped:
        console.print(f"{skipped} skipped input(s) recorded in table `skipped`")
    if not events:
        return

    languages = _table("Articles by language", "language", "articles", "mentions")
    for language, count, total in store.query(
        """SELECT coalesce(a.language, 'en'), count(*), sum(a.n_events)
           FROM articles a GROUP BY 1 ORDER BY 2 DESC, 1"""
    ):
        languages.add_row(str(language), str(count), str(total or 0))
    console.print(languages)

    roots = _table("Events by CAMEO root", "root", "name", "events", "mentions")
    for root, count, total in store.query(
        "SELECT cameo_root, count(*), sum(num_mentions) FROM events GROUP BY 1 ORDER BY 1"
    ):
        info = ontology.get(str(root))
        roots.add_row(str(root), info.name if info else "", str(count), str(total))
    console.print(roots)

    quads = _table("Events by QuadClass", "quad", "events", "mentions", "share")
    for quad, count, total in store.query(
        "SELECT quad_class, count(*), sum(num_mentions) FROM events GROUP BY 1 ORDER BY 1"
    ):
        name = QUAD_NAMES.get(int(quad), "") if quad is not None else ""
        quads.add_row(f"{quad} {name}", str(count), str(total), f"{100 * count / events:.0f}%")
    console.print(quads)

    actors = _table("Top actors (as source or target)", "code", "events", "as source", "as target")
    for code, count, as_source, as_target in store.query(
        """SELECT code, count(*), count(*) FILTER (WHERE side = 's'),
                  count(*) FILTER (WHERE side = 't')
           FROM (SELECT source_code AS code, 's' AS side FROM events
                 UNION ALL SELECT target_code, 't' FROM events)
           WHERE code IS NOT NULL GROUP BY code ORDER BY 2 DESC, 1 LIMIT ?""",
        [top],
    ):
        actors.add_row(str(code), str(count), str(as_source), str(as_target))
    console.print(actors)

    dyads = _table("Top dyads (source -> target)", "dyad", "events", "mentions")
    for source, target, count, total in store.query(
        """SELECT source_code, target_code, count(*), sum(num_mentions) FROM events
           WHERE source_code IS NOT NULL AND target_code IS NOT NULL
           GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT ?""",
        [top],
    ):
        dyads.add_row(f"{source} -> {target}", str(count), str(total))
    console.print(dyads)

    places = store.query(
        """SELECT p.name, p.country, p.feature, count(DISTINCT p.article_id) AS articles,
                  (SELECT count(*) FROM events e
                   WHERE e.place_name = p.name
                     AND e.place_country IS NOT DISTINCT FROM p.country) AS events
           FROM places p GROUP BY 1, 2, 3 ORDER BY 4 DESC, 5 DESC, 1 LIMIT ?""",
        [top],
    )
    if places:
        table = _table("Places", "place", "country", "feature", "articles", "events")
        for name, country, feature, n_articles, n_events in places:
            table.add_row(str(name), country or "", feature or "", str(n_articles), str(n_events))
        console.print(table)
    else:
        console.print("Places: none coded in this database.")

    reported = store.query(
        """SELECT date, source_code, cameo, target_code, num_articles, num_sources, evidence
           FROM events WHERE num_articles > 1
           ORDER BY num_articles DESC, num_sources DESC, date, event_id LIMIT ?""",
        [top],
    )
    if reported:
        table = _table(
            "Most reported events", "date", "event", "articles", "sources", "evidence (first)"
        )
        for date, source, cameo, target, n_articles, n_sources, evidence in reported:
            short = evidence if len(evidence or "") <= 80 else evidence[:77] + "..."
            table.add_row(
                str(date or ""),
                f"{source or '-'} {cameo} {target or '-'}",
                str(n_articles),
                str(n_sources),
                short or "",
            )
        console.print(table)

"""A readable summary of coded results: what the demo prints after coding the samples."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from eventcoder.ontology import QUAD_NAMES, Ontology
from eventcoder.records import Result


@dataclass(slots=True)
class Summary:
    articles: int = 0
    events: int = 0
    by_root: Counter[str] = field(default_factory=Counter)
    by_quad: Counter[int] = field(default_factory=Counter)
    by_factuality: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    dyads: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)

    def add(self, result: Result) -> None:
        self.articles += 1
        for event in result.events:
            self.events += 1
            self.by_root[event.cameo_root] += 1
            self.by_quad[event.quad_class] += 1
            self.by_factuality[event.factuality] += 1
            source = event.source.code if event.source and event.source.code else "-"
            target = event.target.code if event.target and event.target.code else "-"
            for code in (source, target):
                if code != "-":
                    self.actors[code] += 1
            self.dyads[(source, target)] += 1
            evidence = " ".join(result.article.text[event.start : event.end].split())
            self.examples.append(
                (result.article.id, source, event.cameo, target, event.factuality, evidence)
            )


def summarise(results: Iterable[Result]) -> Summary:
    summary = Summary()
    for result in results:
        summary.add(result)
    return summary


def print_summary(
    summary: Summary, ontology: Ontology, console: Console, examples: int = 25
) -> None:
    console.print(
        f"[bold]{summary.events} events[/bold] coded from [bold]{summary.articles}[/bold] articles"
    )
    roots = Table(title="Events by CAMEO root")
    for column in ("root", "name", "events"):
        roots.add_column(column)
    for root, count in sorted(summary.by_root.items()):
        info = ontology.get(root)
        roots.add_row(root, info.name if info else "", str(count))
    console.print(roots)
    quads = Table(title="Events by QuadClass and factuality")
    quads.add_column("quad")
    quads.add_column("events")
    for quad, count in sorted(summary.by_quad.items()):
        quads.add_row(f"{quad} {QUAD_NAMES.get(quad, 'outside CAMEO')}", str(count))
    for fact, count in summary.by_factuality.most_common():
        quads.add_row(f"factuality: {fact}", str(count))
    console.print(quads)
    actors = Table(title="Top actors")
    actors.add_column("code")
    actors.add_column("events")
    for code, count in summary.actors.most_common(12):
        actors.add_row(code, str(count))
    console.print(actors)
    dyads = Table(title="Top dyads (source -> target)")
    dyads.add_column("dyad")
    dyads.add_column("events")
    for (source, target), count in summary.dyads.most_common(12):
        dyads.add_row(f"{source} -> {target}", str(count))
    console.print(dyads)
    console.print(f"[bold]First {min(examples, len(summary.examples))} events with evidence[/bold]")
    for article, source, cameo, target, factuality, evidence in summary.examples[:examples]:
        short = evidence if len(evidence) <= 110 else evidence[:107] + "..."
        console.print(
            f"  {source:>10} -{cameo:>4}-> {target:<10} {factuality:<12} {article}: {short}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )

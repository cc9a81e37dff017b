"""Code every shown evaluation set and the samples, and write the full JSONL output per set.

    python bench/snapshot.py OUT_DIR [--sets NAME ...] [--limit N]

A refactor that must not change behaviour is checked by running this before and after and
comparing the files (``cmp`` or ``sha256sum``); ``--sets`` restricts to some sets. Each line is
the article's contract JSON plus ``rule_line``-level detail already in it; sets coded with
PETRARCH dictionaries are written once per dictionary mode.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_dates import load_timebank
from eval_events import load_conflibert, load_petr2, load_plover
from eval_geo import load_gwn, load_halterman, load_trnews
from eval_quotes import load_split
from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.records import Article, CodingFailure
from petrarch_gigaword import phoenix_dir
from shared_data import REPO, eval_dir


def _samples(coder: Coder) -> list[Article]:
    path = REPO / "samples" / "articles.jsonl"
    return [a for a in read_paths([str(path)], ReaderOptions()) if isinstance(a, Article)]


def _plover(coder: Coder) -> list[Article]:
    return [Article(id=f"p{i}", text=r["text"]) for i, r in enumerate(load_plover())]


def _conflibert(coder: Coder) -> list[Article]:
    return [Article(id=f"c{i}", text=t) for i, (t, _) in enumerate(load_conflibert())]


def _petr2(coder: Coder) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], date=r["date"]) for r in load_petr2()]


def _gwn(coder: Coder) -> list[Article]:
    return [a for a, _ in load_gwn()]


def _trnews(coder: Coder) -> list[Article]:
    return [a for a, _ in load_trnews(set(coder.lexicon.countries.demonyms))]


def _halterman(coder: Coder) -> list[Article]:
    return [Article(id=f"h{i}", text=r["text"]) for i, r in enumerate(load_halterman())]


def _timebank(coder: Coder) -> list[Article]:
    return [Article(id=d.name, text=d.text, date=d.dct[:10]) for d in load_timebank()]


def _polnear(split: str) -> Callable[[Coder], list[Article]]:
    def load(coder: Coder) -> list[Article]:
        return [Article(id=a.id, text=a.text, date=a.date) for a in load_split(split)]

    return load


def _india(coder: Coder) -> list[Article]:
    folder = eval_dir("event_IndiaPoliceEvents")
    if folder is None:
        return []
    articles = []
    with (folder / "sents.jsonl").open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            row = json.loads(line)
            articles.append(Article(id=f"ipe{i}", text=row["sent_text"]))
    return articles


SETS: dict[str, Callable[[Coder], list[Article]]] = {
    "samples": _samples,
    "plover": _plover,
    "conflibert": _conflibert,
    "petr2": _petr2,
    "gwn": _gwn,
    "trnews": _trnews,
    "halterman": _halterman,
    "timebank": _timebank,
    "polnear_dev": _polnear("dev"),
    "polnear_train": _polnear("train"),
    "india": _india,
}
# Sets also coded with the Phoenix dictionaries (layered, and alone).
PETRARCH_SETS = ("samples", "petr2")


def write(path: Path, coder: Coder, articles: Iterable[Article]) -> int:
    """One line per article, through the coder's per-article isolation (``code_many_safe``):
    an article that cannot be coded is written as its error (the stage and the reason), so
    that one bad article neither stops the snapshot nor hides a change in the others."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for found in coder.code_many_safe(articles):
            if isinstance(found, CodingFailure):
                line: dict[str, object] = {
                    "article_id": found.article_id,
                    "error": found.reason,
                    "stage": found.stage,
                }
            else:
                line = found.to_dict()
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    coder = Coder()
    coders: dict[str, Coder] = {"": coder}
    phoenix = phoenix_dir()
    if phoenix is not None:
        coders["+phoenix"] = Coder(nlp=coder.nlp, dictionaries=phoenix)
        coders["+phoenix_only"] = Coder(nlp=coder.nlp, dictionaries=phoenix, dictionaries_only=True)
    for name in args.sets:
        articles = SETS[name](coder)[: args.limit] if args.limit else SETS[name](coder)
        if not articles:
            print(f"{name}: not on this machine")
            continue
        for suffix, chosen in coders.items():
            if suffix and name not in PETRARCH_SETS:
                continue
            started = time.perf_counter()
            count = write(args.out / f"{name}{suffix}.jsonl", chosen, articles)
            print(f"{name}{suffix}: {count} articles, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

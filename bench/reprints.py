"""Reprint detection: recall on edited reprints, false links, and the speed of MinHash.

    python bench/reprints.py [--stories 50] [--threshold 0.5]

Stories: ``--stories`` real news articles (PolNeAR training texts from ../shared/eval, spread
over its outlets and months: many are about the same election, the same candidates and the
same debates, so different stories share names and phrases), else the bundled samples. Each
story gets 3 reprints edited as outlets edit wire copy (``outlet_edits``):

1. a new headline line on top, the last paragraph(s) cut (up to a third of the story);
2. paragraphs after the lead reordered, a few words changed ("said" -> "told reporters"),
   a credit line added at the end;
3. another dateline and an editor's note on top, the story cut to its first 70%.

The originals, then the reprints (shuffled), go through ``ReprintFinder`` in input order, as
``eventcoder ingest`` plans them. Figures: recall (reprints linked to a copy of their own story),
false links (a link between different stories), similarity of
true pairs (min, 5th percentile, median) and of the most similar different stories, and
MinHash time per article. With ../shared present, all PolNeAR training texts are also run
as originals: every link among them is counted (each would be a false link unless the corpus
holds a real reprint, which is then named).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

from eventcoder.records import Article
from eventcoder.store.reprints import ReprintFinder, ReprintRule, Signature, signature, similarity
from shared_data import eval_dir

SWAPS = (
    (" said ", " told reporters "),
    (" says ", " said "),
    ("President ", "President "),
    (" percent", "%"),
    (" on Monday", " Monday"),
    (" on Tuesday", " Tuesday"),
    (" on Wednesday", " Wednesday"),
)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def outlet_edits(text: str, seed: int) -> list[str]:
    """Three reprints of a story, edited as outlets do (see the module's docstring)."""
    rng = random.Random(seed)
    paras = paragraphs(text)
    n = len(paras)
    # 1. new headline, ending cut (1 paragraph to a third of the story)
    cut = max(1, min(n // 3, rng.randint(1, 3))) if n > 2 else 0
    first = ["Readers react as campaign enters new phase", *paras[: n - cut]]
    # 2. paragraphs after the lead reordered, words changed, a credit line added
    body = paras[1:]
    rng.shuffle(body)
    second_paras = [paras[0], *body]
    second = "\n\n".join(second_paras)
    for old, new in rng.sample(SWAPS, 3):
        second = second.replace(old, new, 2)
    second += "\n\nAdditional reporting by our correspondents; editing by the night desk."
    # 3. another dateline and an editor's note, cut to its first 70%
    keep = max(1, round(n * 0.7))
    third = [
        "Editor's note: this story was first published by a partner wire service.",
        "WASHINGTON (Partner Wire) -- " + paras[0],
        *paras[1:keep],
    ]
    return ["\n\n".join(first), second, "\n\n".join(third)]


def stories(count: int) -> tuple[list[Article], str]:
    folder = eval_dir("quotes_PolNeAR")
    if folder is None:
        import json

        lines = (Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl").read_text()
        records = [json.loads(line) for line in lines.splitlines() if line.strip()]
        found = [Article(r["id"], r["text"]) for r in records[:count]]
        return found, f"bundled samples ({len(found)})"
    files = sorted((folder / "train" / "text").glob("*.txt"))
    step = max(1, len(files) // count)
    chosen = files[::step][:count]
    found = [Article(p.stem, p.read_text(encoding="utf-8")) for p in chosen]
    outlets = len({a.id.split("_")[0] for a in found})
    return found, f"PolNeAR train, {len(found)} of {len(files)} texts, {outlets} outlets"


def all_polnear() -> list[Article]:
    folder = eval_dir("quotes_PolNeAR")
    if folder is None:
        return []
    return [
        Article(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted((folder / "train" / "text").glob("*.txt"))
    ]


def evaluate(originals: Sequence[Article], threshold: float, seed: int = 7) -> dict[str, float]:
    """Recall and false links of reprint detection on edited reprints of ``originals``."""
    rule = ReprintRule(threshold)
    reprints: list[tuple[Article, str]] = []
    for i, story in enumerate(originals):
        for k, text in enumerate(outlet_edits(story.text, seed * 1000 + i)):
            reprints.append((Article(f"{story.id}~r{k}", text), story.id))
    random.Random(seed).shuffle(reprints)
    finder = ReprintFinder(lambda keys: {}, rule)  # every original met in this run
    _indexed, first_links = finder.plan(list(originals), 0)
    _indexed, links = finder.plan([a for a, _ in reprints], 1)
    # A reprint met before its story's other copies may itself become the first copy of a
    # later one (when it was missed): a link is right when both ends tell the same story.
    truth = {a.id: story for a, story in reprints} | {a.id: a.id for a in originals}
    linked = {link.article_id: link.original_id for link in links}
    right = sum(1 for a, story in reprints if a.id in linked and truth[linked[a.id]] == story)
    wrong = sum(1 for aid, other in linked.items() if truth[aid] != truth[other])
    wrong += len(first_links)
    # Similarities of true pairs and of the closest different stories.
    sigs: dict[str, Signature | None] = {a.id: signature(a.text, rule) for a in originals}
    true_sims = []
    for article, story in reprints:
        a, b = signature(article.text, rule), sigs[story]
        if a is not None and b is not None:
            true_sims.append(similarity(a, b))
    valid = [(aid, s) for aid, s in sigs.items() if s is not None]
    cross = [
        similarity(valid[i][1], valid[j][1])
        for i in range(len(valid))
        for j in range(i + 1, len(valid))
    ]
    true_sims.sort()
    return {
        "stories": len(originals),
        "reprints": len(reprints),
        "recall": right / len(reprints),
        "false_links": wrong,
        "true_min": true_sims[0],
        "true_p05": true_sims[int(0.05 * len(true_sims))],
        "true_median": statistics.median(true_sims),
        "cross_max": max(cross) if cross else 0.0,
    }


def minhash_speed(texts: Sequence[str], rule: ReprintRule) -> tuple[float, float]:
    """(ms per article, words per article) of ``signature`` over ``texts``."""
    start = time.perf_counter()
    for text in texts:
        signature(text, rule)
    elapsed = time.perf_counter() - start
    words = float(np.mean([len(t.split()) for t in texts]))
    return 1000 * elapsed / len(texts), words


def corpus_links(articles: Sequence[Article], threshold: float) -> list[tuple[str, str, float]]:
    finder = ReprintFinder(lambda keys: {}, ReprintRule(threshold))
    _indexed, links = finder.plan(list(articles), 0)
    return [(link.article_id, link.original_id, link.similarity) for link in links]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--threshold", type=float, default=ReprintRule().threshold)
    args = parser.parse_args()
    originals, origin = stories(args.stories)
    print(f"stories: {origin}; threshold {args.threshold}")
    found = evaluate(originals, args.threshold)
    print(
        f"reprints: {found['reprints']:.0f} of {found['stories']:.0f} stories; "
        f"recall {found['recall']:.3f}; false links {found['false_links']:.0f}"
    )
    print(
        f"similarity of true pairs: min {found['true_min']:.3f}, 5th pct "
        f"{found['true_p05']:.3f}, median {found['true_median']:.3f}; most similar different "
        f"stories {found['cross_max']:.3f}"
    )
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        other = evaluate(originals, threshold)
        print(
            f"  threshold {threshold:.1f}: recall {other['recall']:.3f}, "
            f"false links {other['false_links']:.0f}"
        )
    texts = [a.text for a in originals] * 4
    ms, words = minhash_speed(texts, ReprintRule(args.threshold))
    print(f"MinHash (128 permutations, word 5-grams): {ms:.2f} ms per article ({words:.0f} words)")
    everything = all_polnear()
    if everything:
        start = time.perf_counter()
        links = corpus_links(everything, args.threshold)
        elapsed = time.perf_counter() - start
        print(
            f"all {len(everything)} PolNeAR train texts as originals: {len(links)} link(s) "
            f"({1000 * elapsed / len(everything):.2f} ms per article, signature and lookup)"
        )
        for reprint, original, sim in links:
            print(f"  {reprint} -> {original} ({sim:.2f})")
        ours, theirs = lsh_comparison(everything, args.threshold)
        print(
            f"LSH lookup and insert after the signature, per article: ours (42x3 bands) "
            f"{ours:.3f} ms, datasketch MinHashLSH {theirs:.3f} ms"
        )


def lsh_comparison(articles: Sequence[Article], threshold: float) -> tuple[float, float]:
    """ms per article of finding candidates and indexing, given the signatures: our banding
    (ReprintFinder, in memory) against datasketch's MinHashLSH."""
    from datasketch import MinHash, MinHashLSH

    rule = ReprintRule(threshold)
    sigs = [(a, signature(a.text, rule)) for a in articles]
    usable = [(a, s) for a, s in sigs if s is not None]
    finder = ReprintFinder(lambda keys: {}, rule)
    from eventcoder.store.reprints import band_hashes

    start = time.perf_counter()
    for article, sig in usable:
        keys = band_hashes(sig)
        finder._best(article.id, sig, keys, {}, {})
        finder._remember(article.id, sig, keys, 0)
    ours = time.perf_counter() - start
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = [(a, MinHash(num_perm=128, hashvalues=s, scheme="affine32")) for a, s in usable]
    start = time.perf_counter()
    for article, minhash in hashes:
        lsh.query(minhash)
        lsh.insert(article.id, minhash)
    theirs = time.perf_counter() - start
    return 1000 * ours / len(usable), 1000 * theirs / len(usable)


if __name__ == "__main__":
    main()

"""Train the places stage's candidate ranker and write ``src/eventcoder/data/place_ranker.tsv``.

    python bench/train_place_ranker.py [--train both|gwn|trnews] [--out FILE] [--check]

The examples are the toponyms our own finder finds in the shown GeoWebNews and TR-News
articles (../shared/eval) that overlap a gold toponym: each one's candidates (as the places
stage builds them, with the rules' choices as context) are the choices, and the candidates
within 161 km of the gold point are the right ones (a name whose candidates are all right or
all wrong teaches nothing and is left out); a name counts once per gold mention, as the
metric counts it. The model is a conditional logit (a logistic
regression over one name's candidates: softmax of a linear score), fitted by full-batch
gradient descent from the rules alone (weight 1 on the rules' log-probability, 0 elsewhere)
with an L2 penalty pulling back towards them: deterministic, so rerunning the script
reproduces the shipped file byte for byte (``--check`` says whether it does).

The penalty's strength: for the shipped file (both sets), leave-one-corpus-out (fit on one
set, score the other, both ways), because cross-validation inside one corpus rewards that
corpus's conventions and picks a weak pull; ``--train gwn`` / ``--train trnews`` fit on one
set only, with the strength chosen by 5-fold cross-validation over that set's articles, never
by the other set (what ``bench/eval_geo.py`` does to report each set with the ranker trained
on the other).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

import eval_geo
from eventcoder import Coder
from eventcoder.datafiles import DATA_DIR
from eventcoder.places import PlaceCoder, distance_km
from eventcoder.places.ranker import FEATURES, RULES_FEATURE, RankerModel, name_groups
from eventcoder.records import Article
from eventcoder.state import ArticleState

ACCURATE_KM = 161.0
L2_CHOICES = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)  # chosen by 5-fold cross-validation
FOLDS = 5
ITERATIONS = 3000
STEP = 2.0
HEADER = """\
# place_ranker.tsv: weights of the places stage's candidate ranker (places/ranker.py; the
# features are documented in docs/places.md). Written by bench/train_place_ranker.py from the
# shown GeoWebNews and TR-News annotations ({examples} names with a right and a wrong
# candidate); rerun it to reproduce this file exactly. Conditional logit, L2 = {l2} towards the
# rules alone (chosen by {how}), {iterations} gradient steps from the rules.
# Format: feature<TAB>weight
"""


@dataclass(frozen=True)
class Parsed:
    """One shown article, parsed once: gold toponyms, the parse, the focus country."""

    article: Article
    gold: list[eval_geo.GoldToponym]
    doc: Doc
    focus: str | None


@dataclass(frozen=True)
class Example:
    """One name's candidates: feature matrix and which candidates are right."""

    matrix: npt.NDArray[np.float64]
    right: npt.NDArray[np.bool_]
    mentions: int = 1  # gold mentions of the name: the metric counts each one
    article: int = 0  # which article: cross-validation folds keep an article's names together


def parse(
    coder: Coder, items: Sequence[tuple[Article, list[eval_geo.GoldToponym]]]
) -> list[Parsed]:
    actors = coder.stage("actors")
    texts = ((article.text, (article, gold)) for article, gold in items)
    parsed: list[Parsed] = []
    for doc, (article, gold) in coder.nlp.pipe(texts, as_tuples=True, batch_size=16):
        focus = actors(doc, ArticleState(article)).actors.named_country
        parsed.append(Parsed(article, gold, doc, focus))
    return parsed


def examples(rules: PlaceCoder, parsed: Iterable[Parsed]) -> list[Example]:
    """The training examples of some articles (``rules``: the stage without a ranker)."""
    found: list[Example] = []
    for article, item in enumerate(parsed):
        toponyms = rules.toponyms(item.doc, item.focus)
        for group in name_groups(item.doc, toponyms, item.focus):
            golds = [
                next((g for g in item.gold if g.start < t.end_char and t.start_char < g.end), None)
                for t in (toponyms[i] for i in group.members)
            ]
            found_gold = [g for g in golds if g is not None]
            if not found_gold:
                continue
            gold = found_gold[0]
            right = np.array(
                [
                    distance_km(c.lat, c.lon, gold.lat, gold.lon) <= ACCURATE_KM
                    for c in group.candidates
                ]
            )
            if right.all() or not right.any():
                continue
            found.append(
                Example(np.array(group.vectors, dtype=np.float64), right, len(found_gold), article)
            )
    return found


def accuracy(model: RankerModel, test: Sequence[Example]) -> float:
    """Share of names whose best-scored candidate is a right one."""
    weights = np.array(model.weights)
    good = sum(e.mentions * bool(e.right[int(np.argmax(e.matrix @ weights))]) for e in test)
    return good / max(sum(e.mentions for e in test), 1)


def choose_l2(train: Sequence[Example]) -> float:
    """The L2 strength with the best 5-fold cross-validated accuracy (ties: the stronger)."""
    best, best_score = L2_CHOICES[-1], -1.0
    for l2 in sorted(L2_CHOICES, reverse=True):
        score = 0.0
        for fold in range(FOLDS):
            held = [e for e in train if e.article % FOLDS == fold]
            rest = [e for e in train if e.article % FOLDS != fold]
            score += accuracy(fit(rest, l2), held) * sum(e.mentions for e in held)
        if score > best_score + 1e-9:
            best, best_score = l2, score
    return best


def choose_l2_across(corpora: dict[str, list[Example]]) -> float:
    """The L2 strength whose fit on the other corpora scores best on each held-out corpus
    (leave-one-corpus-out; ties: the stronger). Within one corpus, cross-validation rewards
    learning that corpus's own conventions (TR-News marks "New York" as the state, GeoWebNews
    as the city) and picks a weak pull towards the rules; what users need is a ranker that
    holds on news nobody annotated, which only held-out corpora measure."""
    best, best_score = L2_CHOICES[-1], -1.0
    for l2 in sorted(L2_CHOICES, reverse=True):
        score = 0.0
        for held_name, held in corpora.items():
            rest = [e for name, examples in corpora.items() if name != held_name for e in examples]
            score += accuracy(fit(rest, l2), held)
        if score > best_score + 1e-9:
            best, best_score = l2, score
    return best


def train_model(train: Sequence[Example]) -> tuple[RankerModel, float]:
    """One corpus: L2 by 5-fold cross-validation over its articles."""
    l2 = choose_l2(train)
    return fit(train, l2), l2


def train_across(corpora: dict[str, list[Example]]) -> tuple[RankerModel, float]:
    """Several corpora: L2 by leave-one-corpus-out, then a fit on all of them."""
    l2 = choose_l2_across(corpora)
    return fit([e for examples in corpora.values() for e in examples], l2), l2


def fit(
    train: Sequence[Example], l2: float, iterations: int = ITERATIONS, step: float = STEP
) -> RankerModel:
    """Conditional logit with several right candidates allowed: maximise, over names, the log
    of the probability mass on the right candidates, minus l2/2 |w - prior|^2, where the prior
    (also the start) is the rules alone: weight 1 on their log-probability, 0 elsewhere."""
    x = np.concatenate([e.matrix for e in train])
    right = np.concatenate([e.right for e in train]).astype(np.float64)
    sizes = np.array([len(e.right) for e in train])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(train)), sizes)
    mentions = np.repeat(np.array([e.mentions for e in train], dtype=np.float64), sizes)
    n = float(sum(e.mentions for e in train))
    prior = np.zeros(x.shape[1])
    prior[FEATURES.index(RULES_FEATURE)] = 1.0  # the rules' own softmax
    w = prior.copy()
    step = min(step, n / l2)  # the penalty's curvature is l2 / n: a longer step oscillates
    for _ in range(iterations):
        s = x @ w
        top = np.maximum.reduceat(s, starts)[group]
        e = np.exp(s - top)
        p_all = e / np.add.reduceat(e, starts)[group]
        e_right = e * right
        p_right = e_right / np.add.reduceat(e_right, starts)[group]
        gradient = x.T @ (mentions * (p_right - p_all)) / n - l2 * (w - prior) / n
        w = w + step * gradient
    return RankerModel(tuple(round(float(v), 4) for v in w))


def render(model: RankerModel, count: int, l2: float, how: str) -> str:
    lines = [HEADER.format(examples=count, l2=l2, iterations=ITERATIONS, how=how)]
    lines += [
        f"{name}\t{weight:.4f}\n" for name, weight in zip(FEATURES, model.weights, strict=True)
    ]
    return "".join(lines)


def load_sets(coder: Coder) -> dict[str, list[tuple[Article, list[eval_geo.GoldToponym]]]]:
    demonyms = set(coder.lexicon.countries.demonyms)
    return {"gwn": eval_geo.load_gwn(), "trnews": eval_geo.load_trnews(demonyms)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", choices=("both", "gwn", "trnews"), default="both")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "place_ranker.tsv")
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args()
    coder = Coder()
    sets = load_sets(coder)
    if not all(sets.values()):
        sys.exit("the shown GeoWebNews and TR-News sets are not on this machine (../shared/eval)")
    rules = coder.place_coder.with_ranker(None)
    chosen = ("gwn", "trnews") if args.train == "both" else (args.train,)
    corpora = {name: examples(rules, parse(coder, sets[name])) for name in chosen}
    if len(corpora) > 1:
        model, l2 = train_across(corpora)
        how = "leave-one-corpus-out over the two sets"
    else:
        model, l2 = train_model(corpora[args.train])
        how = "5-fold cross-validation over the articles"
    count = sum(len(found) for found in corpora.values())
    text = render(model, count, l2, how)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("reproduced exactly" if same else f"differs from {args.out}")
        sys.exit(0 if same else 1)
    args.out.write_text(text, encoding="utf-8")
    print(f"{count} examples, L2 {l2}; weights written to {args.out}")


if __name__ == "__main__":
    main()

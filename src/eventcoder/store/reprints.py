"""Reprints: the same story published again (a wire story on another outlet's site).

An article whose text is a near duplicate of one already stored (or met earlier in the same
run) is a *reprint*. It is stored as an article (with its URL, outlet and title) and linked to
the first copy in table ``reprints``, but it is not coded: it adds to the ``num_articles`` and
``num_sources`` of the first copy's events, as GDELT counts every article that reports an
event, and it makes no events of its own (docs/sources.md).

Near duplicate = the estimated Jaccard similarity of the two texts' sets of word 5-grams
(lower-cased words) is at least ``ReprintRule.threshold`` (default 0.5). The estimate is a
MinHash of 128 permutations (datasketch); candidates come from locality-sensitive hashing:
the signature cut into 42 bands of 3 values, stored in ``article_bands``, so finding the
candidates of a batch is one indexed SQL lookup however many articles are stored. With 42x3
bands a pair at Jaccard 0.5 becomes a candidate with probability 0.996 (0.4: 0.94, 0.2:
0.29, 0.05: 0.005); each candidate is then confirmed on the full 128-value estimate, whose
standard error at J=0.5 is 0.044. Texts with fewer than ``min_shingles`` 5-grams (about 35
words) are neither matched nor indexed: short items say too little to tell a reprint from
another story told the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from eventcoder.records import Article

NUM_PERM = 128
BANDS = 42
ROWS = 3  # BANDS * ROWS <= NUM_PERM
SEED = 1
_WORD = re.compile(r"\w+", re.UNICODE)

Signature = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class ReprintRule:
    """When an article counts as a reprint of an earlier one."""

    threshold: float = 0.5  # estimated Jaccard similarity of word 5-gram sets
    shingle_words: int = 5
    min_shingles: int = 30

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("the reprint threshold is a similarity between 0 (excluded) and 1")


def shingles(text: str, width: int) -> list[bytes]:
    """The text's word ``width``-grams (lower case, punctuation dropped), as bytes."""
    words = _WORD.findall(text.lower())
    return list({" ".join(words[i : i + width]).encode() for i in range(len(words) - width + 1)})


def signature(text: str, rule: ReprintRule) -> Signature | None:
    """The MinHash signature of a text, or None when it is too short to match."""
    from datasketch import MinHash

    grams = shingles(text, rule.shingle_words)
    if len(grams) < rule.min_shingles:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(grams)
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def band_hashes(sig: Signature) -> list[int]:
    """The signature's LSH band keys: band number and its values, hashed to 63 bits."""
    keys: list[int] = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


def similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of the texts behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True, slots=True)
class Indexed:
    """An original article's signature and band keys, to be stored with it."""

    signature: tuple[int, ...]
    bands: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A reprint and the first copy it repeats."""

    article_id: str
    original_id: str
    similarity: float


# Looks stored originals up by band keys: {article id: signature} of those sharing any key.
CandidateLookup = Callable[[Sequence[int]], Mapping[str, Signature]]


@dataclass(slots=True)
class ReprintFinder:
    """Decides, article by article in input order, whether it reprints an earlier one.

    Stored originals are found through ``lookup`` (the database); the originals met earlier
    in this run and not yet stored are held here (``pending``) until ``forget`` is called
    for their batch once it is written."""

    lookup: CandidateLookup
    rule: ReprintRule = field(default_factory=ReprintRule)
    _pending_bands: dict[int, list[str]] = field(default_factory=dict)
    _pending_sigs: dict[str, Signature] = field(default_factory=dict)
    _by_batch: dict[int, list[tuple[str, list[int]]]] = field(default_factory=dict)

    def plan(
        self, articles: Sequence[Article], batch_seq: int
    ) -> tuple[dict[str, Indexed], list[Link]]:
        """The originals of these articles (with what to index) and the reprints."""
        found: list[tuple[Article, Signature | None, list[int]]] = []
        for article in articles:
            sig = signature(article.text, self.rule)
            found.append((article, sig, band_hashes(sig) if sig is not None else []))
        stored = self.lookup(sorted({key for _, _, keys in found for key in keys}))
        stored_bands = {aid: set(band_hashes(sig)) for aid, sig in stored.items()}
        indexed: dict[str, Indexed] = {}
        links: list[Link] = []
        for article, sig, keys in found:
            if sig is None:
                continue
            best = self._best(article.id, sig, keys, stored, stored_bands)
            if best is not None:
                links.append(Link(article.id, *best))
                continue
            indexed[article.id] = Indexed(tuple(int(v) for v in sig), tuple(keys))
            self._remember(article.id, sig, keys, batch_seq)
        return indexed, links

    def _best(
        self,
        article_id: str,
        sig: Signature,
        keys: list[int],
        stored: Mapping[str, Signature],
        stored_bands: Mapping[str, set[int]],
    ) -> tuple[str, float] | None:
        key_set = set(keys)
        # Stored copies first (in id order), then this run's in the order they were met: among
        # equally similar copies the earliest wins.
        candidates: dict[str, Signature] = {
            aid: stored[aid] for aid in sorted(stored) if stored_bands[aid] & key_set
        }
        for key in keys:
            for aid in self._pending_bands.get(key, ()):
                candidates.setdefault(aid, self._pending_sigs[aid])
        candidates.pop(article_id, None)  # a changed article is not a reprint of itself
        best: tuple[str, float] | None = None
        for aid, other in candidates.items():
            score = similarity(sig, other)
            if score >= self.rule.threshold and (best is None or score > best[1]):
                best = (aid, score)
        return best

    def _remember(self, article_id: str, sig: Signature, keys: list[int], batch_seq: int) -> None:
        self._pending_sigs[article_id] = sig
        for key in keys:
            self._pending_bands.setdefault(key, []).append(article_id)
        self._by_batch.setdefault(batch_seq, []).append((article_id, keys))

    def forget(self, batch_seq: int) -> None:
        """A batch was written: its originals are in the database from now on."""
        for article_id, keys in self._by_batch.pop(batch_seq, []):
            self._pending_sigs.pop(article_id, None)
            for key in keys:
                ids = self._pending_bands.get(key)
                if ids is None:
                    continue
                if article_id in ids:
                    ids.remove(article_id)
                if not ids:
                    del self._pending_bands[key]

    @property
    def pending(self) -> int:
        return len(self._pending_sigs)


def lookup_rows(rows: Iterable[tuple[str, Sequence[int]]]) -> dict[str, Signature]:
    return {str(aid): np.asarray(sig, dtype=np.uint32) for aid, sig in rows}

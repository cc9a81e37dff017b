"""Normalising place names for lookup, and a stable 64-bit key for each normalised name.

"Tillabéri", "TILLABERI" and "Tillaberi" share one key; so do "Deir ez-Zor" and "Deir ez Zor",
"St. Louis" and "St Louis". Keys are blake2b digests, stable across processes (unlike
``hash``), so that the gazetteer's name index can be cached on disk as a sorted integer array.
"""

from __future__ import annotations

import re
import unicodedata
from hashlib import blake2b

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—/_]+")
_DROPPED = re.compile(r"[.,()\"“”]")


def normalise(name: str) -> str:
    """Lower-case, accents removed, dots and commas dropped, hyphens and spaces collapsed."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROPPED.sub("", text.casefold())
    return _SEPARATORS.sub(" ", text).strip()


def name_key(name: str) -> int:
    """The 64-bit key of a name (of its normalised form), as a non-negative int."""
    digest = blake2b(normalise(name).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def is_latin(name: str) -> bool:
    """Latin script only (news copy in English never spells a place in another script)."""
    return all(ord(ch) < 0x250 or ch in "’‘ʼʻ" for ch in name)


# Arabic articles written as separate words after normalisation ("al hasakah", "ar raqqah").
ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "ath ", "adh ")


def without_article(norm: str) -> str:
    """A normalised name without a leading Arabic article, or "" when it has none."""
    for article in ARTICLES:
        if norm.startswith(article) and len(norm) > len(article) + 2:
            return norm[len(article) :]
    return ""

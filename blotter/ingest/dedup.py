"""Exact (normalised text hash) and near-duplicate (MinHash LSH) detection of articles."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

#: Permutations per MinHash: 128 gives a Jaccard estimate within about ±0.09 (1/sqrt(128)),
#: ample to tell a syndicated copy (>0.85) from a different report (<0.4), at 1 KiB per article.
NUM_PERM = 128
#: Words per shingle: 5-word shingles rarely repeat between distinct reports of one incident,
#: so a high overlap means copied text rather than a shared topic.
SHINGLE_WORDS = 5
#: Fixed seed so signatures stored in the database stay comparable across runs.
MINHASH_SEED = 1
#: Permutation scheme, pinned so stored signatures stay comparable across datasketch versions.
MINHASH_SCHEME = "affine32"
_WORD = re.compile(r"\w+")
#: LSH banding for ``near_duplicate_threshold`` 0.8 with 128 permutations (what
#: datasketch's ``MinHashLSH`` picks: 9 bands of 13 rows).  The store keeps one key
#: per band of every canonical article (table ``article_bands``), so near-duplicate
#: candidates are an indexed query and nothing is rebuilt in memory at start-up.
LSH_BANDS = 9
LSH_ROWS = 13


def normalise(text: str) -> str:
    """Case-folded words separated by single spaces (punctuation and layout dropped)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def text_hash(text: str) -> str:
    """SHA-256 of the normalised text: equal for copies differing only in layout or case."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def minhash(text: str) -> MinHash:
    """MinHash of the text's word shingles."""
    words = normalise(text).split()
    size = min(SHINGLE_WORDS, max(1, len(words)))
    shingles = {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}
    mh = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    mh.update_batch(list(shingles))
    return mh


def to_bytes(mh: MinHash) -> bytes:
    """Serialise a MinHash's hash values for the database."""
    return np.asarray(mh.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    """Rebuild a MinHash stored with ``to_bytes``."""
    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashvalues=values, scheme=MINHASH_SCHEME)


def band_keys(mh: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band: a hash of the band number and its values.

    Two articles are near-duplicate candidates when they share a key; the band
    number is hashed in, so one indexed column serves every band.
    """
    values = np.asarray(mh.hashvalues, dtype="<u8")
    keys = []
    for band in range(LSH_BANDS):
        chunk = values[band * LSH_ROWS : (band + 1) * LSH_ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


@dataclass
class Match:
    """The canonical article a new one duplicates."""

    key: str
    kind: str
    similarity: float


class DuplicateIndex:
    """Canonical articles by text hash, plus an LSH index of their MinHashes.

    Keys are the canonical articles' text hashes (unique among canonical articles).
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.signatures

    def add(self, key: str, mh: MinHash) -> None:
        """Index a canonical article."""
        if key not in self.signatures:
            self.signatures[key] = mh
            self.lsh.insert(key, mh)

    def match(self, key: str, mh: MinHash) -> Match | None:
        """The best canonical article this one duplicates, or None if it is new."""
        if key in self.signatures:
            return Match(key, "exact", 1.0)
        best: Match | None = None
        for candidate in self.lsh.query(mh):
            similarity = float(mh.jaccard(self.signatures[candidate]))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(str(candidate), "near", similarity)
        return best

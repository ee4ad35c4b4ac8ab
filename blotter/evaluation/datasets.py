"""The dev sets: where they are, what they are called, their checksums, their records."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Where the dev sets live under the shared data directory ($BLOTTER_SHARED).
DEV_SUBDIR = Path("evaldata") / "dev"
#: Bytes read at a time when hashing a file.
HASH_CHUNK = 1 << 20


def shared_dir() -> Path:
    """The shared data directory: ``$BLOTTER_SHARED``, else ``../shared`` beside the checkout."""
    repo = Path(__file__).resolve().parents[2]
    return Path(os.environ.get("BLOTTER_SHARED", repo.parent / "shared"))


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class DevSet:
    """One gold JSONL file: its name (the file stem, ``acled_dev``) and path."""

    name: str
    path: Path

    def sha256(self) -> str:
        """The SHA-256 of the file's bytes."""
        return sha256_file(self.path)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def discover(directory: Path) -> list[DevSet]:
    """Every ``*.jsonl`` file of *directory*, sorted by name."""
    if not directory.is_dir():
        raise GoldError(f"{directory} is not a directory of gold JSONL files")
    sets = [DevSet(p.stem, p) for p in sorted(directory.glob("*.jsonl"))]
    if not sets:
        raise GoldError(f"{directory} has no *.jsonl gold files")
    return sets


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records (format of shared/evaldata/README.md); a bad line is a GoldError."""
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{lineno}: not JSON: {exc.msg}") from exc
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise GoldError(f"{path}:{lineno}: a gold record is an object with a string id")
            if not isinstance(record.get("events", []), list):
                raise GoldError(f"{path}:{lineno}: 'events' must be a list")
            record.setdefault("events", [])
            out.append(record)
    return out

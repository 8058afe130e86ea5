"""Work run beside the main one (tracker.adapters.second_core), and the import that uses it: the
report is the same whether the source's words were counted in a second process or not, and a
worker that fails changes nothing but the time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_import_uslm import uslm
from tracker.adapters import package_writer, second_core
from tracker.adapters.package_writer import import_bill
from tracker.core.errors import ImportFormatError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is started by fork")


def _fail(message: str) -> None:
    raise RuntimeError(message)


def test_the_work_done_aside_gives_its_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    with second_core.beside(pow, 2, 10) as aside:
        assert aside.started
        assert aside.collect() == 1024


def test_a_worker_that_fails_gives_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    with second_core.beside(_fail, "no") as aside:
        assert aside.started
        assert aside.collect() is None


def test_on_one_core_nothing_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_core, "usable_cores", lambda: 1)
    with second_core.beside(pow, 2, 10) as aside:
        assert not aside.started
        assert aside.collect() is None


BODY = """
<section><num value="1">SECTION 1. </num><heading>Short title.</heading>
<content>This Act may be cited as the “Test Act”.</content></section>
<section><num value="2">SEC. 2. </num><heading>Grants.</heading>
<subsection><num value="a">(a) </num><heading>In general.—</heading><content>The Attorney General
shall make grants to States for body cameras.</content></subsection>
<subsection changed="deleted"><num value="b">(b) </num><content>Struck matter here.</content>
</subsection></section>
"""


def _report(tmp_path: Path, name: str, *, aside: bool) -> dict[str, object]:
    source = tmp_path / "bill.xml"
    source.write_bytes(uslm(BODY))
    result = import_bill(source, tmp_path / name)
    # counted aside, the reader keeps no printed text (the report's words came from the worker)
    assert (result.imported.printed_text == "") is aside
    return result.report.as_dict()


def test_the_import_report_is_the_same_with_the_words_counted_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 1)
    here = _report(tmp_path, "here", aside=False)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    aside = _report(tmp_path, "aside", aside=True)
    assert here == aside
    fidelity = aside["fidelity"]
    assert isinstance(fidelity, dict) and fidelity["source_words"] > 20
    assert aside["struck_words"] == 4  # "(b) Struck matter here."


def test_a_failed_worker_leaves_the_count_to_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 1)
    here = _report(tmp_path, "here", aside=False)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    from tracker.adapters.uslm import reader

    count, parent = reader.source_words, os.getpid()

    def fails_in_the_worker(data: bytes, source: str) -> object:
        return count(data, source) if os.getpid() == parent else _fail("worker")

    monkeypatch.setattr(reader, "source_words", fails_in_the_worker)
    assert _report(tmp_path, "failed", aside=True) == here


def test_a_malformed_source_is_refused_once_with_the_worker_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    source = tmp_path / "bad.xml"
    source.write_bytes(b"<?xml version='1.0'?><bill xmlns='http://schemas.gpo.gov/xml/uslm'>")
    with pytest.raises(ImportFormatError):
        import_bill(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_more_work_follows_on_the_same_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    with second_core.beside(pow, 2, 10) as aside:
        then = aside.also(pow, 3, 3)
        assert then.started and then.collect() == 27
        assert aside.collect() == 1024
    monkeypatch.setattr(second_core, "usable_cores", lambda: 1)
    with second_core.beside(pow, 2, 10) as aside:
        assert not aside.also(pow, 3, 3).started


def test_the_package_written_aside_is_the_package_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    source = tmp_path / "bill.xml"
    source.write_bytes(uslm(BODY))
    monkeypatch.setattr(second_core, "usable_cores", lambda: 1)
    import_bill(source, tmp_path / "here")
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    monkeypatch.setattr(package_writer, "_write_all", _fail)  # written by the worker, or not at all
    import_bill(source, tmp_path / "aside")
    here = _files(tmp_path / "here")
    assert len(here) >= 4 and _files(tmp_path / "aside") == here
    # only the two packages: no staging folder left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aside", "bill.xml", "here"]


_PARENT, _WRITE = os.getpid(), package_writer.write_files


def _half_then_fails(folder: Path, files: dict[str, str]) -> int:
    """write_files that, in a worker, writes one file wrong and fails (a disk that filled up)."""
    if os.getpid() == _PARENT:
        return _WRITE(folder, files)
    first = folder / sorted(files)[0]
    first.parent.mkdir(parents=True, exist_ok=True)
    first.write_text("half", encoding="utf-8")
    raise OSError(28, "No space left on device")


def test_a_worker_that_fails_to_write_leaves_the_writing_to_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    source = tmp_path / "bill.xml"
    source.write_bytes(uslm(BODY))
    monkeypatch.setattr(package_writer, "write_files", _half_then_fails)
    result = import_bill(source, tmp_path / "out")
    monkeypatch.setattr(second_core, "usable_cores", lambda: 1)
    here = import_bill(source, tmp_path / "here")
    assert _files(tmp_path / "out") == _files(tmp_path / "here")
    assert result.report == here.report


def test_a_check_that_fails_while_the_worker_writes_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    source = tmp_path / "bill.xml"
    source.write_bytes(uslm(BODY))
    from tracker.adapters import loader

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(loader, "load_files", broken)
    with pytest.raises(KeyboardInterrupt):
        import_bill(source, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.xml"]

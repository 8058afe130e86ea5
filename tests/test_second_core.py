"""Work run beside the main one (tracker.adapters.second_core), and the import that uses it: the
report is the same whether the source's words were counted in a second process or not, and a
worker that fails changes nothing but the time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_import_uslm import uslm
from tracker.adapters import loader, package_writer, second_core
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


def test_the_worker_is_forked_with_its_arguments_not_sent_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pickle

    monkeypatch.setattr(second_core, "usable_cores", lambda: 2)
    unpicklable = lambda: 42  # noqa: E731 - a lambda cannot be pickled: it must be inherited
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(unpicklable)
    with second_core.beside(lambda f: f() + 1, unpicklable) as aside:
        assert aside.started
        assert aside.collect() == 43


#: A bill large enough for the drafting checks to be worth a worker when the limit is lowered:
#: terms defined and not used (BT320) and a duty on States (BT325), so the worker has findings.
DRAFTING_BODY = (
    BODY
    + """
<section><num value="3">SEC. 3. </num><heading>Definitions.</heading>
<chapeau>In this Act:</chapeau>
<paragraph><num value="1">(1) </num><content>The term “body-worn camera” means a camera.</content>
</paragraph>
<paragraph><num value="2">(2) </num><content>The term “covered official” means an officer.
</content></paragraph></section>
<section><num value="4">SEC. 4. </num><heading>Duties.</heading>
<content>Each State shall report annually to the Attorney General.</content></section>
"""
)


def _import(tmp_path: Path, name: str, cores: int, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(second_core, "usable_cores", lambda: cores)
    source = tmp_path / "bill.xml"
    source.write_bytes(uslm(DRAFTING_BODY))
    return import_bill(source, tmp_path / name)


def test_the_drafting_checks_run_aside_give_the_same_package_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    here = _import(tmp_path, "here", 1, monkeypatch)

    def not_here(*args: object, **kwargs: object) -> object:
        if kwargs.get("drafting", True) and os.getpid() == _PARENT:
            raise AssertionError("the drafting checks ran in this process")
        return load(*args, **kwargs)

    load = loader.load_files
    monkeypatch.setattr(loader, "load_files", not_here)
    aside = _import(tmp_path, "aside", 2, monkeypatch)
    codes = [f.code for f in aside.report.findings]  # type: ignore[attr-defined]
    assert {"BT320", "BT325"} <= set(codes)
    assert aside.report == here.report  # type: ignore[attr-defined]
    assert _files(tmp_path / "aside") == _files(tmp_path / "here")
    # only the two packages: no staging folder left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aside", "bill.xml", "here"]


_PARENT = os.getpid()
_DRAFTING = loader.drafting_warnings


def _fails_in_a_worker(*args: object, **kwargs: object) -> object:
    """drafting_warnings that fails in a worker (killed, out of memory) and works here."""
    if os.getpid() != _PARENT:
        raise MemoryError
    return _DRAFTING(*args, **kwargs)  # type: ignore[arg-type]


def test_a_worker_that_fails_leaves_the_drafting_checks_to_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    here = _import(tmp_path, "here", 1, monkeypatch)
    monkeypatch.setattr(loader, "drafting_warnings", _fails_in_a_worker)
    failed = _import(tmp_path, "failed", 2, monkeypatch)
    assert failed.report == here.report  # type: ignore[attr-defined]


def test_a_package_that_cannot_be_written_is_refused_with_the_worker_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "kept.txt").write_text("mine", encoding="utf-8")
    from tracker.core.errors import WriteError

    with pytest.raises(WriteError):
        _import(tmp_path, "out", 2, monkeypatch)
    assert _files(tmp_path / "out") == {"kept.txt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.xml", "out"]


def test_a_load_that_fails_while_the_worker_checks_leaves_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_writer, "ASIDE_BYTES", 0)

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(loader, "load_files", broken)
    with pytest.raises(KeyboardInterrupt):
        _import(tmp_path, "out", 2, monkeypatch)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.xml", "out"]

"""``billtrack draft cut`` and ``draft list``: the layout of a draft, atomicity (a failure half-way
leaves nothing), refusing existing and illegal names, and the change summary between drafts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import commit_all, run_billtrack, snapshot
from tracker.adapters import drafts
from tracker.adapters.loader import list_drafts, load_draft
from tracker.core.errors import InvalidNameError, UnknownNameError, WriteError

TODAY = dt.date.today().isoformat()


def test_cut_layout(package: Path) -> None:
    code, out, err = run_billtrack(
        package,
        "draft",
        "cut",
        "discussion-draft",
        "--stage",
        "discussion",
        "--note",
        "First draft.\nFor comment by staff.",
    )
    assert code == 0, err
    assert out == f"cut drafts/discussion-draft: Discussion draft, {TODAY}, not from a git commit\n"
    folder = package / "drafts" / "discussion-draft"
    assert sorted(p.name for p in folder.iterdir()) == ["draft.yaml", "provisions"]
    assert (folder / "draft.yaml").read_text(encoding="utf-8") == (
        "name: discussion-draft\n"
        "stage: discussion\n"
        f"date: {TODAY}\n"
        "commit: null\n"
        "dirty: false\n"
        f"content_sha256: {drafts.draft_content_sha256(folder)}\n"
        "note: |\n"
        "  First draft.\n"
        "  For comment by staff.\n"
    )
    assert snapshot(folder / "provisions") == snapshot(package / "provisions")
    loaded = load_draft(package, "discussion-draft")
    assert not loaded.errors and loaded.draft is not None
    assert loaded.draft.note == "First draft.\nFor comment by staff.\n"
    assert [d.name for d in list_drafts(package)] == ["discussion-draft"]
    assert not [p for p in (package / "drafts").iterdir() if p.name.startswith(".")]


def test_gpo_code_and_no_note(package: Path) -> None:
    assert run_billtrack(package, "draft", "cut", "introduced", "--stage", "IH")[0] == 0
    text = (package / "drafts" / "introduced" / "draft.yaml").read_text()
    assert "stage: ih\n" in text and text.endswith("note: null\n")
    assert load_draft(package, "introduced").draft.stage.value == "introduced"  # type: ignore[union-attr]


def test_commit_and_dirty_are_recorded(package: Path) -> None:
    head = commit_all(package, "bill")
    assert run_billtrack(package, "draft", "cut", "clean", "--stage", "discussion")[0] == 0
    info = yaml.safe_load((package / "drafts" / "clean" / "draft.yaml").read_text())
    assert info["commit"] == head and info["dirty"] is False
    reporting = package / "provisions" / "reporting.md"
    reporting.write_text(reporting.read_text() + "\nMore.\n", encoding="utf-8")
    code, out, _ = run_billtrack(package, "draft", "cut", "dirty", "--stage", "discussion")
    assert code == 0 and "(with uncommitted changes)" in out
    info = yaml.safe_load((package / "drafts" / "dirty" / "draft.yaml").read_text())
    assert info["commit"] == head and info["dirty"] is True
    assert (
        package / "drafts" / "dirty" / "provisions" / "reporting.md"
    ).read_bytes() == reporting.read_bytes()


def test_existing_name_is_refused(package: Path) -> None:
    assert run_billtrack(package, "draft", "cut", "first", "--stage", "discussion")[0] == 0
    before = snapshot(package / "drafts")
    code, _, err = run_billtrack(package, "draft", "cut", "first", "--stage", "introduced")
    assert code == 1 and "draft 'first' already exists" in err
    assert snapshot(package / "drafts") == before


@pytest.mark.parametrize(
    "name", ["../escape", "Bad", "a/b", "x_y", ".hidden", "", "x" * 101, "drafts"]
)
def test_illegal_names_are_refused(package: Path, name: str) -> None:
    if name == "drafts":  # legal, but shows that nothing else is created
        assert run_billtrack(package, "draft", "cut", name, "--stage", "discussion")[0] == 0
        return
    code, _, err = run_billtrack(package, "draft", "cut", name, "--stage", "discussion")
    assert code == 1 and "illegal draft name" in err
    assert not (package / "drafts").exists() or not list((package / "drafts").iterdir())
    assert not (package / "escape").exists()


def test_unknown_stage_gets_a_suggestion(package: Path) -> None:
    with pytest.raises(UnknownNameError, match="unknown stage") as caught:
        drafts.cut_draft(
            package, "x", "introducd", date=dt.date(2026, 1, 1), commit=None, dirty=False
        )
    assert "did you mean 'introduced'?" in (caught.value.hint or "")
    with pytest.raises(InvalidNameError):
        drafts.cut_draft(package, "X", "ih", date=dt.date(2026, 1, 1), commit=None, dirty=False)


def test_a_package_with_errors_is_not_cut(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    path.write_text(
        path.read_text().replace("status: 'review'", "status: 'revue'"), encoding="utf-8"
    )
    code, _, err = run_billtrack(package, "draft", "cut", "broken", "--stage", "discussion")
    assert code == 1 and "no draft was cut: BT302" in err and "provisions/reporting.md:6" in err
    assert not (package / "drafts" / "broken").exists()


@pytest.mark.parametrize("failing_call", [1, 3, 6])
def test_failure_half_way_leaves_no_draft(
    package: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    real = drafts._write_file
    calls = {"n": 0}

    def flaky(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(drafts, "_write_file", flaky)
    code, _, err = run_billtrack(package, "draft", "cut", "partial", "--stage", "discussion")
    assert code == 1 and "could not cut draft 'partial'" in err and "nothing was left behind" in err
    assert list((package / "drafts").iterdir()) == []
    assert list_drafts(package) == []


def test_failure_at_the_rename_leaves_no_draft(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(drafts.os, "rename", refuse)
    with pytest.raises(WriteError, match="Permission denied"):
        drafts.cut_draft(package, "late", "ih", date=dt.date(2026, 1, 1), commit=None, dirty=False)
    assert list((package / "drafts").iterdir()) == []


def test_interrupt_half_way_leaves_no_draft(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: Path, target: Path) -> None:
        target.mkdir()
        (target / "bill.yaml").write_text("half")
        raise KeyboardInterrupt

    monkeypatch.setattr(drafts, "copy_tree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        drafts.cut_draft(
            package, "stopped", "ih", date=dt.date(2026, 1, 1), commit=None, dirty=False
        )
    assert list((package / "drafts").iterdir()) == []


def test_list_shows_changes_against_the_previous_draft(package: Path) -> None:
    code, out, _ = run_billtrack(package, "draft", "list")
    assert code == 0 and "No drafts yet" in out
    assert run_billtrack(package, "draft", "cut", "one", "--stage", "discussion")[0] == 0
    path = package / "provisions" / "grant-conditions.md"
    path.write_text(
        path.read_text().replace("small agency", "small or rural agency"), encoding="utf-8"
    )
    assert run_billtrack(package, "draft", "cut", "two", "--stage", "ih")[0] == 0
    code, out, _ = run_billtrack(package, "draft", "list")
    assert code == 0
    assert "first draft: 3 sections" in out
    assert "1 amended; +2 -0 words" in out
    data = json.loads(run_billtrack(package, "draft", "list", "--format", "json")[1])["drafts"]
    assert [d["name"] for d in data] == ["one", "two"]
    assert data[1]["previous"] == "one" and data[1]["changes"]["amended"] == 1
    assert data[0]["changes"] is None

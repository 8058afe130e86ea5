"""``billtrack build`` deletes only what it made: ``--clean --out`` against the package, its parts,
its parent, a foreign folder or a link to one is refused before any build starts, and nothing is
deleted (every file checksummed before and after). A folder billtrack marked is cleaned."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE_PACKAGE, commit_all, run_billtrack
from tracker.adapters.output_folder import MARKER, OutputFolder, prepare_output_folders
from tracker.core.errors import WriteError


def checksums(top: Path) -> dict[str, str]:
    """SHA-256 of every file under ``top`` (links not followed), keyed by relative path."""
    found: dict[str, str] = {}
    for folder, _, files in os.walk(top):
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                found[path.relative_to(top).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base package in a git repository, with drafts/, law/, docs/ and an unrelated folder."""
    root = tmp_path / "work" / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    shutil.copytree(BASE_PACKAGE / "provisions", root / "drafts" / "first" / "provisions")
    (root / "drafts" / "first" / "draft.yaml").write_text(
        "name: first\nstage: discussion\ndate: 2026-01-01\n", encoding="utf-8"
    )
    for name in ("law", "docs", "notes"):
        (root / name).mkdir()
        (root / name / "keep.md").write_text(f"{name}\n", encoding="utf-8")
    (root / "provisions-link").symlink_to("provisions")
    commit_all(root, "package")
    (tmp_path / "work" / "sibling.txt").write_text("not billtrack's\n", encoding="utf-8")
    return root


# (--out as given relative to the package root, what the refusal says)
REFUSED = [
    (".", "package root"),
    ("provisions", "provisions/"),
    ("drafts", "drafts/"),
    ("drafts/first", "drafts/"),
    (".git", ".git"),
    ("law", "law/"),
    ("docs", "docs/"),
    ("..", "contains the package"),
    ("notes", f"no {MARKER}"),
    ("provisions-link", "provisions/"),
]


@pytest.mark.parametrize(("out", "reason"), REFUSED, ids=[o for o, _ in REFUSED])
@pytest.mark.parametrize("clean", [True, False], ids=["clean", "no-clean"])
def test_refused_and_nothing_deleted(repo: Path, out: str, reason: str, clean: bool) -> None:
    top = repo.parent
    before = checksums(top)
    args = ["build", "--out", str(repo / out), "-q", *(["--clean"] if clean else [])]
    code, stdout, stderr = run_billtrack(repo, *args)
    assert code == 1, stdout + stderr
    assert "billtrack will not write its site here" in stderr and reason in stderr
    assert "hint: " in stderr and "Traceback" not in stderr
    assert checksums(top) == before
    assert not (repo / "_build").exists()  # no build started, no sibling folders made


def test_a_marked_folder_is_cleaned(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    layout = [OutputFolder(path=out, signature=".buildinfo")]
    prepare_output_folders(layout, root=repo, clean=False)
    assert (out / MARKER).is_file()
    (out / "stale.html").write_text("old\n", encoding="utf-8")
    prepare_output_folders(layout, root=repo, clean=True)
    assert sorted(p.name for p in out.iterdir()) == [MARKER]


def test_a_marked_folder_holding_a_repository_is_not_cleaned(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    layout = [OutputFolder(path=out, signature=".buildinfo")]
    prepare_output_folders(layout, root=repo, clean=False)
    (out / "pages" / ".git").mkdir(parents=True)
    with pytest.raises(WriteError, match="would delete the git repository"):
        prepare_output_folders(layout, root=repo, clean=True)
    assert (out / "pages" / ".git").is_dir()


def test_every_folder_is_checked_before_any_is_deleted(repo: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    prepare_output_folders([OutputFolder(path=ours, signature="x")], root=repo, clean=False)
    (ours / "page.html").write_text("mine\n", encoding="utf-8")
    theirs.mkdir()
    (theirs / "notes.txt").write_text("theirs\n", encoding="utf-8")
    folders = [OutputFolder(path=p, signature="x") for p in (ours, theirs)]
    with pytest.raises(WriteError):
        prepare_output_folders(folders, root=repo, clean=True)
    assert (ours / "page.html").is_file() and (theirs / "notes.txt").is_file()


def test_legacy_default_output_is_adopted_only_with_sphinx_signature(repo: Path) -> None:
    html = repo / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("old site\n", encoding="utf-8")
    folder = OutputFolder(path=html, signature=".buildinfo", default=True)
    with pytest.raises(WriteError, match=MARKER):
        prepare_output_folders([folder], root=repo, clean=True)
    assert (html / "index.html").is_file()
    (html / ".buildinfo").write_text("# Sphinx build info\n", encoding="utf-8")
    prepare_output_folders([folder], root=repo, clean=True)
    assert sorted(p.name for p in html.iterdir()) == [MARKER]


def test_an_empty_existing_folder_is_taken(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    prepare_output_folders([OutputFolder(path=out, signature="x")], root=repo, clean=True)
    assert (out / MARKER).read_text(encoding="utf-8").startswith("This folder was made by")


@pytest.mark.parametrize("where", ["file", "under-file"])
def test_output_folder_that_cannot_be_created(repo: Path, tmp_path: Path, where: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file\n", encoding="utf-8")
    out = blocker if where == "file" else blocker / "site"
    code, stdout, stderr = run_billtrack(repo, "build", "--out", str(out), "-q")
    assert code in (1, 2) and "Traceback" not in stdout + stderr
    assert str(blocker) in stderr
    assert blocker.read_text(encoding="utf-8") == "a file\n"


def test_output_folder_without_permission(repo: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, stderr = run_billtrack(repo, "build", "--out", str(locked / "site"), "-q")
    locked.chmod(0o700)
    assert code == 1 and "permission denied" in stderr and "Traceback" not in stderr

"""Debris and frozen drafts: what a killed ``draft cut`` leaves is reported as such and removed by
the next cut (only billtrack's own partial folders, never one a running cut holds); a draft changed
after it was cut is reported; Sphinx errors become one message with the right hint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_billtrack, snapshot
from tracker.adapters import drafts
from tracker.core.errors import WriteError

SHIPPED_DRAFTS = sorted(p for p in (REPO / "drafts").iterdir() if p.is_dir())


def check(root: Path) -> list[dict[str, object]]:
    """The findings of ``billtrack check`` beyond the fixture's own (a BT701 warning)."""
    _, out, err = run_billtrack(root, "check", "--format", "json")
    assert "Traceback" not in err
    return [f for f in json.loads(out)["findings"] if f["code"] != "BT701"]


def kill_a_cut(root: Path, name: str) -> Path:
    """Start ``draft cut`` in a child process and kill it half-way: its partial folder stays."""
    script = (
        "import os, sys, datetime\n"
        "from pathlib import Path\n"
        "from tracker.adapters import drafts\n"
        "def die(*a, **k): os._exit(9)\n"
        "drafts._write_file = die\n"  # killed while writing the first file
        f"drafts.cut_draft(Path({str(root)!r}), {name!r}, 'discussion',"
        " date=datetime.date(2026, 1, 1), commit=None, dirty=False)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, check=False)
    assert done.returncode == 9
    (left,) = [p for p in (root / "drafts").iterdir() if p.name.startswith(f".{name}.")]
    return left


def test_interrupted_cut_is_reported_then_removed_by_the_next(package: Path) -> None:
    left = kill_a_cut(package, "first")
    assert drafts.PARTIAL_DRAFT.fullmatch(left.name)
    findings = check(package)
    assert [f["code"] for f in findings] == ["BT208"], findings
    assert findings[0]["severity"] == "warning"
    assert f"rm -r drafts/{left.name}" in str(findings[0]["hint"])
    code, _, err = run_billtrack(package, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    assert not left.exists()
    assert sorted(p.name for p in (package / "drafts").iterdir()) == ["first"]
    assert check(package) == []


def test_a_running_cut_and_foreign_folders_are_left_alone(package: Path) -> None:
    folder = package / "drafts"
    folder.mkdir()
    running = folder / ".other.abcd1234.partial"
    running.mkdir()
    foreign = [folder / ".mine.partial", folder / ".notes", folder / ".x.abcd1234.partial.bak"]
    for path in foreign:
        path.mkdir()
        (path / "keep.txt").write_text("keep\n", encoding="utf-8")
    with drafts._held(running):  # as a cut in another process holds it
        assert drafts.remove_interrupted_cuts(package) == []
    assert running.is_dir() and all((p / "keep.txt").is_file() for p in foreign)
    assert drafts.remove_interrupted_cuts(package) == ["drafts/.other.abcd1234.partial"]
    assert all((p / "keep.txt").is_file() for p in foreign)


def test_a_draft_changed_after_it_was_cut(package: Path) -> None:
    code, _, err = run_billtrack(package, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    assert check(package) == []
    frozen = package / "drafts" / "first" / "provisions" / "reporting.md"
    frozen.write_text(frozen.read_text("utf-8").replace("annually", "never"), encoding="utf-8")
    findings = check(package)
    assert [(f["code"], f["path"]) for f in findings] == [("BT206", "drafts/first/draft.yaml")], (
        findings
    )
    assert findings[0]["line"] == 6 and "git checkout -- drafts/first" in str(findings[0]["hint"])


def test_content_hash_matches_the_documented_shell_command(package: Path) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("no sha256sum")
    code, _, err = run_billtrack(package, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    draft = package / "drafts" / "first"
    shell = subprocess.run(
        "find provisions -type f | LC_ALL=C sort | xargs sha256sum | sha256sum",
        shell=True,
        cwd=draft,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    ).stdout.split()[0]
    assert f"content_sha256: {shell}\n" in (draft / "draft.yaml").read_text("utf-8")


@pytest.mark.parametrize("draft", SHIPPED_DRAFTS, ids=[p.name for p in SHIPPED_DRAFTS])
def test_shipped_drafts_record_their_content(draft: Path) -> None:
    recorded = (draft / "draft.yaml").read_text("utf-8")
    assert f"content_sha256: {drafts.draft_content_sha256(draft)}\n" in recorded


# Sphinx errors ------------------------------------------------------------------------------------


def layout(tmp_path: Path, *, confdir: bool):  # type: ignore[no-untyped-def]
    from tracker.sphinx_ext.build import SiteLayout

    return SiteLayout(
        root=tmp_path,
        confdir=tmp_path if confdir else None,
        srcdir=tmp_path / "docs",
        outdir=tmp_path / "out",
        doctreedir=tmp_path / ".out-doctrees",
    )


def test_sphinx_errors_are_translated(tmp_path: Path) -> None:
    from sphinx.errors import ConfigError, ExtensionError, SphinxParallelError

    from tracker.sphinx_ext.build import translate_sphinx_error

    ours = WriteError("the file is read-only", path="provisions/x.md", hint="chmod u+w")
    assert (
        translate_sphinx_error(
            ExtensionError("Handler failed", ours), layout(tmp_path, confdir=False)
        )
        is ours
    )

    config = translate_sphinx_error(
        ConfigError("There is a syntax error in your configuration file: x\nTraceback..."),
        layout(tmp_path, confdir=True),
    )
    assert config.path == str(tmp_path / "conf.py") and "Traceback" not in config.message
    assert config.hint == f"fix {tmp_path / 'conf.py'}"

    missing = translate_sphinx_error(
        ExtensionError(
            "Could not import extension zz (exception: No module named 'zz')",
            ModuleNotFoundError("No module named 'zz'"),
        ),
        layout(tmp_path, confdir=True),
    )
    assert "cannot be imported" in missing.message and "conf.py" in (missing.hint or "")

    parallel = translate_sphinx_error(
        SphinxParallelError("Traceback (most recent call last):\n  File x\nValueError: boom", "tb"),
        layout(tmp_path, confdir=False),
    )
    assert parallel.message.endswith("ValueError: boom") and "-j 1" in (parallel.hint or "")

    crash = translate_sphinx_error(
        ExtensionError("Handler <function f at 0x7f> threw", KeyError("x")),
        layout(tmp_path, confdir=False),
    )
    assert "0x7f" not in crash.message and "KeyError" in crash.message
    assert "billtrack check" in (crash.hint or "")


def test_broken_conf_py_is_one_located_message(tmp_path: Path) -> None:
    from tests.conftest import BASE_PACKAGE

    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "conf.py").write_text("x = (\n", encoding="utf-8")
    before = snapshot(root)
    code, out, err = run_billtrack(root, "build", "-q")
    assert code == 1 and "Traceback" not in out + err
    assert err.startswith(f"error: {root / 'conf.py'}: the site's configuration is broken")
    assert f"hint: fix {root / 'conf.py'}" in err
    assert {k: v for k, v in snapshot(root).items() if not k.startswith("_build/")} == before

"""``billtrack changelog``: provisions added, struck, amended, moved and redesignated, and status
changes, between a draft and the working tree (or two named versions), as text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import commit_all, run_billtrack


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_no_drafts_says_so(package: Path, fmt: str) -> None:
    code, out, err = run_billtrack(package, "changelog", "--format", fmt)
    assert code == 0 and not err
    assert "No drafts yet" in out
    if fmt == "json":
        assert json.loads(out)["changes"] == []


@pytest.fixture
def changed(package: Path) -> Path:
    """A draft, then: a new provision, one struck, one amended, one moved, a status change."""
    assert run_billtrack(package, "draft", "cut", "introduced", "--stage", "ih")[0] == 0
    provisions = package / "provisions"
    (provisions / "audit.md").write_text(
        "---\ntitle: Audits\nimplements: []\nstatus: drafting\nowner: M. Chen\n---\n\n"
        "The Inspector General shall audit the program every two years.\n",
        encoding="utf-8",
    )
    edit(
        provisions / "bill.yaml",
        "      - grant-conditions\n      - reporting\n",
        "      - reporting\n      - grant-conditions\n      - audit\n",
    )
    edit(provisions / "bill.yaml", "  - short-title\n", "")
    (provisions / "short-title.md").unlink()
    edit(provisions / "grant-conditions.md", "for a small agency", "for a small or rural agency")
    assert (
        run_billtrack(
            package,
            "status",
            "set",
            "reporting",
            "cleared",
            "--author",
            "K. Donovan",
            "--note",
            "Cleared.",
        )[0]
        == 0
    )
    return package


def test_text(changed: Path) -> None:
    code, out, _ = run_billtrack(changed, "changelog")
    assert code == 0
    assert out.startswith("Status Fixture Act: changes from drafts/introduced to worktree\n")
    assert "Added (1):\n  - audit (Audits): new sec. 103, " in out
    assert "Struck (1):\n  - short-title (Short title): was sec. 1, " in out
    assert (
        "Amended (1):\n  - grant-conditions (Credentialing condition on grants): sec. 102, 3 words inserted, 1 struck"
        in out
    )
    assert (
        "Moved (1):\n  - grant-conditions (Credentialing condition on grants): now sec. 102, "
        "was sec. 101" in out
    )
    assert (
        "Redesignated (" in out
        and "grant-conditions (Credentialing condition on grants): sec. 101 becomes sec. 102" in out
    )
    assert "Status changes (2):" in out
    assert "  - reporting: review -> cleared\n" in out
    assert "K. Donovan, review -> cleared: Cleared." in out
    assert "  - audit: new -> drafting" in out


def test_markdown_and_json(changed: Path) -> None:
    code, out, _ = run_billtrack(changed, "changelog", "--format", "md")
    assert code == 0
    assert out.startswith(
        "# Status Fixture Act\n\nChanges from **drafts/introduced** to **worktree**."
    )
    assert "## Added (1)\n\n- `audit` (Audits): new sec. 103" in out
    assert "## Status changes (2)" in out
    data = json.loads(run_billtrack(changed, "changelog", "--format", "json")[1])
    assert data["old"] == "drafts/introduced" and data["new"] == "worktree"
    # The counts are the redline's (one unit, one kind), as 'billtrack diff' prints them.
    assert data["counts"] == {"added": 1, "struck": 1, "amended": 0, "moved": 1, "redesignated": 1}
    kinds = {c["id"]: c["kinds"] for c in data["changes"]}
    assert kinds["grant-conditions"] == ["amended", "moved", "redesignated"]
    assert kinds["reporting"] == ["redesignated"]  # "SEC. 102" became "SECTION 101": numbering only
    status = {s["id"]: (s["from"], s["to"], len(s["history"])) for s in data["status_changes"]}
    assert status == {"reporting": ("review", "cleared", 1), "audit": (None, "drafting", 0)}


def test_named_versions(changed: Path) -> None:
    assert run_billtrack(changed, "draft", "cut", "reported", "--stage", "rh")[0] == 0
    code, out, _ = run_billtrack(
        changed, "changelog", "introduced", "drafts/reported", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert (data["old"], data["new"]) == ("drafts/introduced", "drafts/reported")
    assert data["counts"]["added"] == 1
    code, out, _ = run_billtrack(changed, "changelog")  # the latest draft against the working tree
    assert code == 0 and "No changes." in out
    code, _, err = run_billtrack(changed, "changelog", "introducd")
    assert code == 1 and "did you mean 'drafts/introduced'?" in err


def test_git_revision_against_the_working_tree(package: Path) -> None:
    commit_all(package, "bill")
    assert run_billtrack(package, "status", "set", "reporting", "hold", "--author", "A")[0] == 0
    code, out, err = run_billtrack(package, "changelog", "git:HEAD", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["old"], data["new"]) == ("git:HEAD", "worktree")
    assert data["changes"] == []
    assert [(s["id"], s["from"], s["to"]) for s in data["status_changes"]] == [
        ("reporting", "review", "hold")
    ]
    code, _, err = run_billtrack(package, "changelog", "git:no-such-tag")
    assert code == 1 and "unknown revision 'no-such-tag'" in err

"""Shared fixtures: package builders, the shared data folder, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# CI runs the property tests on a fixed seed (HYPOTHESIS_PROFILE=ci in .ci/run), so a red CI can be
# reproduced exactly; elsewhere each run explores new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
BASE_PACKAGE = FIXTURES / "packages" / "base"
STATUS_PACKAGE = FIXTURES / "status" / "package"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent (failing when CI requires it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("BILLTRACK_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is required (BILLTRACK_REQUIRE_SHARED=1) but absent")
        pytest.skip(f"{path} is absent (a fresh clone without ../shared)")
    return path


@pytest.fixture(autouse=True, scope="session")
def parse_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The parse cache of every test goes to a folder of the session, never the real home."""
    folder = tmp_path_factory.mktemp("billtrack-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BILLTRACK_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def base_package(tmp_path: Path) -> Path:
    """A fresh copy of the small valid fixture package."""
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes, to prove a command changed nothing."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A fresh copy of the status-tracking fixture package (statuses, history, owners)."""
    root = tmp_path / "pkg"
    shutil.copytree(STATUS_PACKAGE, root)
    return root


def run_billtrack(root: Path, *args: str) -> tuple[int, str, str]:
    """Run ``billtrack ARGS --root ROOT`` in process: exit code, stdout, stderr."""
    from tracker.cli import cli

    result = CliRunner().invoke(cli, [*args, "--root", str(root)])
    return result.exit_code, result.stdout, result.stderr


FIXED_GIT_DATE = "2026-05-01T10:00:00+00:00"


def git(cwd: Path, *args: str, date: str = FIXED_GIT_DATE) -> str:
    """Run git in a throw-away repository: fixed identity and dates, never the developer's config."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    identity = ["-c", "user.name=Test Author", "-c", "user.email=test@example.org"]
    settings = ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    done = subprocess.run(
        ["git", *identity, *settings, *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit_all(root: Path, message: str) -> str:
    """Make ``root`` a repository (if it is not one) and commit everything; returns the commit."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()

"""The parse cache changes how fast a command answers, never what it answers.

Each test runs real commands (click's runner) with the cache off, cold and warm, and compares what
they print; then breaks the cache file every way it can break and expects a miss, not an error.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from tracker.adapters import parse_cache
from tracker.cli import cli

COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["--no-pager", "status"],
    ["--no-pager", "status", "--format", "csv"],
    ["--no-pager", "text"],
    ["--no-pager", "text", "--format", "plain"],
]


def run(root: Path, args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--root", str(root)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def outputs(root: Path, env: dict[str, str]) -> list[tuple[int, str, str]]:
    return [run(root, args, env) for args in COMMANDS]


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def on(cache_dir: Path) -> dict[str, str]:
    return {"BILLTRACK_CACHE_DIR": str(cache_dir), "BILLTRACK_CACHE": "on"}


OFF = {"BILLTRACK_CACHE": "off"}


def generated_package(tmp_path: Path, count: int = 40) -> Path:
    """A package from the scale benchmark, with a broken reference and an unknown status added."""
    spec = importlib.util.spec_from_file_location("scale", REPO / "benchmarks" / "scale.py")
    assert spec and spec.loader
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    root = scale.generate(tmp_path / "generated", count)
    third = root / "provisions" / "p00003.md"
    third.write_text(
        third.read_text(encoding="utf-8").replace("status: cleared", "status: clearred")
        + "\n(e) Other.—See {sec}`p99999` and <b>this</b>.\n",
        encoding="utf-8",
    )
    return root


def test_same_outputs_with_and_without_the_cache_on_the_shipped_package(
    on: dict[str, str], cache_dir: Path
) -> None:
    without = outputs(REPO, OFF)
    assert without[0][0] == 0 and "ok:" in without[0][1]
    assert outputs(REPO, on) == without  # cold: the cache is filled
    assert cache_files(cache_dir)
    assert outputs(REPO, on) == without  # warm: answered from it


def test_same_outputs_with_and_without_the_cache_on_a_generated_package(
    tmp_path: Path, on: dict[str, str]
) -> None:
    root = generated_package(tmp_path)
    without = outputs(root, OFF)
    assert without[0][0] == 1
    for code in ("BT302", "BT401", "BT801", "BT320"):
        assert code in without[0][1], code
    assert outputs(root, on) == without
    assert outputs(root, on) == without
    # status and text refuse the package with errors, the same way with the cache
    assert without[2][0] == 1 and without[4][0] == 1


def test_warnings_only_check_then_status_then_check(tmp_path: Path, on: dict[str, str]) -> None:
    """A package stored without the drafting warnings (by status) never serves check, and one
    stored with them serves status with them left out."""
    spec_root = generated_package(tmp_path, count=12)
    third = spec_root / "provisions" / "p00003.md"
    third.write_text(
        third.read_text(encoding="utf-8")
        .replace("status: clearred", "status: cleared")
        .split("\n(e) Other.")[0],
        encoding="utf-8",
    )
    expected = [run(spec_root, args, OFF) for args in (["check"], ["--no-pager", "status"])]
    assert "BT320" in expected[0][1] and expected[1][0] == 0
    assert run(spec_root, ["--no-pager", "status"], on) == expected[1]
    assert run(spec_root, ["check"], on) == expected[0]
    assert run(spec_root, ["--no-pager", "status"], on) == expected[1]
    assert run(spec_root, ["check"], on) == expected[0]


def test_an_edited_file_is_read_again(base_package: Path, on: dict[str, str]) -> None:
    assert run(base_package, ["check"], on)[0] == 0
    provision = sorted((base_package / "provisions").glob("*.md"))[0]
    text = provision.read_text(encoding="utf-8")
    provision.write_text(text + "\nSee {sec}`no-such-provision`.\n", encoding="utf-8")
    code, out, _ = run(base_package, ["check"], on)
    assert code == 1 and "BT401" in out and "no-such-provision" in out
    assert run(base_package, ["check"], OFF)[:2] == (code, out)
    provision.write_text(text.replace("---\n", "---\ntitle: [unclosed\n", 1), encoding="utf-8")
    code, out, _ = run(base_package, ["check"], on)
    assert code == 1 and "BT101" in out
    provision.write_text(text, encoding="utf-8")
    assert run(base_package, ["check"], on)[0] == 0


def _broken(file: Path, how: str) -> None:
    data = file.read_bytes()
    if how == "corrupt":
        file.write_bytes(b"\x80\x05not a pickle at all" + data[40:80])
    elif how == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        file.write_bytes(b"")
    elif how == "foreign":
        content = pickle.loads(data)
        content["format"] = parse_cache.FORMAT + 1
        file.write_bytes(parse_cache._dumps(content))
    elif how == "other code":
        content = pickle.loads(data)
        content["code"] = "0" * 64
        file.write_bytes(parse_cache._dumps(content))
    elif how == "not a dict":
        file.write_bytes(pickle.dumps(["format", parse_cache.FORMAT]))
    elif how == "directory":
        file.unlink()
        file.mkdir()


@pytest.mark.parametrize(
    "how", ["corrupt", "truncated", "empty", "foreign", "other code", "not a dict", "directory"]
)
def test_a_broken_cache_file_is_a_miss(
    how: str, tmp_path: Path, on: dict[str, str], cache_dir: Path
) -> None:
    root = generated_package(tmp_path, count=12)
    expected = outputs(root, OFF)
    assert outputs(root, on) == expected
    [file] = cache_files(cache_dir)
    _broken(file, how)
    assert outputs(root, on) == expected


def test_a_file_others_can_write_is_never_loaded(
    base_package: Path, on: dict[str, str], cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(base_package, ["check"], on)
    [file] = cache_files(cache_dir)
    file.chmod(0o666)
    loaded: list[bytes] = []
    real = pickle.loads
    monkeypatch.setattr(parse_cache.pickle, "loads", lambda data: loaded.append(data) or real(data))
    assert run(base_package, ["check"], on)[0] == 0
    assert loaded == []


def test_an_unwritable_cache_or_home_is_silent(base_package: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    expected = outputs(base_package, OFF)
    unwritable = {"BILLTRACK_CACHE_DIR": str(blocker / "cache")}
    assert outputs(base_package, unwritable) == expected
    read_only_home = {"BILLTRACK_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": str(blocker)}
    assert outputs(base_package, read_only_home) == expected
    assert blocker.read_text() == "not a folder\n"


def test_off_writes_nothing(base_package: Path, cache_dir: Path) -> None:
    env = {**OFF, "BILLTRACK_CACHE_DIR": str(cache_dir)}
    outputs(base_package, env)
    assert not cache_dir.exists()


def test_never_written_inside_the_package(base_package: Path) -> None:
    from tests.conftest import snapshot

    before = snapshot(base_package)
    for env in (
        {"BILLTRACK_CACHE_DIR": str(base_package / "cache")},
        {"BILLTRACK_CACHE_DIR": "", "XDG_CACHE_HOME": str(base_package / "xdg")},
        {"BILLTRACK_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": str(base_package)},
    ):
        outputs(base_package, env)
        assert snapshot(base_package) == before
        assert not any(p.suffix == ".pickle" for p in base_package.rglob("*"))


def test_two_packages_never_share_an_entry(
    base_package: Path, tmp_path: Path, on: dict[str, str], cache_dir: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(base_package, other)
    provision = sorted((other / "provisions").glob("*.md"))[0]
    provision.write_text(
        provision.read_text(encoding="utf-8") + "\nSee {sec}`missing-one`.\n", encoding="utf-8"
    )
    first, second = run(base_package, ["check"], on), run(other, ["check"], on)
    assert first[0] == 0 and second[0] == 1
    files = cache_files(cache_dir)
    assert len(files) == 2
    # one package's file put in the other's place is not taken for it
    a, b = (f.read_bytes() for f in files)
    files[0].write_bytes(b)
    files[1].write_bytes(a)
    for file in files:
        os.chmod(file, 0o600)
    assert run(base_package, ["check"], on) == first
    assert run(other, ["check"], on) == second


def test_the_folder_and_file_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = (tmp_path / "pkg").resolve()
    monkeypatch.setenv("BILLTRACK_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert parse_cache.cache_folder(root) == (tmp_path / "xdg" / "billtrack").resolve()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/used")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert parse_cache.cache_folder(root) == (tmp_path / "home" / ".cache" / "billtrack").resolve()
    monkeypatch.setenv("BILLTRACK_CACHE_DIR", str(tmp_path / "given"))
    assert parse_cache.cache_folder(root) == (tmp_path / "given").resolve()
    monkeypatch.setenv("BILLTRACK_CACHE", "off")
    assert parse_cache.cache_folder(root) is None

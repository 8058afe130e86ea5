"""Hostile values in every field (tests/fixtures/safety/hostile_values.yaml): each is one located
finding with its code and line, never a traceback; commands that read the package refuse it (exit 1,
the same file and line) and change nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_PACKAGE, FIXTURES, snapshot
from tracker.cli import cli

CASES = yaml.safe_load((FIXTURES / "safety" / "hostile_values.yaml").read_text(encoding="utf-8"))
NINES = "<5000 nines>"
DRAFT = "drafts/d1"
DRAFT_YAML = (
    "name: d1\nstage: discussion\ndate: 2026-01-02\ncommit: null\ndirty: false\nnote: null\n"
)


def hostile_package(tmp_path: Path, case: dict) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    if case["file"].startswith(DRAFT):
        shutil.copytree(BASE_PACKAGE / "provisions", root / DRAFT / "provisions")
        (root / DRAFT / "draft.yaml").write_text(DRAFT_YAML, encoding="utf-8")
    path = root / case["file"]
    text = path.read_text(encoding="utf-8")
    old, new = case["old"], case["new"].replace(NINES, "9" * 5000)
    assert old in text, f"fixture edit does not apply: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_the_table_is_large_and_distinct() -> None:
    assert len(CASES) >= 150
    assert len({(c["file"], c["old"], c["new"]) for c in CASES}) == len(CASES)
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_value_is_one_located_finding(tmp_path: Path, runner, case: dict) -> None:
    root = hostile_package(tmp_path, case)
    before = snapshot(root)
    expect = case["expect"]
    result = runner.invoke(cli, ["check", "--root", str(root), "--format", "json"])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert any(
        (f["code"], f["path"], f["line"]) == (expect["code"], expect["path"], expect["line"])
        for f in errors
    ), errors
    # the file is blamed, and no other file echoes its problem
    assert {f["path"] for f in errors} == {expect["path"]}, errors
    assert all(f["hint"] for f in errors)

    # a command that reads what the file feeds refuses it, naming the first error as check does
    first = errors[0]
    command = ["draft", "list"] if case["file"].startswith(DRAFT) else ["text"]
    refused = runner.invoke(cli, [*command, "--root", str(root)])
    assert refused.exit_code == 1, refused.output
    assert isinstance(refused.exception, SystemExit)
    assert refused.stdout == ""
    assert f"{first['path']}:{first['line']}:" in refused.stderr
    assert snapshot(root) == before

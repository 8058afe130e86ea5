"""Every broken package in tests/fixtures/bad_inputs.yaml gets its located finding, no traceback,
a non-zero exit, and no file changed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_PACKAGE, FIXTURES, snapshot
from tracker.cli import cli

CASES = yaml.safe_load((FIXTURES / "bad_inputs.yaml").read_text(encoding="utf-8"))


def build(tmp_path: Path, case: dict) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    if "copy_base_to" in case:
        shutil.copytree(BASE_PACKAGE / "provisions", root / case["copy_base_to"] / "provisions")
    if "replace" in case:
        edit = case["replace"]
        path = root / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"fixture edit does not apply: {edit['old']!r}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for name, text in (case.get("write") or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, hexbytes in (case.get("write_hex") or {}).items():
        (root / name).write_bytes(bytes.fromhex(hexbytes))
    for name in case.get("delete") or []:
        (root / name).unlink()
    for name, target in (case.get("symlink") or {}).items():  # replace a file by a link
        (root / name).unlink(missing_ok=True)
        (root / name).symlink_to(target)
    for name in case.get("fifo") or []:  # replace a file by a named pipe
        (root / name).unlink(missing_ok=True)
        os.mkfifo(root / name)
    return root


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_is_located(tmp_path: Path, runner, case: dict) -> None:
    root = build(tmp_path, case)
    before = snapshot(root)
    expect = case["expect"]
    result = runner.invoke(cli, ["check", "--root", str(root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    findings = json.loads(result.stdout)["findings"]
    matching = [f for f in findings if f["code"] == expect["code"] and f["path"] == expect["path"]]
    assert matching, f"no {expect['code']} at {expect['path']}; got {findings}"
    finding = matching[0]
    if "line" in expect:
        assert finding["line"] == expect["line"], finding
    if "message" in expect:
        assert expect["message"] in finding["message"], finding
    if "hint" in expect:
        assert expect["hint"] in (finding["hint"] or ""), finding
    severity = expect.get("severity", "error")
    assert finding["severity"] == severity
    assert result.exit_code == (1 if severity == "error" else 0)
    strict = runner.invoke(cli, ["check", "--root", str(root), "--strict"])
    assert strict.exit_code == 1
    assert "Traceback" not in strict.output
    assert f"{expect['path']}" in strict.output
    assert snapshot(root) == before


def test_base_package_is_clean(runner) -> None:
    result = runner.invoke(cli, ["check", "--root", str(BASE_PACKAGE), "--strict"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_every_code_in_the_catalogue_has_a_case() -> None:
    from tracker.core import checks

    documented = {word for word in (checks.__doc__ or "").split() if word.startswith("BT")}
    tested = {case["expect"]["code"] for case in CASES}
    assert documented - tested == set(), f"codes without a bad-input case: {documented - tested}"

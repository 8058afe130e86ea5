"""``billtrack amend`` on small packages with a law/ folder: formats, exit codes, writes, refusals;
the package carrying its law (worktree, drafts, git revisions); ``check`` at the instruction's line."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE_PACKAGE, commit_all, snapshot
from tracker.adapters.drafts import draft_content_sha256
from tracker.adapters.loader import load_draft, load_files, load_package
from tracker.cli import cli
from tracker.core.amend import Status, amend_package
from tracker.core.law import body_digest
from tracker.render.comparative_model import comparative_print
from tracker.render.comparative_term import render_term

LAW_BODY = "(a) The first subsection applies to “grants”.\n\n(b) The second subsection.\n"
OLD_B = "(b) Updates.—The Attorney General shall update the report annually."
REPORTS_B_LINE = 11  # the file line of (b) in provisions/reports.md
APPLIES = (
    "(b) Section 99001 of title 34, United States Code, is amended in subsection (a) by striking "
    "‘‘first’’ and inserting ‘‘initial’’."
)
FAILS = "(b) Section 99001 of title 34, United States Code, is amended by striking ‘‘third’’."
UNREAD = "(b) Section 99001 of title 34, United States Code, is amended by frobnicating it."
NO_LAW = "(b) Section 242 of title 18, United States Code, is amended by striking ‘‘willfully’’."


def law_file(body: str = LAW_BODY, citation: str = "34 U.S.C. 99001") -> str:
    return (
        f"---\ncitation: {citation}\nheading: Example\ncurrent_through: Public Law 116-155\n"
        f"source: {{format: markdown}}\nquoted_law: true\ncontent_sha256: {body_digest(body)}\n"
        f"---\n\n{body}"
    )


def make(tmp_path: Path, instruction: str | None = APPLIES, *, law: bool = True) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    if instruction is not None:
        reports = root / "provisions" / "reports.md"
        text = reports.read_text(encoding="utf-8")
        assert OLD_B in text
        reports.write_text(text.replace(OLD_B, instruction), encoding="utf-8")
    if law:
        (root / "law").mkdir()
        (root / "law" / "34-usc-99001.md").write_text(law_file(), encoding="utf-8")
    return root


def amend(runner, root: Path, *args: str):
    return runner.invoke(cli, ["amend", "--root", str(root), *args])


# The package carries its law ----------------------------------------------------------------------


def test_package_reads_its_law(tmp_path: Path) -> None:
    package = load_package(make(tmp_path))
    assert [s.citation for s in package.law] == ["34 U.S.C. 99001"]
    assert package.law[0].body.strip("\n") == LAW_BODY.strip("\n")
    assert not package.errors


def test_law_findings_come_once_from_the_loader(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    path = root / "law" / "34-usc-99001.md"
    path.write_text(path.read_text(encoding="utf-8").replace("first", "1st"), encoding="utf-8")
    assert [f.code for f in load_package(root).errors] == ["BT902"]
    result = runner.invoke(cli, ["check", "--root", str(root), "--format", "json"])
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes.count("BT902") == 1


def test_draft_cut_freezes_law_and_its_hash_covers_it(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    result = runner.invoke(cli, ["draft", "cut", "v1", "--stage", "ih", "--root", str(root)])
    assert result.exit_code == 0, result.output
    folder = root / "drafts" / "v1"
    assert (folder / "law" / "34-usc-99001.md").read_bytes() == (
        root / "law" / "34-usc-99001.md"
    ).read_bytes()
    assert [s.citation for s in load_draft(root, "v1").law] == ["34 U.S.C. 99001"]
    clean = runner.invoke(cli, ["check", "--root", str(root)])
    assert clean.exit_code == 0, clean.output
    frozen = folder / "law" / "34-usc-99001.md"
    frozen.write_text(frozen.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = runner.invoke(cli, ["check", "--root", str(root), "--format", "json"])
    assert "BT206" in [f["code"] for f in json.loads(changed.stdout)["findings"]]


def test_draft_hash_without_law_is_the_provisions_alone(tmp_path: Path) -> None:
    root = make(tmp_path, law=False)
    listing = "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  provisions/{p.name}\n"
        for p in sorted((root / "provisions").iterdir())
    )
    assert draft_content_sha256(root) == hashlib.sha256(listing.encode()).hexdigest()


def test_git_revision_reads_law(tmp_path: Path) -> None:
    from tracker.adapters.git_repo import revision_files

    root = make(tmp_path)
    commit_all(root, "with law")
    (root / "law" / "34-usc-99001.md").unlink()
    package = load_files(revision_files(root, "HEAD"), label="git:HEAD", prefix="git:HEAD:")
    assert [s.citation for s in package.law] == ["34 U.S.C. 99001"]
    assert load_package(root).law == ()


def test_amend_package_in_bill_order(tmp_path: Path) -> None:
    result = amend_package(load_package(make(tmp_path)))
    assert [r.status for r in result.results] == [Status.APPLIED]
    changes = result.laws["34 U.S.C. 99001"]
    assert changes.base == LAW_BODY
    assert changes.amended == LAW_BODY.replace("first", "initial")


# Formats ---------------------------------------------------------------------------------------


def test_term_plain_markers_and_attribution(tmp_path: Path, runner) -> None:
    result = amend(runner, make(tmp_path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 instruction(s): 1 applied, 0 failed, 0 not understood" in out
    assert "(a) The [first] _initial_ {sec. 102(b)} subsection applies" in out
    assert "\x1b[" not in out  # no colour off a terminal
    assert "Legend: [text] existing law struck" in out


def test_term_colour_is_styling_on_top(tmp_path: Path) -> None:
    package = load_package(make(tmp_path))
    model = comparative_print(package, amend_package(package))
    painted = render_term(model, color=True)
    assert "\x1b[9" in painted or ";9m" in painted  # struck through
    assert "\x1b[3" in painted or ";3m" in painted  # italic
    assert "_initial_" not in painted and "[" in painted


def test_no_color_is_honoured(monkeypatch) -> None:
    from tracker.cli import amend_cmd

    monkeypatch.setenv("NO_COLOR", "1")
    assert amend_cmd._wants_color() is False


def test_term_content_is_printable(tmp_path: Path, runner) -> None:
    # a raw control character cannot be in a file (BT119); a bidi override can, and is escaped
    root = make(tmp_path, APPLIES.replace("‘‘initial’’", "‘‘in\u202eitial’’"))
    result = amend(runner, root)
    assert "\u202e" not in result.stdout
    assert "\\u202e" in result.stdout


def test_json_layout(tmp_path: Path, runner) -> None:
    result = amend(runner, make(tmp_path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert result.stdout.isascii()
    row = data["instructions"][0]
    assert {"id", "path", "line", "citation", "operations", "status", "message"} <= set(row)
    assert row["id"] == "reports/(b)"
    assert (row["path"], row["line"], row["citation"]) == (
        "provisions/reports.md",
        REPORTS_B_LINE,
        "34 U.S.C. 99001",
    )
    assert row["status"] == "applied" and row["section"] == "sec. 102(b)"
    assert data["summary"] == {"total": 1, "applied": 1, "failed": 0, "unparsed": 0, "no_law": 0}
    law = data["laws"][0]
    assert law["citation"] == "34 U.S.C. 99001" and law["instructions"] == ["reports/(b)"]
    assert "".join(t for op, t, _ in law["runs"] if op != "insert") == law["base"] == LAW_BODY
    assert "".join(t for op, t, _ in law["runs"] if op != "delete") == law["amended"]
    assert ["delete", "first", "reports/(b)"] in law["runs"]


def test_markdown(tmp_path: Path, runner) -> None:
    result = amend(runner, make(tmp_path), "--format", "md")
    assert result.exit_code == 0
    assert (
        "\\[<del>first</del>\\] <em>initial</em><sup>sec. 102(b)</sup> subsection" in result.stdout
    )
    assert "# Changes in existing law: Test Act" in result.stdout


def test_html_is_standalone_and_escaped(tmp_path: Path, runner) -> None:
    root = make(tmp_path, APPLIES.replace("‘‘initial’’", "‘‘1 < 2 && 3 > 2’’"))
    result = amend(runner, root, "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<ins>1 &lt; 2 &amp;&amp; 3 &gt; 2</ins>" in page
    assert "<del>first</del>" in page
    assert 'href="#i-reports--b"' in page and 'id="i-reports--b"' in page


# Exit codes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instruction", "status", "code"),
    [
        (APPLIES, "applied", 0),
        (FAILS, "failed", 1),
        (UNREAD, "unparsed", 1),
        (NO_LAW, "no-law", 0),
    ],
)
def test_exit_code_by_status(
    tmp_path: Path, runner, instruction: str, status: str, code: int
) -> None:
    result = amend(runner, make(tmp_path, instruction), "--format", "json")
    assert result.exit_code == code, result.output
    row = json.loads(result.stdout)["instructions"][0]
    assert row["status"] == status
    if status != "applied":
        assert row["message"]


def test_failure_says_why(tmp_path: Path, runner) -> None:
    result = amend(runner, make(tmp_path, FAILS))
    assert result.exit_code == 1
    assert "FAILED" in result.stdout
    assert "“third” not found in the section" in result.stdout


def test_no_instructions_and_no_law(tmp_path: Path, runner) -> None:
    result = amend(runner, make(tmp_path, None, law=False))
    assert result.exit_code == 0
    assert "0 instruction(s)" in result.stdout
    assert "no provision of the bill reads as an amendatory instruction" in result.stdout


# Writes and refusals ----------------------------------------------------------------------------


def test_output_file_is_written_and_law_untouched(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    before = snapshot(root)
    target = tmp_path / "print.html"
    result = amend(runner, root, "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "<del>first</del>" in target.read_text(encoding="utf-8")
    assert snapshot(root) == before


def test_existing_output_refused_without_force(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    target = tmp_path / "print.md"
    target.write_text("keep me", encoding="utf-8")
    refused = amend(runner, root, "--format", "md", "-o", str(target))
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert "already exists" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = amend(runner, root, "--format", "md", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert "<del>first</del>" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("inside", ["law/34-usc-99001.md", "law/new.md", "provisions/out.md"])
def test_output_never_into_law_or_provisions(tmp_path: Path, runner, inside: str) -> None:
    root = make(tmp_path)
    before = snapshot(root)
    result = amend(runner, root, "-o", str(root / inside), "--force")
    assert result.exit_code != 0, result.output
    assert "never written there" in result.stderr
    assert snapshot(root) == before


def test_output_through_a_link_out_of_the_package_refused(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("x", encoding="utf-8")
    (root / "link.txt").symlink_to(outside)
    result = amend(runner, root, "-o", str(root / "link.txt"), "--force")
    assert result.exit_code != 0
    assert outside.read_text(encoding="utf-8") == "x"


def test_package_with_errors_is_refused(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    bill = root / "provisions" / "bill.yaml"
    bill.write_text(bill.read_text(encoding="utf-8").replace("congress: 119", "congress: [119"))
    result = amend(runner, root)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "provisions/bill.yaml" in result.stderr
    assert result.stdout == ""


def test_broken_law_file_is_refused(tmp_path: Path, runner) -> None:
    root = make(tmp_path)
    (root / "law" / "34-usc-99001.md").write_text("---\ncitation: [\n---\n", encoding="utf-8")
    result = amend(runner, root)
    assert result.exit_code != 0
    assert "law/34-usc-99001.md" in result.stderr


# check ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instruction", "code", "severity"),
    [(FAILS, "BT911", "error"), (UNREAD, "BT910", "warning"), (NO_LAW, "BT913", "warning")],
)
def test_check_reports_at_the_instruction_line(
    tmp_path: Path, runner, instruction: str, code: str, severity: str
) -> None:
    result = runner.invoke(
        cli, ["check", "--root", str(make(tmp_path, instruction)), "--format", "json"]
    )
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("BT91")]
    assert [(f["code"], f["path"], f["line"], f["severity"]) for f in found] == [
        (code, "provisions/reports.md", REPORTS_B_LINE, severity)
    ]


def test_check_without_law_folder_does_not_warn_of_missing_law(tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli, ["check", "--root", str(make(tmp_path, NO_LAW, law=False)), "--format", "json"]
    )
    assert not [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("BT91")]


def test_a_failing_instruction_does_not_block_other_commands(tmp_path: Path, runner) -> None:
    root = make(tmp_path, FAILS)
    assert not load_package(root).errors
    result = runner.invoke(cli, ["text", "--root", str(root)])
    assert result.exit_code == 0, result.output

"""The law/ folder (issue 11, part 1): adding sections of existing law from the OLRC's USLM XML and
from Markdown, reading them back in the enumerator grammar, the recorded hash and release points,
and what ``billtrack check`` and ``billtrack law list`` say about them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BASE_PACKAGE, FIXTURES, shared_path, snapshot
from tracker.adapters.law_files import add_law, load_law, read_law_file, render_law_file
from tracker.cli import cli
from tracker.core.enumeration import BlockKind, parse_body
from tracker.core.errors import WriteError
from tracker.core.law import (
    body_digest,
    check_law,
    law_file_name,
    normalize_body,
    release_point,
)

LAW_FIXTURES = FIXTURES / "law"
USLM_TITLE = LAW_FIXTURES / "usc34-excerpt.xml"
BAD_SOURCES = yaml.safe_load((LAW_FIXTURES / "bad_sources.yaml").read_text(encoding="utf-8"))
ITEM = re.compile(r"(?P<indent> *)- \*\*\((?P<enumerator>[A-Za-z0-9]+)\)\*\*(?: (?P<text>.*))?$")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, package)
    return package


def markdown_section(path: Path, *, section: str, text: str, point: str = "PL 116-155") -> Path:
    """A section saved as the shared data's Markdown files are."""
    path.write_text(
        f'---\ntitle: "Section {section}"\nusc_title: 34\nusc_section: "{section}"\n'
        f'current_through: "{point}"\n---\n\n# § {section}. Example\n\n{text}',
        encoding="utf-8",
    )
    return path


# The real sections in ../shared/data/law ------------------------------------------------------


def source_outline(path: Path) -> list[tuple[tuple[str, ...] | None, str]]:
    """The Markdown file's own structure, read independently: (path from the indentation or None
    for an unnumbered paragraph, the paragraph's text)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines[lines.index("---", 1) + 1 :]
    outline: list[tuple[tuple[str, ...] | None, str]] = []
    stack: list[str] = []
    base: int | None = None
    for line in body:
        match = ITEM.match(line)
        if match:
            base = len(match["indent"]) if base is None else base
            depth = (len(match["indent"]) - base) // 2
            stack = [*stack[:depth], match["enumerator"]]
            outline.append((tuple(stack), (match["text"] or "").strip()))
        elif line.strip() and not line.startswith("# "):
            outline.append((None, line.strip()))
    return outline


def shared_sections() -> list[Path]:
    folder = shared_path("data", "law", "usc-2020")
    return sorted(folder.glob("title-*/section-*.md"))


def test_the_2020_text_covers_five_titles() -> None:
    titles = {path.parent.name for path in shared_sections()}
    assert titles == {"title-10", "title-18", "title-21", "title-34", "title-42"}


@pytest.mark.parametrize("folder", ["usc-2020", "usc"])
def test_real_sections_round_trip(root: Path, folder: str) -> None:
    sources = sorted(shared_path("data", "law", folder).glob("title-*/section-*.md"))
    assert len(sources) == 9
    for source in sources:
        added = add_law(root, source)
        section = added.section
        title, number = source.parent.name[6:], source.stem[8:]
        assert section.citation == f"{title} U.S.C. {number}"
        assert section.path == f"law/{title}-usc-{number}.md"
        expected_point = "Public Law 116-155" if folder == "usc-2020" else "Public Law 119-73"
        assert section.current_through == expected_point
        assert section.source.repository == "civic-source/us-code"
        assert section.source.commit and len(section.source.commit) == 40
        assert section.source.file == f"law/{folder}/{source.parent.name}/{source.name}"
        # read back from disk: every enumerator, its text and its place in the hierarchy
        data = (root / section.path).read_bytes()
        again, findings = read_law_file(data, path=section.path, name=section.name)
        assert findings == [] and again is not None
        assert again.text_matches
        blocks = parse_body(again.body).blocks
        outline = source_outline(source)
        assert len(blocks) == len(outline), source
        for block, (path, text) in zip(blocks, outline, strict=True):
            if path is None:
                assert block.kind is BlockKind.TEXT and block.text == text
            else:
                assert block.kind is BlockKind.SUBDIVISION, (source, path)
                assert block.path == path, (source, block.raw[:40])
                assert block.raw == (f"({path[-1]}) {text}" if text else f"({path[-1]})")
    assert load_law(root).findings == ()


def test_the_shared_text_is_kept_exactly(root: Path) -> None:
    """Curly quotes, dashes, the spacing quirks and the inline footnotes stay as the source has them."""
    folder = shared_path("data", "law", "usc-2020", "title-34")
    body = add_law(root, folder / "section-12601.md").section.body
    assert (
        "paragraph (1) 1 1 So in original. Probably should be “subsection (a) of this section”."
        in body
    )
    body = add_law(root, folder / "section-10152.md").section.body
    assert "section 10156 of this title , make grants" in body
    assert "\n\n(d) Notwithstanding any other provision of this Act" in body
    assert (root / "law" / "34-usc-10389.md").exists() is False
    body = add_law(root, folder / "section-10389.md").section.body
    assert body.startswith("In this subchapter—\n\n(1) “career law enforcement officer” means")


# The OLRC's USLM --------------------------------------------------------------------------------


def test_uslm_section_with_subsection_headings_and_a_footnote(root: Path) -> None:
    added = add_law(
        root,
        USLM_TITLE,
        section="12601",
        act_section="section 210401 of the Violent Crime Control and Law Enforcement Act of 1994",
    )
    section = added.section
    assert section.citation == "34 U.S.C. 12601"
    assert section.heading == "Cause of action"
    assert section.current_through == "Public Law 116-155"
    assert section.source.format == "uslm" and section.source.file == "usc34-excerpt.xml"
    paragraphs = section.body.rstrip("\n").split("\n\n")
    assert paragraphs[0].startswith("(a) Unlawful conduct.—It shall be unlawful for any")
    assert paragraphs[1] == "(b) Civil action by Attorney General.—"
    assert paragraphs[2].startswith(
        "(1) Whenever the Attorney General has reasonable cause to believe that a violation of "
        "paragraph (1)1 1 So in original. Probably should be “subsection (a) of this section”. "
        "has occurred,"
    )
    assert (
        paragraphs[3]
        == "(2) The Attorney General may act under subsection (a) on behalf of the United States."
    )
    assert "Pub. L." not in section.body and "Editorial" not in section.body
    parsed = parse_body(section.body)
    assert [(b.path, b.heading) for b in parsed.blocks] == [
        (("a",), "Unlawful conduct"),
        (("b",), "Civil action by Attorney General"),
        (("b", "1"), None),
        (("b", "2"), None),
    ]
    text = (root / "law" / "34-usc-12601.md").read_text(encoding="utf-8")
    assert text.startswith("---\ncitation: 34 U.S.C. 12601\nact_section: section 210401 of the")
    assert "quoted_law: true\n" in text and f"content_sha256: {body_digest(section.body)}\n" in text


def test_uslm_section_with_a_lead_in_and_nested_levels(root: Path) -> None:
    section = add_law(root, USLM_TITLE, section="10389").section
    assert section.heading == "Definitions"
    blocks = parse_body(section.body).blocks
    assert blocks[0].kind is BlockKind.TEXT and blocks[0].text == "In this subchapter—"
    assert [b.path for b in blocks[1:]] == [("1",), ("4",), ("4", "A"), ("4", "B")]
    assert blocks[-1].text == "to develop or expand crime prevention efforts for students."
    assert "Codification" not in section.body


# The recorded hash and release points -----------------------------------------------------------


def test_a_hand_edit_is_reported_and_a_new_release_point_is_recorded(
    root: Path, tmp_path: Path
) -> None:
    add_law(root, USLM_TITLE, section="12601")
    target = root / "law" / "34-usc-12601.md"
    original = target.read_text(encoding="utf-8")
    target.write_text(
        original.replace("pattern or practice", "pattern and practice", 1), encoding="utf-8"
    )
    findings = load_law(root).findings
    first_text = original.split("\n").index("---", 1) + 3  # the closing fence, a blank line
    assert [(f.code, f.path, f.line) for f in findings] == [
        ("BT902", "law/34-usc-12601.md", first_text)
    ]
    assert "changed since it was recorded for Public Law 116-155" in findings[0].message

    # the same release point with another text is refused, and the file is left as it was
    newer = markdown_section(
        tmp_path / "section-12601.md",
        section="12601",
        text="- **(a)** New text.\n- **(b)** More.\n",
    )
    edited = target.read_bytes()
    with pytest.raises(WriteError, match="already records a different text for Public Law 116-155"):
        add_law(root, newer, force=True, current_through="Public Law 116-155")
    assert target.read_bytes() == edited

    # re-adding the recorded text restores the file
    assert add_law(root, USLM_TITLE, section="12601", force=True).section.text_matches
    assert target.read_text(encoding="utf-8") == original
    assert add_law(root, USLM_TITLE, section="12601", force=True).unchanged

    # a new release point: the old one and its hash move to history, the check is clean
    newer = markdown_section(
        newer, section="12601", text="- **(a)** New text.\n- **(b)** More.\n", point="PL 117-81"
    )
    added = add_law(root, newer, force=True)
    assert added.replaced is not None and added.replaced.current_through == "Public Law 116-155"
    section = added.section
    assert section.current_through == "Public Law 117-81"
    assert [(v.current_through, v.content_sha256) for v in section.history] == [
        ("Public Law 116-155", added.replaced.content_sha256)
    ]
    assert section.history[0].source.format == "uslm"
    assert load_law(root).findings == ()
    # a hand-made "new release point" that reuses an old one is caught
    text = target.read_text(encoding="utf-8").replace(
        "current_through: Public Law 117-81", "current_through: Public Law 116-155", 1
    )
    target.write_text(text, encoding="utf-8")
    assert {f.code for f in load_law(root).findings} == {"BT903"}


def test_check_law_names_files_from_their_citation(root: Path) -> None:
    section = add_law(root, USLM_TITLE, section="12601").section
    moved = root / "law" / "cause-of-action.md"
    (root / section.path).rename(moved)
    findings = load_law(root).findings
    assert [(f.code, f.path) for f in findings] == [("BT904", "law/cause-of-action.md")]
    assert "law/34-usc-12601.md" in (findings[0].hint or "")
    assert check_law([]) == []


def test_render_and_read_are_inverse(root: Path) -> None:
    section = add_law(
        root, USLM_TITLE, section="10389", act_section="section 1709 of title I"
    ).section
    text = (root / section.path).read_text(encoding="utf-8")
    assert render_law_file(section) == text
    again, findings = read_law_file(text.encode(), path=section.path, name=section.name)
    assert findings == [] and again is not None
    assert again.front_matter() == section.front_matter()
    assert normalize_body(again.body) == section.body


@given(st.text(alphabet=st.sampled_from("ab (1)—“”\n \t"), max_size=60))
def test_normalize_body_is_idempotent_and_the_hash_ignores_only_end_space(text: str) -> None:
    once = normalize_body(text)
    assert normalize_body(once) == once
    assert body_digest(text) == body_digest(once) == body_digest("\n\n" + once + "\n\n")


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("PL 116-155", "Public Law 116-155"),
        ("Public Law 117-81", "Public Law 117-81"),
        ("Pub. L. 116-155", "Public Law 116-155"),
        ("Online@119-73", "Public Law 119-73"),
        ("July 2020", None),
    ],
)
def test_release_points_have_one_spelling(given_text: str, expected: str | None) -> None:
    assert release_point(given_text) == expected
    if expected:
        assert release_point(expected) == expected


@pytest.mark.parametrize(
    ("citation", "name"),
    [
        ("34 U.S.C. 10152", "34-usc-10152"),
        ("42 U.S.C. 300aa-11", "42-usc-300aa-11"),
        ("section 501 of title I of the Omnibus Crime Control and Safe Streets Act of 1968",
         "section-501-of-title-i-of-the-omnibus-crime-control-and-safe-streets-act-of-1968"),
    ],
)  # fmt: skip
def test_file_names_come_from_citations(citation: str, name: str) -> None:
    assert law_file_name(citation) == name


# The command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_SOURCES, ids=[c["name"] for c in BAD_SOURCES])
def test_bad_sources_are_refused_with_a_located_message(
    root: Path, tmp_path: Path, runner, case: dict
) -> None:
    source = tmp_path / case["file"]
    if "copy" in case:
        shutil.copy(LAW_FIXTURES / case["copy"], source)
    elif "hex" in case:
        source.write_bytes(bytes.fromhex(case["hex"]))
    else:
        source.write_text(case["text"], encoding="utf-8")
    before = snapshot(root)
    result = runner.invoke(cli, ["law", "add", str(source), *case["args"], "--root", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    expect = case["expect"]
    assert expect["message"] in result.stderr
    if "location" in expect:
        location = expect["location"].replace(case["file"], str(source))
        assert result.stderr.startswith(f"error: {location}:"), result.stderr
    if "hint" in expect:
        assert expect["hint"] in result.stderr
    assert snapshot(root) == before


def test_cli_add_list_and_check(root: Path, runner) -> None:
    def run(*args: str):
        return runner.invoke(cli, [*args, "--root", str(root)])

    assert "No law sections yet" in run("law", "list").stdout
    result = run(
        "law", "add", str(USLM_TITLE), "--section", "12601", "--act-section", "section 210401"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "added law/34-usc-12601.md: 34 U.S.C. 12601, Cause of action, current through Public Law 116-155\n"
    )
    before = snapshot(root)
    refused = run("law", "add", str(USLM_TITLE), "--section", "12601")
    assert refused.exit_code == 1
    assert (
        "error: law/34-usc-12601.md: the file of 34 U.S.C. 12601 already exists" in refused.stderr
    )
    assert "--force" in refused.stderr
    assert snapshot(root) == before
    listing = json.loads(run("law", "list", "--format", "json").stdout)["sections"]
    assert [
        (s["citation"], s["act_section"], s["heading"], s["current_through"], s["text_matches"])
        for s in listing
    ] == [("34 U.S.C. 12601", "section 210401", "Cause of action", "Public Law 116-155", True)]
    table = run("law", "list").stdout
    assert "34 U.S.C. 12601" in table and "Public Law" in table and "yes" in table
    assert run("check", "--strict").exit_code == 0

    target = root / "law" / "34-usc-12601.md"
    target.write_text(
        target.read_text(encoding="utf-8").replace("unlawful", "lawful"), encoding="utf-8"
    )
    check = run("check")
    assert check.exit_code == 1
    line = target.read_text(encoding="utf-8").split("\n").index("---", 1) + 3
    assert f"law/34-usc-12601.md:{line}: error BT902: the text of 34 U.S.C. 12601 changed" in (
        check.stdout
    )
    assert "NO: changed" in run("law", "list").stdout
    assert (
        json.loads(run("law", "list", "--format", "json").stdout)["sections"][0]["text_matches"]
        is False
    )


def test_a_package_without_law_is_fine_and_law_list_reports_broken_files(
    root: Path, runner
) -> None:
    assert runner.invoke(cli, ["check", "--root", str(root), "--strict"]).exit_code == 0
    (root / "law").mkdir()
    (root / "law" / "18-usc-242.md").write_text(
        "---\ncitation: [\n---\n\nText.\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["law", "list", "--root", str(root)])
    assert result.exit_code == 1
    assert result.stderr.startswith("law/18-usc-242.md:3: error BT101: YAML syntax error")


def test_law_add_never_writes_outside_law(root: Path, tmp_path: Path, runner) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "law").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(
        cli, ["law", "add", str(USLM_TITLE), "--section", "12601", "--root", str(root)]
    )
    assert result.exit_code == 1
    assert "not a folder of the package" in result.stderr
    assert list(elsewhere.iterdir()) == []
    check = runner.invoke(cli, ["check", "--root", str(root)])
    assert check.exit_code == 1
    assert "law: error BT909: 'law' is not a folder of the package" in check.stdout


def test_law_files_are_read_within_the_input_limit(root: Path, runner, monkeypatch) -> None:
    add_law(root, USLM_TITLE, section="12601")
    monkeypatch.setenv("BILLTRACK_MAX_INPUT_BYTES", "100")
    findings = load_law(root).findings
    assert [(f.code, f.path) for f in findings] == [("BT804", "law/34-usc-12601.md")]
    result = runner.invoke(
        cli, ["law", "add", str(USLM_TITLE), "--section", "10389", "--root", str(root)]
    )
    assert result.exit_code == 1 and "usc34-excerpt.xml" in result.stderr
    assert not (root / "law" / "34-usc-10389.md").exists()

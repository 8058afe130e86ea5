"""A USLM bill read as a stream writes the package the whole-tree reader writes; the faster import
writes the bytes it wrote before; hostile and broken XML are refused the same way, leaving nothing."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.adapters import package_writer
from tracker.adapters.package_writer import (
    import_bill,
    plan_package,
    read_source,
    stream_package,
)
from tracker.adapters.uslm.stream import NotStreamed
from tracker.core.errors import ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_BILLS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bills"
DIGESTS: dict[str, str] = yaml.safe_load((FIXTURES / "import_digests.yaml").read_text())
OMNIBUS = ("hr2029-114/enr.xml", "hr1865-116/eah.xml")

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bill xmlns="http://schemas.gpo.gov/xml/uslm" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
    "<meta><dc:title>118 HR 9999 IH: Streaming Test Act</dc:title><congress>118</congress>"
    "<session>2</session></meta>\n"
    '<preface><congress value="118">118th CONGRESS</congress><session value="2">2d Session'
    '</session><sponsor>Ms. Example</sponsor><action><date date="2024-05-01">May 1, 2024</date>'
    "</action></preface>\n<main>\n"
    "<longTitle><docTitle>A BILL</docTitle><officialTitle>To test streaming.</officialTitle>"
    "</longTitle>\n<preamble><recital>Whereas streams are long;</recital></preamble>\n"
    "<enactingFormula>Be it enacted by the Senate and House of Representatives of the United "
    "States of America in Congress assembled,</enactingFormula>\n"
    '<section><num value="1">SECTION 1. </num><heading>SHORT TITLE; TABLE OF CONTENTS.</heading>'
    '<subsection><num value="a">(a) </num><heading>Short Title.—</heading><content>This Act may '
    "be cited as the <shortTitle>Streaming Test Act</shortTitle>.</content></subsection>"
    '<subsection><num value="b">(b) </num><content>The table of contents:</content></subsection>'
    '<toc><referenceItem role="section"><designator>Sec. 1.</designator><label>Short title; '
    "table of contents.</label></referenceItem>{toc}</toc></section>\n"
)
DIVISION = (
    '<division><num value="{d}">DIVISION {d}—</num><heading>PART {d}</heading>\n'
    '<title><num value="I">TITLE I—</num><heading>PROGRAMS</heading>\n'
    '<appropriations level="major"><heading>DEPARTMENT OF EXAMPLES</heading></appropriations>\n'
    '<appropriations level="small"><heading>Salaries and Expenses</heading><content>For '
    "necessary expenses, $1,000, <proviso><i>Provided</i>, That none shall lapse</proviso>."
    "</content></appropriations>\n{sections}</title>\n"
    '<chapter><num value="2">CHAPTER 2—</num><heading>OTHER MATTERS</heading>'
    '<section><num value="{n}9">SEC. {n}9. </num><heading>IN A CHAPTER.</heading><content>Text.'
    "</content></section></chapter>\n"
    '<section changed="deleted"><num value="{n}8">SEC. {n}8. </num><content>Struck.</content>'
    "</section>\n</division>\n"
)
SECTION = (
    '<section><num value="{n}">SEC. {n}. </num><heading>{heading}.</heading>'
    '<subsection><num value="a">(a) </num><heading>In General.—</heading><chapeau>The Secretary '
    "shall—</chapeau>"
    '<paragraph><num value="1">(1) </num><content>report on section {n}; and</content>'
    "</paragraph>"
    '<paragraph><num value="2">(2) </num><content>amend the law by striking “old” and inserting:'
    '<quotedContent><subsection><num value="c">“(c) </num><content>New text.</content>'
    '</subsection></quotedContent><inline role="after-quoted-block">”.</inline></content>'
    "</paragraph></subsection>"
    '<subsection><num value="b">(b) </num><heading>Definitions.—</heading><content>In this '
    "section, the term <term>example</term> means an example.</content></subsection>"
    "</section>\n"
)
TAIL = (
    '<resolvingClause>And be it further enacted,</resolvingClause>\n<section><num value="9999">'
    "SEC. 9999. </num><heading>EFFECTIVE DATE.</heading><content>This Act takes effect on "
    "enactment.</content></section>\n</main>\n<endorsement>Endorsed</endorsement>\n</bill>\n"
)
HEADINGS = ("DEFINITIONS", "REPORTS", "GAO REPORT", "DEFINITIONS", "AUTHORIZATION")


def generated_bill(divisions: int, sections: int) -> str:
    """A USLM bill with ``divisions`` divisions of ``sections`` sections each, every number unique,
    with the shapes the reader knows: groups, appropriations, a chapter, struck and quoted matter,
    a table of contents, a preamble, a resolving clause before a later section."""
    toc, body = [], []
    for d in range(divisions):
        letter = chr(ord("A") + d)
        numbers = [f"{d + 1}{s:02d}" for s in range(sections)]
        rows = "".join(
            SECTION.format(n=n, heading=HEADINGS[i % len(HEADINGS)]) for i, n in enumerate(numbers)
        )
        body.append(DIVISION.format(d=letter, n=d + 1, sections=rows))
        toc += [
            f'<referenceItem role="section"><designator>Sec. {n}.</designator><label>'
            f"{HEADINGS[i % len(HEADINGS)].capitalize()}.</label></referenceItem>"
            for i, n in enumerate(numbers)
        ]
    return HEAD.format(toc="".join(toc)) + "".join(body) + TAIL


def package_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name] + b"\0")
    return h.hexdigest()


def require_shared() -> None:
    if not SHARED_BILLS.is_dir():
        if os.environ.get("BILLTRACK_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SHARED_BILLS} is required (BILLTRACK_REQUIRE_SHARED=1) but absent")
        pytest.skip(f"{SHARED_BILLS} is absent (a fresh clone without ../shared)")


# -- streamed and whole give one package -------------------------------------------------------


def test_streamed_import_writes_the_package_and_report_of_the_whole_tree(tmp_path: Path) -> None:
    source = tmp_path / "bill.xml"
    source.write_text(generated_bill(divisions=3, sections=12), encoding="utf-8")
    whole = import_bill(source, tmp_path / "whole", stream=False)
    streamed = import_bill(source, tmp_path / "streamed", stream=True)
    files = package_bytes(tmp_path / "whole")
    assert package_bytes(tmp_path / "streamed") == files
    assert streamed.report.as_dict() == whole.report.as_dict()
    # The bill is the one generated: every section a provision, the groups listed, the struck
    # section left out and reported, the words all there.
    bill = yaml.safe_load(files["provisions/bill.yaml"])
    assert [group["division"] for group in bill["contents"][1:4]] == ["PART A", "PART B", "PART C"]
    report = streamed.report
    assert report.counts["section"] == 1 + 3 * 13 + 1
    assert report.counts["division"] == 3 and report.counts["paragraph"] == 3 * 12 * 2
    assert [u.what for u in report.unplaced] == ["struck <section>"] * 3
    assert report.fidelity.share == 1.0
    assert bill["short_title"] == "Streaming Test Act" and bill["preamble"]


def test_the_source_is_streamed_only_from_the_stream_size(tmp_path: Path, monkeypatch) -> None:
    """Past STREAM_BYTES the import streams by itself (and gives the same package)."""
    source = tmp_path / "bill.xml"
    source.write_text(generated_bill(divisions=2, sections=3), encoding="utf-8")
    calls: list[Path] = []
    real = package_writer.stream_package

    def spy(source: Path, target: Path, **kwargs: object) -> object:
        calls.append(source)
        return real(source, target, **kwargs)

    monkeypatch.setattr(package_writer, "stream_package", spy)
    import_bill(source, tmp_path / "small")
    assert calls == []
    monkeypatch.setattr(package_writer, "STREAM_BYTES", 1000)
    import_bill(source, tmp_path / "large")
    assert calls == [source]
    assert package_bytes(tmp_path / "large") == package_bytes(tmp_path / "small")


def test_streaming_keeps_few_sections_alive(tmp_path: Path, monkeypatch) -> None:
    """When a part of the body is read, the parts before it are gone from the tree: what is alive
    is the part read and what the parser has read ahead of it (it reads the file in pieces)."""
    from tracker.adapters.uslm import stream

    source = tmp_path / "bill.xml"
    source.write_text(generated_bill(divisions=8, sections=60), encoding="utf-8")
    total = source.read_text(encoding="utf-8").count("<section")
    alive: list[int] = []
    real = stream.BodyReader._item

    def counting(self, element, path):  # type: ignore[no-untyped-def]
        root = element.getroottree().getroot()
        alive.append(sum(1 for _ in root.iter("{http://schemas.gpo.gov/xml/uslm}section")))
        return real(self, element, path)

    monkeypatch.setattr(stream.BodyReader, "_item", counting)
    stream_package(source, tmp_path / "pkg")
    assert len(alive) > total
    assert max(alive) < total / 10, (max(alive), total)


# -- broken and hostile sources ----------------------------------------------------------------


def test_xml_broken_half_way_is_refused_at_its_line_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    text = generated_bill(divisions=3, sections=5)
    cut = text.index("<division>", text.index("<division>") + 1) + 200
    source = tmp_path / "in" / "broken.xml"
    source.parent.mkdir()
    source.write_text(text[:cut] + "<b></i>" + text[cut:], encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ImportFormatError) as caught:
        import_bill(source, out / "pkg", stream=True)
    line = text[:cut].count("\n") + 1
    assert caught.value.line == line
    assert "not well-formed XML" in str(caught.value)
    assert list(out.iterdir()) == []  # no package, no staging folder


HOSTILE = {
    "external-entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main><section><num value="1">SEC. 1. '
        "</num><heading>SHORT TITLE.</heading><content>Cited as &xxe; Act.</content></section>"
        "</main></bill>"
    ),
    "billion-laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        + ']>\n<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main><section><num value="1">'
        "SEC. 1. </num><content>&l9;</content></section></main></bill>"
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_xml_is_read_streamed_as_it_is_read_whole(case: str, tmp_path: Path) -> None:
    """No entity is resolved either way: a file's content is never pulled in, and an entity
    bomb is refused with the parser's located message."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    source = tmp_path / "hostile.xml"
    source.write_text(HOSTILE[case].replace("{secret}", str(secret)), encoding="utf-8")
    outcomes = []
    for stream in (False, True):
        target = tmp_path / f"pkg-{stream}"
        try:
            import_bill(source, target, stream=stream)
        except ImportFormatError as exc:
            outcomes.append((str(exc), exc.path, exc.line))
            assert not target.exists()
        else:
            files = package_bytes(target)
            assert not any(b"TOPSECRET" in data for data in files.values())
            outcomes.append(files)
    assert outcomes[0] == outcomes[1]
    if case == "billion-laughs":
        message, path, line = outcomes[0]
        assert "not well-formed XML" in message and path == str(source) and line == 1


# -- the YAML emitters write the same bytes -----------------------------------------------------

TEXT = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=120),
    st.lists(
        st.sampled_from(
            [
                "Sec.",
                "a",
                "—",
                "“quoted”",
                " ",
                "  ",
                "\n",
                "\n\n",
                ": ",
                " #",
                "-",
                "yes",
                "1.5",
                "2019-01-01",
                "null",
                "é",
                "\t",
                "'",
                '"',
                "\u2028",
                "\x85",
                "\ufeff",
                "😀",
                "|",
                ">",
                "[",
                "{",
                "!",
                "&",
                "*",
                "%",
                "@",
                "`",
                "x" * 60,
            ]
        ),
        max_size=30,
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_libyaml_and_python_emitters_write_the_same_package_yaml(a: str, b: str) -> None:
    data = {
        "title": a,
        "implements": [],
        "status": "drafting",
        "preamble": [a, f"{a}\n\n{b}"],
        "contents": [{"division": b, "contents": [{"provision": "x", "designation": a}]}],
    }
    assert package_writer._dump(data) == package_writer._dump(
        data, dumper=package_writer._PythonDumper
    )


TITLE_WORD = st.sampled_from(
    [
        *("Salaries", "and", "expenses", "yes", "No", "null", "ON", "a", "Sec.", "2016", "(b)"),
        *(
            "U.S.C.",
            "—",
            "’",
            "'",
            "-",
            ",",
            ":",
            "#",
            "’s",
            "Act",
            "e",
            "y",
            "x" * 30,
            "  ",
            ".",
            "é",
            "\t",
        ),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, st.lists(TITLE_WORD, max_size=8).map(" ".join)))
def test_a_provision_front_matter_is_what_the_yaml_emitter_writes(title: str) -> None:
    """The short way an imported provision's front matter is written (plain and empty titles)
    gives the emitter's bytes, whatever the title."""
    data = {"title": title, "implements": [], "status": "drafting"}
    assert package_writer._front_matter(title) == package_writer._dump(data)


# -- the shared bills ---------------------------------------------------------------------------


@pytest.mark.shared
def test_every_shared_bill_imports_to_the_bytes_it_did_before() -> None:
    """The faster reader and writer change no byte of any shared bill's package."""
    require_shared()
    seen = {}
    for name in DIGESTS:
        plan = plan_package(read_source(SHARED_BILLS / name))
        seen[name] = digest({k: v.encode("utf-8") for k, v in plan.files.items()})
    assert seen == DIGESTS


@pytest.mark.shared
def test_every_shared_uslm_bill_streams_to_the_same_package(tmp_path: Path) -> None:
    require_shared()
    for name in (n for n in DIGESTS if n.endswith(".xml")):
        source = SHARED_BILLS / name
        files = {k: v.encode("utf-8") for k, v in plan_package(read_source(source)).files.items()}
        target = tmp_path / name.replace("/", "-")
        try:
            streamed = stream_package(source, target)
        except NotStreamed:
            continue  # an engrossed amendment is read whole
        assert package_bytes(target) == files, name
        assert streamed.provisions == len(files) - 2


def test_report_json_of_a_streamed_import_matches(tmp_path: Path) -> None:
    """The report's JSON, as the CLI prints it, is the same streamed or not."""
    source = tmp_path / "bill.xml"
    source.write_text(generated_bill(divisions=1, sections=4), encoding="utf-8")
    reports = [
        json.dumps(import_bill(source, tmp_path / f"p{s}", stream=s).report.as_dict())
        for s in (False, True)
    ]
    assert reports[0] == reports[1]


# -- the check of a streamed import: check's findings, a provision at a time ------------------

CHECKED = (
    '<section><num value="{n}">SEC. {n}. </num><heading>GRANTS TO STATES.</heading>'
    '<subsection><num value="a">(a) </num><heading>in general.—</heading><content>Each State '
    "shall report to the “oversight board” on its plans.</content></subsection>"
    '<subsection><num value="b">(b) </num><heading>Definitions.—</heading><chapeau>In this '
    "section:</chapeau>"
    '<paragraph><num value="1">(1) </num><heading>Zebra crossing.—</heading><content>The term '
    "“zebra crossing” means a crossing.</content></paragraph>"
    '<paragraph><num value="2">(2) </num><heading>Apple.—</heading><content>The term “apple” '
    "means a fruit; the term “zebra crossing” means a path.</content></paragraph>"
    "</subsection></section>\n"
)


def checked_bill(sections: int) -> str:
    """A bill whose sections give drafting findings (a heading not in House style, a duty on a
    State, a quoted term not defined, definitions unused, twice and out of order)."""
    rows = "".join(CHECKED.format(n=100 + s) for s in range(sections))
    return HEAD.format(toc="") + rows + TAIL


def test_a_streamed_import_reports_what_check_finds_on_its_package(
    tmp_path: Path, monkeypatch
) -> None:
    """The streamed import checks its package a provision at a time (scan_package), by the
    rules and the code 'billtrack check' runs: the same findings as the whole import and as
    loading the package written, the same fidelity and counts; BT320's text searched in small
    chunks (their joins across uses of terms) changes nothing."""
    from tracker.adapters.loader import load_package
    from tracker.core import drafting_checks

    source = tmp_path / "bill.xml"
    source.write_text(checked_bill(6), encoding="utf-8")
    whole = import_bill(source, tmp_path / "whole", stream=False)
    monkeypatch.setattr(drafting_checks, "CORPUS_CHUNK", 97)
    streamed = import_bill(source, tmp_path / "streamed", stream=True)
    assert streamed.report.as_dict() == whole.report.as_dict()
    codes = {f.code for f in streamed.report.findings}
    assert {"BT320", "BT321", "BT322", "BT323", "BT324", "BT325"} <= codes, codes
    monkeypatch.setattr(drafting_checks, "CORPUS_CHUNK", 1 << 22)
    assert streamed.report.findings == load_package(tmp_path / "streamed").findings


def test_check_a_provision_at_a_time_finds_what_loading_finds_on_every_bad_package(
    tmp_path: Path,
) -> None:
    """scan_package, which keeps no provision's body, gives load_package's findings on every
    broken package of the check cases (refused, unreadable and unlisted files, bad references)
    and on the shipped package; and the plain text, a unit at a time, is the package's."""
    from tests.test_check_bad_inputs import CASES, build
    from tracker.adapters.loader import load_package, scan_package
    from tracker.core.compile import render_plain

    for index, case in enumerate(CASES):
        root = build(tmp_path / str(index), case)
        parts: list[str] = []
        findings = scan_package(root, plain=parts.append)
        package = load_package(root)
        assert findings == package.findings, case["name"]
        if package.bill is not None and not package.errors:
            assert "\n".join(parts) == render_plain(package), case["name"]


@pytest.mark.shared
def test_the_omnibus_reports_the_same_streamed_or_whole(tmp_path: Path) -> None:
    """The omnibus appropriations act (thousands of provisions, drafting findings among them):
    the same report, findings, fidelity and counts, whether streamed or read whole."""
    require_shared()
    source = SHARED_BILLS / OMNIBUS[0]
    whole = import_bill(source, tmp_path / "whole", stream=False)
    streamed = import_bill(source, tmp_path / "streamed", stream=True)
    assert streamed.report.findings, "the omnibus has drafting findings to compare"
    assert streamed.report.as_dict() == whole.report.as_dict()

"""The fast text table lays out exactly what rich lays out, whatever the cells and the width.

``text_table`` lets rich choose the column widths and wrap the cells that need it, and puts the rows
together itself; ``rich_text_table`` is rich from end to end. Any difference is a wrong table.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.status_table import status_report
from tracker.render.status_table import (
    rich_text_table,
    status_text,
    text_table,
    timeline_text,
)

STATUS_COLUMNS = [
    ("No.", {"justify": "right", "no_wrap": True}),
    ("Provision", {"overflow": "fold", "ratio": 1}),
    ("Status", {"no_wrap": True}),
    ("Owner", {"width": 7}),
    ("Changed", {"min_width": 10}),
    ("Order", {"width": 9}),
]

# Words as counsel write them, and what rich must handle: long words, wide and combining
# characters, tabs, doubled spaces, empty lines, escapes made printable.
WORDS = st.sampled_from(
    [
        "Certification",
        "of",
        "independent",
        "credentialing",
        "bodies",
        "—",
        "§ 2(c)(ii)",
        "use-of-force",
        "K. Donovan",
        "2026-03-10",
        "naïve",
        "日本語",
        "e\u0301",
        "\t",
        "  ",
        "\\x1b[31m",
        "supercalifragilisticexpialidocious-and-more",
        "",
    ]
)
CELL = st.lists(WORDS, max_size=8).map(" ".join) | st.lists(
    st.lists(WORDS, max_size=4).map(" ".join), min_size=1, max_size=3
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(*[CELL] * len(STATUS_COLUMNS)), max_size=6),
    width=st.integers(min_value=1, max_value=160),
    separate=st.booleans(),
)
def test_the_fast_table_is_rich_s_table(
    rows: list[tuple[str, ...]], width: int, separate: bool
) -> None:
    expected = rich_text_table(STATUS_COLUMNS, rows, width=width, separate=separate)
    assert text_table(STATUS_COLUMNS, rows, width=width, separate=separate) == expected


@settings(max_examples=60, deadline=None)
@given(
    options=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "justify": st.sampled_from(["left", "right", "center", "full"]),
                "no_wrap": st.booleans(),
                "overflow": st.sampled_from(["fold", "crop", "ellipsis"]),
                "ratio": st.integers(1, 3),
                "width": st.integers(1, 12),
                "min_width": st.integers(1, 12),
            },
        ),
        min_size=1,
        max_size=5,
    ),
    data=st.data(),
    width=st.integers(min_value=1, max_value=120),
)
def test_any_column_options_match_rich(
    options: list[dict[str, object]], data: st.DataObject, width: int
) -> None:
    columns = [(f"Col {index}", option) for index, option in enumerate(options)]
    rows = data.draw(st.lists(st.tuples(*[CELL] * len(columns)), max_size=4))
    expected = rich_text_table(columns, rows, width=width)
    assert text_table(columns, rows, width=width) == expected


def test_status_and_timeline_tables_as_rich_lays_them_out(package, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The renderers built on the table print what they printed when rich drew every row."""
    import datetime as dt

    from tracker.adapters.loader import load_package
    from tracker.core.history import Timeline, TimelineEvent
    from tracker.core.model import Stage
    from tracker.render import status_table

    report = status_report(load_package(package))
    event = TimelineEvent(
        date=dt.date(2026, 5, 12),
        stage=Stage.INTRODUCED,
        code="IH",
        kind="draft",
        draft="introduced",
        note="Introduced in the House. Referred to the Committee on the Judiciary.",
    )
    timeline = Timeline(title="A Bill", stage=Stage.INTRODUCED, code="IH", events=(event,))
    widths = (30, 60, 80, 110, 200)
    fast = [status_text(report, width=w) for w in widths]
    fast += [timeline_text(timeline, width=w) for w in widths]
    monkeypatch.setattr(status_table, "text_table", rich_text_table)
    slow = [status_text(report, width=w) for w in widths]
    slow += [timeline_text(timeline, width=w) for w in widths]
    assert fast == slow
    assert report.rows and all(row.provision_id in fast[3] for row in report.rows)

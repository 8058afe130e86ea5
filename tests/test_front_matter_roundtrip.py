"""Writing a provision and reading it back gives the same record (property test)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.adapters.provision_files import read_provision, render_provision
from tracker.core.model import HistoryEntry, Provision

TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())
STATUS = st.sampled_from(["outline", "drafting", "review", "cleared", "hold"])
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))
HISTORY = st.builds(
    HistoryEntry,
    date=DATES,
    from_status=st.none() | STATUS,
    to_status=STATUS,
    author=st.none() | TEXT,
    note=st.none() | TEXT,
    forced=st.booleans(),
    owner=st.none() | TEXT,
)
BODY = st.lists(TEXT, max_size=4).map(lambda parts: "\n\n".join(parts) + "\n")


@settings(max_examples=150, deadline=None)
@given(
    title=TEXT,
    implements=st.lists(st.sampled_from(["1", "2(a)", "2(c)(ii)", "5(b)(i)"]), unique=True),
    status=STATUS,
    owner=st.none() | TEXT,
    summary=st.none() | TEXT,
    history=st.lists(HISTORY, max_size=3),
    body=BODY,
)
def test_render_then_read_round_trips(
    title, implements, status, owner, summary, history, body
) -> None:
    original = Provision(
        id="example",
        path="provisions/example.md",
        title=title,
        implements=tuple(implements),
        status=status,
        owner=owner,
        summary=summary,
        history=tuple(history),
        fingerprint=None,
        body="\n" + body,
        body_line=0,
    )
    data = render_provision(original).encode("utf-8")
    read, findings = read_provision("example", data, path="provisions/example.md")
    assert findings == []
    assert read is not None
    for field in ("title", "implements", "status", "owner", "summary", "history", "body"):
        assert getattr(read, field) == getattr(original, field), field

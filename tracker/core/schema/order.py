"""order.yaml: the source document's outline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from tracker.core.errors import Finding
from tracker.core.ids import OrderId
from tracker.core.model import Order, OrderDocument, OrderEntry
from tracker.core.schema.reader import (
    DATE,
    LIST,
    REQUIRED_TEXT,
    TEXT,
    Field,
    Located,
    RecordReader,
    YamlPath,
    opt,
)

ORDER_FIELDS: Mapping[str, Field] = MappingProxyType(
    {"document": Field((dict,), required=True), "entries": Field((list,), required=True)}
)
DOCUMENT_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "title": REQUIRED_TEXT,
        "kind": TEXT,
        "number": TEXT,
        "citation": REQUIRED_TEXT,
        "date": DATE,
        "published": DATE,
        "url": TEXT,
        "note": TEXT,
    }
)
ENTRY_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "id": REQUIRED_TEXT,
        "label": TEXT,
        "heading": TEXT,
        "directive": Field((bool,)),
        "officials": LIST,
        "deadline_days": Field((int,), low=0, high=36500),
        "recovered": Field((bool,)),
        "summary": REQUIRED_TEXT,
    }
)


def read_order(located: Located, path: str) -> tuple[Order | None, list[Finding]]:
    reader = RecordReader(located, path)
    data = reader.mapping(located.data, (), ORDER_FIELDS, "order.yaml")
    if data is None:
        return None, reader.findings
    document = reader.mapping(
        data.get("document") or {}, ("document",), DOCUMENT_FIELDS, "the document"
    )
    document = document or {}
    entries: list[OrderEntry] = []
    seen: dict[str, int | None] = {}
    unusable = not isinstance(data.get("entries"), list)
    for index, item in enumerate(data.get("entries") or []):  # type: ignore[union-attr]
        here: YamlPath = ("entries", index)
        entry = reader.mapping(item, here, ENTRY_FIELDS, "an Order entry")
        if entry is None or not entry.get("id"):
            unusable = True  # an entry whose id is unknown: no provision's ids can be judged
            continue
        order_id = str(entry["id"])
        if not OrderId.is_valid(order_id):
            reader.error(
                "BT303",
                (*here, "id"),
                f"'{order_id}' is not an Order reference",
                "write ids in the Order's own form, like '2' or '2(c)(ii)'",
            )
            unusable = True
            continue
        order_id = str(OrderId.parse(order_id))
        if order_id in seen:
            reader.error(
                "BT303",
                (*here, "id"),
                f"Order entry '{order_id}' is listed twice (first on line {seen[order_id]})",
                "remove one of the two entries",
            )
            continue
        parent = OrderId.parse(order_id).parent
        if parent is not None and str(parent) not in seen:
            reader.error(
                "BT303",
                (*here, "id"),
                f"Order entry '{order_id}' comes before its parent '{parent}'",
                f"list '{parent}' above '{order_id}'",
            )
        seen[order_id] = reader.located.line(*here)
        entries.append(
            OrderEntry(
                id=order_id,
                label=opt(entry.get("label")),
                heading=opt(entry.get("heading")),
                directive=bool(entry.get("directive")),
                officials=reader.text_list(
                    entry.get("officials"), (*here, "officials"), "officials"
                ),
                deadline_days=entry.get("deadline_days")  # type: ignore[arg-type]
                if isinstance(entry.get("deadline_days"), int)
                else None,
                recovered=entry.get("recovered") is not False,
                summary=str(entry.get("summary") or ""),
                line=reader.located.line(*here),
            )
        )
    order = Order(
        document=OrderDocument(
            title=str(document.get("title") or ""),
            kind=str(document.get("kind") or "Executive Order"),
            number=opt(document.get("number")),
            citation=str(document.get("citation") or ""),
            date=document.get("date") if isinstance(document.get("date"), dt.date) else None,  # type: ignore[arg-type]
            published=document.get("published")  # type: ignore[arg-type]
            if isinstance(document.get("published"), dt.date)
            else None,
            url=opt(document.get("url")),
            note=opt(document.get("note")),
        ),
        entries=tuple(entries),
        path=path,
    )
    if unusable:  # reported where it fails; the outline counts as unread (no cascade of BT301)
        return None, reader.findings
    return order, reader.findings

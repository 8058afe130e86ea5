"""Validating parsed YAML values into domain records, a module per record.

Input is plain values with their lines (any object with ``data`` and ``line(*path)``, as the YAML
adapter returns); output is records plus located findings.

- :mod:`~tracker.core.schema.reader`: fields, ranges, the reader that collects findings;
- :mod:`~tracker.core.schema.bill`: bill.yaml;
- :mod:`~tracker.core.schema.order`: order.yaml;
- :mod:`~tracker.core.schema.draft`: draft.yaml;
- :mod:`~tracker.core.schema.front_matter`: a provision's front matter.
"""

from tracker.core.schema.bill import read_bill
from tracker.core.schema.draft import read_draft_info
from tracker.core.schema.front_matter import read_front_matter
from tracker.core.schema.order import read_order
from tracker.core.schema.reader import (
    MAX_DATE,
    MIN_DATE,
    Field,
    Located,
    RecordReader,
    RejectedValue,
    YamlPath,
    did_you_mean,
    read_stage,
)

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "Field",
    "Located",
    "RecordReader",
    "RejectedValue",
    "YamlPath",
    "did_you_mean",
    "read_bill",
    "read_draft_info",
    "read_front_matter",
    "read_order",
    "read_stage",
]

"""Byte-preserving edits of a provision's front matter, written atomically.

``billtrack status set`` changes a provision's ``status:``, ``owner:`` and ``fingerprint:`` values and
appends to its ``history:`` list. Re-serialising the YAML would lose comments, quoting, key order and
wrapping, so :func:`edit_front_matter` splices new text into the file at the exact character spans
the YAML parser reports for those values; every other byte (comments, odd formatting, line endings,
a byte order mark, the body) stays as it was. The result is parsed back and compared with what was
intended before anything is written: an edit that would change anything else is refused.

:func:`write_provision_change` writes the result: a temporary file in the same directory, fsync,
``os.replace``, then fsync of the directory, under an exclusive lock on the file, after checking the
file on disk is still the one that was read. A read-only file, a full disk or any other failure leaves
the original intact and raises :class:`WriteError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from tracker.adapters.atomic_file import write_atomically, write_target
from tracker.adapters.provision_files import read_provision
from tracker.adapters.yaml_reader import LOADER
from tracker.core.errors import InvalidPackageError, InvalidValueError, Severity, WriteError
from tracker.core.model import HistoryEntry, Provision
from tracker.core.workflow import Transition

try:  # POSIX advisory locks; elsewhere the on-disk check before replacing still applies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._'()/+-]*")
# Characters a double-quoted YAML scalar must escape: non-printable ones, a byte order mark, and
# the Unicode line and paragraph separators, which YAML 1.1 reads as line breaks.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatterChange:
    """New values for ``status``, ``owner``, ``fingerprint`` (None: leave as is); entries to append."""

    status: str | None = None
    owner: str | None = None
    fingerprint: str | None = None
    history: tuple[HistoryEntry, ...] = ()


def control_character(text: str) -> str | None:
    """The first control character of ``text`` (C0, DEL, C1, or a Unicode line or paragraph
    separator), or None. Such characters are never recorded: they would reach terminals raw, and
    YAML reads some of them as line breaks.

    >>> control_character("J. Rivera"), control_character("J.\\x1b[31mRivera"), control_character("a\\rb")
    (None, '\\x1b', '\\r')
    """
    for char in text:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return char
    return None


def require_recordable(change: FrontMatterChange) -> None:
    """Refuse (:class:`InvalidValueError`) a change whose owner, author or note holds a control
    character, before anything is read or written."""
    values = [("owner", change.owner)]
    for entry in change.history:
        values += [("author", entry.author), ("note", entry.note), ("owner", entry.owner)]
    require_plain_values(values)


def require_plain_values(values: Sequence[tuple[str, str | None]]) -> None:
    """Refuse the first ``(name, value)`` whose value holds a control character."""
    for name, value in values:
        char = control_character(value or "")
        if char is not None:
            raise InvalidValueError(
                f"the {name} {value!r} holds the control character {char!r}",
                hint=f"give the {name} as plain text on one line, without control characters",
            )


def yaml_scalar(value: object) -> str:
    """A YAML scalar that reads back as ``value``, plain when that is safe, double-quoted otherwise.

    The text is safe in block and flow context alike (commas, colons and brackets are quoted).

    >>> yaml_scalar("review"), yaml_scalar("J. Rivera"), yaml_scalar("yes"), yaml_scalar("a, b")
    ('review', 'J. Rivera', '"yes"', '"a, b"')
    >>> yaml_scalar(None), yaml_scalar(True), yaml_scalar(dt.date(2026, 2, 24))
    ('null', 'true', '2026-02-24')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and _reads_as_text(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _reads_as_text(text: str) -> bool:
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False


def history_item(entry: HistoryEntry) -> str:
    """A history entry as a one-line flow mapping, the form ``status set`` appends.

    >>> history_item(HistoryEntry(date=dt.date(2026, 2, 20), from_status="review",
    ...     to_status="cleared", author="M. Chen", note="Looks right, ship it."))
    '{date: 2026-02-20, from: review, to: cleared, author: M. Chen, note: "Looks right, ship it."}'
    """
    pairs = [
        ("date", entry.date),
        ("from", entry.from_status),
        ("to", entry.to_status),
        ("author", entry.author),
        ("note", entry.note),
    ]
    if entry.forced:
        pairs.append(("forced", True))
    if entry.owner is not None:
        pairs.append(("owner", entry.owner))
    return "{" + ", ".join(f"{key}: {yaml_scalar(value)}" for key, value in pairs) + "}"


# Editing text -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str


class _FrontMatter:
    """The front matter text of a file, its parsed top-level keys and the edits planned on it."""

    def __init__(self, text: str, *, path: str, newline: str) -> None:
        self.text = text
        self.path = path
        self.newline = newline
        self.edits: list[_Edit] = []
        try:  # the reader's own loader: 'check' and 'status set' agree on what is YAML
            root = yaml.compose(text, Loader=LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise WriteError(
                f"the front matter is not valid YAML ({getattr(exc, 'problem', None) or exc})",
                path=path,
                line=mark.line + 2 if mark is not None else None,
                hint="run 'billtrack check' and fix it first",
            ) from exc
        if not isinstance(root, yaml.MappingNode):
            raise WriteError("the front matter is not a mapping", path=path, hint="fix it first")
        self.keys: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in root.value:
            name = str(key.value)
            if name in self.keys and name in ("status", "owner", "fingerprint", "history"):
                raise WriteError(
                    f"'{name}' appears twice in the front matter",
                    path=path,
                    line=key.start_mark.line + 2,
                    hint="remove the duplicate key first",
                )
            self.keys[name] = (key, value)

    def line_end(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found == -1 else found + 1

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def after(self, key: yaml.Node, value: yaml.Node) -> int:
        """Where a new line goes after ``key: value``: the start of the line after its last content."""
        end = _content_end(key, value)
        if end > 0 and self.text[end - 1] == "\n":
            return end
        return self.line_end(end)

    def content_end(self) -> int:
        """The end of the front matter's last line that is not blank: new keys go there, so blank
        lines before the closing fence stay last (and a block scalar above keeps its meaning)."""
        end = len(self.text)
        while end > 0:
            start = self.line_start(end - 1)
            if self.text[start:end].strip():
                break
            end = start
        return end

    def colon(self, key: yaml.Node) -> int:
        return self.text.index(":", key.end_mark.index)

    def set_scalar(self, name: str, new: str, *, insert_at: int) -> None:
        scalar = yaml_scalar(new)
        if name not in self.keys:
            self.edits.append(_Edit(insert_at, insert_at, f"{name}: {scalar}{self.newline}"))
            return
        key, value = self.keys[name]
        if not isinstance(value, yaml.ScalarNode):
            raise WriteError(
                f"'{name}' is not a single value",
                path=self.path,
                line=key.start_mark.line + 2,
                hint=f"write '{name}: VALUE' on one line",
            )
        start, end = value.start_mark.index, value.end_mark.index
        if _is_empty(value):
            point = self.colon(key) + 1
            self.edits.append(_Edit(point, point, f" {scalar}"))
        elif value.style in ("|", ">"):  # its span runs on over blank lines: keep those
            content = self.text[start:end].rstrip()
            self.edits.append(_Edit(start, start + len(content), scalar))
        else:
            self.edits.append(_Edit(start, end, _quoted_like(value.style, new, scalar)))

    def append_history(self, items: Sequence[str], *, end_of_front: int) -> None:
        nl = self.newline
        if "history" not in self.keys:
            lines = "".join(f"  - {item}{nl}" for item in items)
            self.edits.append(_Edit(end_of_front, end_of_front, f"history:{nl}{lines}"))
            return
        key, value = self.keys["history"]
        if isinstance(value, yaml.ScalarNode):
            if value.tag != "tag:yaml.org,2002:null" and not _is_empty(value):
                raise WriteError(
                    "'history' is not a list",
                    path=self.path,
                    line=key.start_mark.line + 2,
                    hint="write history as a list of entries, or remove the key",
                )
            if not _is_empty(value):
                self.edits.append(_Edit(self.colon(key) + 1, value.end_mark.index, ""))
            point = self.line_end(self.colon(key))
            lines = "".join(f"  - {item}{nl}" for item in items)
            self.edits.append(_Edit(point, point, lines))
            return
        if not isinstance(value, yaml.SequenceNode):
            raise WriteError(
                "'history' is not a list",
                path=self.path,
                line=key.start_mark.line + 2,
                hint="write history as a list of entries",
            )
        if value.flow_style:
            if value.value:
                point = value.value[-1].end_mark.index
                self.edits.append(_Edit(point, point, "".join(f", {item}" for item in items)))
            else:
                point = value.end_mark.index - 1
                self.edits.append(_Edit(point, point, ", ".join(items)))
            return
        indent = " " * value.start_mark.column
        point = self.after(key, value)
        self.edits.append(_Edit(point, point, "".join(f"{indent}- {item}{nl}" for item in items)))

    def apply(self) -> str:
        text = self.text
        # From the end backwards; of two insertions at one point, the one planned first stays first.
        planned = sorted(enumerate(self.edits), key=lambda p: (p[1].start, p[1].end, p[0]))
        for _, edit in reversed(planned):
            text = text[: edit.start] + edit.text + text[edit.end :]
        return text


def _quoted_like(style: str | None, value: str, scalar: str) -> str:
    """``scalar``, in the quotes the old value used when it was quoted (so the line keeps its look)."""
    if style == "'" and not _NOT_PRINTABLE.search(value) and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style == '"' and not scalar.startswith('"'):
        return json.dumps(value, ensure_ascii=False)
    return scalar


def _is_empty(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and node.start_mark.index == node.end_mark.index
        and node.value == ""
    )


def _content_end(key: yaml.Node, value: yaml.Node) -> int:
    """The index just after the last character of ``value`` (or of ``key`` when it is empty).

    Block collections end where the next token starts (after blank and comment lines), so their end
    is found through their last child instead.
    """
    if isinstance(value, yaml.MappingNode | yaml.SequenceNode) and not value.flow_style:
        if value.value:
            last = value.value[-1]
            if isinstance(last, tuple):
                return _content_end(last[0], last[1])
            return _content_end(last, last)
        return key.end_mark.index
    if _is_empty(value):
        return key.end_mark.index
    return value.end_mark.index


def edit_front_matter(data: bytes, change: FrontMatterChange, *, path: str) -> bytes:
    """``data`` with the front matter values of ``change`` set and its history entries appended.

    Only the spans of those values change (and the new lines are added); every other byte is kept.
    The result is read back and compared with the intent (:func:`verify_edit`); an edit that cannot
    be made safely raises :class:`WriteError`; a file the reader cannot read is refused with the
    error ``billtrack check`` reports, located, and a change holding control characters with
    :class:`InvalidValueError`.
    """
    require_recordable(change)
    _require_readable(data, path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WriteError(
            "the file is not UTF-8", path=path, hint="re-save it as UTF-8 first"
        ) from exc
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom) :]
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip() != "---":
        raise WriteError(
            "the file does not open with front matter", path=path, line=1, hint="fix it first"
        )
    newline = "\r\n" if text[first_end - 1 : first_end] == "\r" else "\n"
    start = first_end + 1
    position = start
    while True:
        found = text.find("\n", position)
        line = text[position : len(text) if found == -1 else found]
        if line.rstrip() == "---":
            end = position
            break
        if found == -1:
            raise WriteError("the front matter is never closed", path=path, hint="fix it first")
        position = found + 1
    failure: WriteError | None = None
    for placement in ("end", "after status"):
        front = _FrontMatter(text[start:end], path=path, newline=newline)
        _plan(front, change, new_keys_at=placement)
        edited = (bom + text[:start] + front.apply() + text[end:]).encode("utf-8")
        try:
            verify_edit(data, edited, change, path=path)
        except WriteError as exc:
            failure = exc
            continue
        return edited
    assert failure is not None
    raise failure


def _require_readable(data: bytes, *, path: str) -> None:
    """Refuse to edit a provision file the reader cannot read in full (a syntax error, a tag, an
    impossible date, a conflict...), at the error ``billtrack check`` reports first. A wrong or
    missing value or a duplicate key (BT102, BT104-BT106, such as an empty status) is what ``status set`` may repair."""
    provision, findings = read_provision(Path(path).stem, data, path=path)
    errors = [
        f
        for f in findings
        if f.severity is Severity.ERROR
        and (provision is None or f.code not in ("BT102", "BT104", "BT105", "BT106"))
    ]
    if errors:
        first = errors[0]
        raise WriteError(
            f"the file has errors, so it was not changed: {first.code}: {first.message}",
            path=first.path,
            line=first.line,
            hint=first.hint or "run 'billtrack check' and fix it first",
        )


def _plan(front: _FrontMatter, change: FrontMatterChange, *, new_keys_at: str) -> None:
    """Plan the edits. Keys that do not exist yet go after the status (owner), before the history
    (fingerprint) or at the end of the front matter (history); with ``new_keys_at="after status"``
    all of them go after the status, for files whose last value would change meaning otherwise
    (a block scalar followed by white space, as the reader splits the front matter)."""
    status = front.keys.get("status")
    end_of_front = front.content_end()
    after_status = front.after(*status) if status else end_of_front
    if new_keys_at == "after status":
        end_of_front = after_status
    if change.status is not None:
        front.set_scalar("status", change.status, insert_at=after_status)
    if change.owner is not None:
        front.set_scalar("owner", change.owner, insert_at=after_status)
    if change.fingerprint is not None:
        history = front.keys.get("history")
        before_history = front.line_start(history[0].start_mark.index) if history else end_of_front
        front.set_scalar("fingerprint", change.fingerprint, insert_at=before_history)
    if change.history:
        front.append_history(
            [history_item(entry) for entry in change.history], end_of_front=end_of_front
        )


def verify_edit(old: bytes, new: bytes, change: FrontMatterChange, *, path: str) -> Provision:
    """Parse ``new`` back and check it says what ``old`` said, changed only as ``change`` asks."""
    stem = Path(path).stem
    before, _ = read_provision(stem, old, path=path)
    after, problems = read_provision(stem, new, path=path)
    if before is None or after is None:
        raise WriteError(
            "the edited front matter would not read back",
            path=path,
            hint="run 'billtrack check'; the file was left as it was",
        )
    expected = {
        "title": before.title,
        "implements": before.implements,
        "summary": before.summary,
        "body": before.body,
        "status": change.status if change.status is not None else before.status,
        "owner": change.owner if change.owner is not None else before.owner,
        "fingerprint": change.fingerprint if change.fingerprint is not None else before.fingerprint,
        "history": (*before.history, *change.history),
    }
    for name, value in expected.items():
        if getattr(after, name) != value:
            raise WriteError(
                f"editing '{name}' would change the file in an unexpected way",
                path=path,
                hint="the file was left as it was; edit it by hand or report the file's layout",
            )
    del problems
    return after


# Writing files ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on the file ``path`` names (its current inode)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError as exc:
        raise WriteError(
            "the file no longer exists", path=str(path), hint="run 'billtrack status' again"
        ) from exc
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _identity(path: Path) -> tuple[int, int, int, int]:
    info = os.stat(path)
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def write_provision_change(
    path: Path, expected: bytes, change: FrontMatterChange, *, label: str, root: Path | None = None
) -> bytes:
    """Apply ``change`` to the provision file at ``path``, which must still hold ``expected``.

    ``label`` is the path shown in messages (relative to the package root). Returns the new bytes.
    Where it may write is :func:`~tracker.adapters.atomic_file.write_target`'s rule (``root``: the
    package root a symbolic link must point into).
    """
    path = write_target(path, root=root, label=label)
    with _locked(path):
        before = _identity(path)
        current = path.read_bytes()
        if current != expected:
            raise WriteError(
                "the file changed on disk since it was read; nothing was written",
                path=label,
                hint="run the command again to act on the current file",
            )
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
            raise WriteError(
                "the file is read-only; nothing was written",
                path=label,
                hint="make it writable (chmod u+w) and run the command again",
            )
        new = edit_front_matter(current, change, path=label)
        verify_edit(current, new, change, path=label)

        def unchanged_meanwhile() -> None:
            if _identity(path) != before or path.read_bytes() != expected:
                raise WriteError(
                    "the file changed on disk while it was being written; nothing was written",
                    path=label,
                    hint="run the command again to act on the current file",
                )

        write_atomically(
            path, new, root=root, label=label, mode=mode, before_replace=unchanged_meanwhile
        )
        return new


def transition_change(transition: Transition) -> FrontMatterChange:
    return FrontMatterChange(
        status=transition.to_status,
        owner=transition.owner,
        fingerprint=transition.fingerprint,
        history=(transition.entry,),
    )


def apply_transitions(
    root: Path, files: dict[str, bytes] | None, transitions: Sequence[Transition]
) -> tuple[str, ...]:
    """Write each transition to its provision file; ``files`` holds the bytes each was read as.

    Returns the paths written (relative to ``root``). When one write fails, the error names the
    provisions already changed, so nothing is left unexplained.
    """
    written: list[str] = []
    for transition in transitions:
        expected = (files or {}).get(transition.path)
        target = root / transition.path
        if expected is None:
            expected = target.read_bytes()
        try:
            write_provision_change(
                target, expected, transition_change(transition), label=transition.path, root=root
            )
        except WriteError as exc:
            if written:
                exc.hint = f"{exc.hint or ''} (already changed: {', '.join(written)})".strip()
            raise
        written.append(transition.path)
    return tuple(written)


# The whole of 'billtrack status set' ------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusSetResult:
    transitions: tuple[Transition, ...]
    written: tuple[str, ...]
    commit: str | None


def set_status(
    root: Path,
    ids: Sequence[str],
    target: str,
    *,
    note: str | None = None,
    owner: str | None = None,
    force: bool = False,
    author: str | None = None,
    commit: bool = False,
    today: dt.date | None = None,
) -> StatusSetResult:
    """Move provisions ``ids`` of the package at ``root`` to ``target`` and record it in each file.

    Every transition is decided before anything is written (one refusal refuses all). The author is
    ``author``, else git's; with ``commit`` the changed files (and only they) are committed.
    """
    from tracker.adapters import git_repo
    from tracker.adapters.loader import BILL_FILE, load_package
    from tracker.core.workflow import StatusRequest, commit_message, decide_all

    require_plain_values([("owner", owner), ("note", note), ("author", author)])
    package = load_package(root)
    bill_errors = [f for f in package.errors if f.path == BILL_FILE]
    if bill_errors:  # the workflow comes from bill.yaml: no transition is decided without it
        raise InvalidPackageError(bill_errors, action="set the status again")
    who = author or git_repo.git_author(root)
    if not who:
        raise WriteError(
            "no author to record: git has no user.name here",
            hint="pass --author NAME, or set it with 'git config user.name NAME'",
        )
    request = StatusRequest(
        target=target,
        note=note,
        owner=owner,
        force=force,
        author=who,
        date=today or dt.date.today(),
    )
    transitions = decide_all(package, ids, request)
    targets = [write_target(root / t.path, root=root, label=t.path) for t in transitions]
    if commit:  # before any write: a commit that cannot be made must not leave files changed
        git_repo.require_commit_possible(root, targets)
    written = apply_transitions(root, dict(package.files), transitions)
    made = None
    if commit:
        made = git_repo.commit_paths(root, targets, commit_message(transitions))
    return StatusSetResult(transitions=transitions, written=written, commit=made)

"""The one exception hierarchy, and located findings.

Library code raises these (never prints or exits); the CLI turns them into one message each, in one
place (``tracker.cli.app``). Content problems that do not stop a command are :class:`Finding` records
instead, so a package with errors can still be reported on and built.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One located problem in a package, with a stable code shared by ``billtrack check`` and the site.

    >>> Finding(code="BT301", severity=Severity.ERROR, path="provisions/x.md", line=4,
    ...         message="unknown Order section '3(f)'", hint=None).format()
    "provisions/x.md:4: error BT301: unknown Order section '3(f)'"
    """

    code: str
    severity: Severity
    path: str
    line: int | None
    message: str
    hint: str | None = None

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        return f"{self.location}: {self.severity} {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


class BilltrackError(Exception):
    """Base of every error the library raises on purpose.

    ``path`` and ``line`` locate the problem when it has a place; ``hint`` says what to do next.
    ``exit_code`` is 1 for a failed command and 2 when the command could not run at all.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def located(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class PackageNotFoundError(BilltrackError):
    """No package root (a directory holding provisions/bill.yaml) where one was needed."""

    exit_code = 2


class InvalidPackageError(BilltrackError):
    """The package has errors that stop this command (``billtrack check`` lists them all)."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...], *, action: str) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0] if errors else findings[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"{first.code}: {first.message}{more}",
            path=first.path,
            line=first.line,
            hint=first.hint or f"run 'billtrack check' to list every problem, then {action}",
        )
        self.findings = tuple(findings)


class UnknownNameError(BilltrackError):
    """A provision id, status, draft, revision or Order id that does not exist."""


class InvalidNameError(BilltrackError):
    """A name that is not legal (a provision id or draft name outside [a-z0-9-], a path)."""


class InvalidValueError(BilltrackError):
    """A value given on the command line that cannot be recorded as given (control characters in
    an owner, author or note). A usage error: the command did not run."""

    exit_code = 2


class WorkflowError(BilltrackError):
    """A status transition the workflow does not allow."""


class SourceError(BilltrackError):
    """A version of the bill that cannot be read: unknown draft or revision, not UTF-8, no git."""


class WriteError(BilltrackError):
    """A write that was refused or failed; the original is left intact."""


class ImportFormatError(BilltrackError):
    """An import source that cannot be read as a bill."""

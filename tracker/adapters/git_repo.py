"""Git history: the only module that imports GitPython or runs git.

Every function returns plain values, never GitPython objects. Most open the repository with
``with Repo(...)``; :func:`file_revisions`, which ``billtrack log`` and ``status`` call on every run,
runs two plain git processes instead (GitPython's import alone costs more than its work).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildRevision:
    """The commit a working tree is at, for "built from commit ... (uncommitted changes)".

    ``commit`` is None when the directory is not in a git repository or has no commit yet.
    """

    commit: str | None
    date: dt.datetime | None
    dirty: bool

    @property
    def short(self) -> str | None:
        return self.commit[:12] if self.commit else None

    def describe(self) -> str:
        """``commit 3f1c2e4a9b0d of 2026-05-12 14:03 UTC`` (+ ``, with uncommitted changes``).

        >>> BuildRevision(commit=None, date=None, dirty=False).describe()
        'not under version control'
        """
        if self.commit is None:
            return "not under version control"
        when = self.date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if self.date else ""
        text = f"commit {self.short} of {when}" if when else f"commit {self.short}"
        return f"{text}, with uncommitted changes" if self.dirty else text


def build_revision(root: Path) -> BuildRevision:
    """The HEAD commit of the repository holding ``root``, its date, and whether the tree is dirty.

    Only changes under ``root`` count as dirty (untracked files included, ignored ones not).
    Never raises for a missing repository or an unborn HEAD: those give ``commit=None``.
    """
    try:
        from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    except ImportError:  # pragma: no cover - GitPython is a dependency; git itself may be absent
        return BuildRevision(commit=None, date=None, dirty=False)
    try:
        with Repo(root, search_parent_directories=True) as repo:
            try:
                head = repo.head.commit
            except ValueError:  # unborn branch: no commit yet
                return BuildRevision(commit=None, date=None, dirty=True)
            workdir = Path(repo.working_tree_dir or root).resolve()
            try:
                scope = Path(root).resolve().relative_to(workdir).as_posix()
            except ValueError:
                scope = "."
            scope = scope or "."
            dirty = repo.is_dirty(untracked_files=True, path=scope)
            return BuildRevision(
                commit=head.hexsha, date=head.committed_datetime, dirty=bool(dirty)
            )
    except (InvalidGitRepositoryError, NoSuchPathError, OSError):
        return BuildRevision(commit=None, date=None, dirty=False)
    except Exception as exc:  # git binary missing or failing: GitCommandError, GitCommandNotFound
        if type(exc).__module__.startswith("git"):
            return BuildRevision(commit=None, date=None, dirty=False)
        raise


# Status tracking: author, commits, file history ------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class FileRevision:
    """A commit that touched a file, with the file's content at that commit.

    ``path`` is relative to the package root; ``data`` is None when the commit deleted the file (or
    when contents were not asked for). ``date`` is the author date (when the change was written),
    ``committed`` the committer date (when it entered the history: what ``git log`` orders by; a
    rebase or cherry-pick moves it, not the author date).
    """

    commit: str
    author: str
    email: str
    date: dt.datetime
    committed: dt.datetime
    subject: str
    path: str
    data: bytes | None


def _is_git_error(exc: Exception) -> bool:
    return type(exc).__module__.split(".")[0] == "git"


def git_author(root: Path) -> str | None:
    """The name git would record as author here (GIT_AUTHOR_NAME, then ``git config user.name``).

    None when neither is set or git is not available; works outside a repository too.
    """
    import os

    name = os.environ.get("GIT_AUTHOR_NAME")
    if name:
        return name
    try:
        from git import Git
    except ImportError:  # pragma: no cover - git itself may be absent
        return None
    try:
        value = Git(str(root)).config("--get", "user.name")
    except Exception as exc:
        if _is_git_error(exc) or isinstance(exc, OSError):
            return None
        raise
    return value.strip() or None


# What stops a commit, checked before anything is written.
_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "git merge --continue' or 'git merge --abort"),
    (
        "CHERRY_PICK_HEAD",
        "a cherry-pick",
        "git cherry-pick --continue' or 'git cherry-pick --abort",
    ),
    ("REVERT_HEAD", "a revert", "git revert --continue' or 'git revert --abort"),
    ("rebase-merge", "a rebase", "git rebase --continue' or 'git rebase --abort"),
    ("rebase-apply", "a rebase or 'git am'", "git rebase --continue' or 'git rebase --abort"),
    (
        "index.lock",
        "another git command (index.lock exists)",
        "wait for it, or remove .git/index.lock if no git command is running",
    ),
)


def require_commit_possible(root: Path, paths: list[Path]) -> None:
    """Raise unless ``git commit`` of exactly ``paths`` can be made now; writes nothing.

    Checked: a repository holds ``root`` and every path; no merge, rebase, cherry-pick or revert is
    in progress (a commit of some files cannot be made then); git knows an author and committer
    (``git var``, as strict as ``git commit``); no path is ignored. Hooks can still refuse the
    commit afterwards, which :func:`commit_paths` reports.
    """
    from tracker.core.errors import SourceError, WriteError

    try:
        from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    except ImportError as exc:  # pragma: no cover - git itself may be absent
        raise SourceError("git is not available", hint="install git, or drop --commit") from exc
    try:
        opened = Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError) as exc:
        raise SourceError(
            f"{root} is not in a git repository, so --commit cannot commit; nothing was written",
            hint="drop --commit, or run 'git init' first",
        ) from exc
    with opened as repo:
        git_dir = Path(repo.git_dir)
        for name, what, fix in _IN_PROGRESS:
            if (git_dir / name).exists():
                raise WriteError(
                    f"--commit cannot commit during {what}; nothing was written",
                    hint=f"finish it first ('{fix}'), or drop --commit",
                )
        workdir = Path(repo.working_tree_dir or root).resolve()
        relative = []
        for path in paths:
            try:
                relative.append(Path(path).resolve().relative_to(workdir).as_posix())
            except ValueError:
                raise WriteError(
                    f"{path} is outside the git repository at {workdir}; nothing was written",
                    hint="drop --commit, or keep the package's files inside the repository",
                ) from None
        for variable, who in (("GIT_AUTHOR_IDENT", "author"), ("GIT_COMMITTER_IDENT", "committer")):
            try:
                repo.git.var(variable)
            except Exception as exc:
                if not _is_git_error(exc):
                    raise
                raise WriteError(
                    f"--commit cannot commit: git has no {who} identity here; nothing was written",
                    hint="set one with 'git config user.name NAME' and "
                    "'git config user.email EMAIL', or drop --commit",
                ) from exc
        try:
            ignored = repo.git.check_ignore("--", *relative) if relative else ""
        except Exception as exc:  # exit status 1: nothing ignored
            if not _is_git_error(exc):
                raise
            ignored = ""
        if ignored.strip():
            first = ignored.strip().splitlines()[0]
            raise WriteError(
                f"--commit cannot commit {first}: git ignores it; nothing was written",
                path=first,
                hint="remove it from .gitignore, or drop --commit",
            )


def commit_paths(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (other staged changes are left staged) with ``message``.

    Returns the new commit's id. Raises :class:`SourceError` outside a repository and
    :class:`WriteError` when git refuses (no identity, hooks, nothing to commit).
    """
    from tracker.core.errors import SourceError, WriteError

    try:
        from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    except ImportError as exc:  # pragma: no cover - git itself may be absent
        raise SourceError("git is not available", hint="install git, or drop --commit") from exc
    try:
        with Repo(root, search_parent_directories=True) as repo:
            workdir = Path(repo.working_tree_dir or root).resolve()
            relative = [Path(p).resolve().relative_to(workdir).as_posix() for p in paths]
            try:
                repo.git.add("--", *relative)
                repo.git.commit("-m", message, "--only", "--", *relative)
                return str(repo.head.commit.hexsha)
            except Exception as exc:
                if not _is_git_error(exc):
                    raise
                detail = (getattr(exc, "stderr", "") or str(exc)).strip().splitlines()
                reason = detail[-1].strip() if detail else "git refused the commit"
                raise WriteError(
                    f"the files were written but the commit failed: {reason.removeprefix('stderr: ')}",
                    hint="fix the problem git names (for example 'git config user.name NAME'), "
                    "then commit the files yourself",
                ) from exc
    except (InvalidGitRepositoryError, NoSuchPathError) as exc:
        raise SourceError(
            f"{root} is not in a git repository, so --commit cannot commit",
            hint="drop --commit, or run 'git init' first",
        ) from exc


# One record per commit: \x1e, then the fields split by \x1f (commit, author, email, author date,
# committer date, subject); with -z and --raw each change follows as ":modes ids status\0path\0".
_LOG_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s"


def file_revisions(
    root: Path, paths: list[str] | None = None, *, folder: str = "provisions", contents: bool = True
) -> dict[str, list[FileRevision]]:
    """The commits that touched each file, newest first, keyed by path relative to ``root``.

    ``paths`` are files relative to ``root`` (default: every file under ``folder``). The order is
    ``git log``'s (children before parents, otherwise newest commit date first). Two git processes
    answer, whatever the number of commits, and run side by side: ``git log --raw -z`` lists the
    commits with the id of each file version, and with ``contents`` ``git cat-file --batch`` reads
    each distinct version as soon as the log names it. GitPython is not used here: its import and a
    round trip per object cost more than the work. Outside git, without git, in an empty repository
    or for untracked files, the answer is empty; a shallow clone gives the commits it has.
    """
    import subprocess

    command = [
        "git",
        "-c",
        "log.showSignature=false",
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--no-color",
        "--relative",
        f"--format={_LOG_FORMAT}",
        "--",
        *(paths or [folder]),
    ]
    try:
        log = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:  # git is not installed, or root is not a directory
        return {}
    reader = _BlobReader(root) if contents else None
    # (path, blob id to read or None, the commit's fields), in git's order
    changes: list[tuple[str, str | None, tuple[str, str, str, dt.datetime, dt.datetime, str]]] = []
    try:
        assert log.stdout is not None
        for chunk in _records(log.stdout):
            wanted: list[str] = []
            for record in chunk:
                header, _, listing = record.decode("utf-8", errors="replace").partition("\0")
                fields = (header.split("\x1f") + [""] * 6)[:6]
                commit, author, email, authored, committed, subject = fields
                authored_at = dt.datetime.fromisoformat(authored)
                committed_at = dt.datetime.fromisoformat(committed) if committed else authored_at
                about = (commit, author, email, authored_at, committed_at, subject)
                items = listing.split("\0")
                for meta, path in zip(items[0::2], items[1::2], strict=False):
                    parts = meta.split()  # ":old-mode new-mode old-id new-id status"
                    if len(parts) != 5 or not path:
                        continue
                    readable = contents and not parts[4].startswith("D") and parts[1] != "160000"
                    changes.append((path, parts[3] if readable else None, about))
                    if readable:
                        wanted.append(parts[3])
            if reader is not None:
                reader.ask(wanted)
        failed = log.wait() != 0  # not a repository, or no commit yet
        blobs = reader.finish() if reader is not None else {}
    finally:
        for process in (log, reader.process if reader is not None else None):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    if failed:
        return {}
    found: dict[str, list[FileRevision]] = {}
    for path, blob, (commit, author, email, authored_at, committed_at, subject) in changes:
        found.setdefault(path, []).append(
            FileRevision(
                commit=commit,
                author=author,
                email=email,
                date=authored_at,
                committed=committed_at,
                subject=subject,
                path=path,
                data=blobs.get(blob) if blob else None,
            )
        )
    return found


def _records(stream: IO[bytes]) -> Iterator[list[bytes]]:
    """The ``\x1e``-led records of ``git log`` output as they arrive, a list per read."""
    pending = b""
    while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
        *complete, pending = (pending + chunk).split(b"\x1e")
        yield [record for record in complete if record]
    if pending:
        yield [pending]


class _BlobReader:
    """One ``git cat-file --batch``: blob ids go in as they are known (each once), a thread drains
    the answers so neither side waits on a full pipe, :meth:`finish` parses them. An id the clone
    lacks (a shallow clone) is left out of the answer; so is everything when git cannot run."""

    def __init__(self, root: Path) -> None:
        import subprocess
        import threading

        self.asked: dict[str, None] = {}
        self.output: list[bytes] = []
        self.ended = False
        try:
            self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self.process = None
            return
        stdout = self.process.stdout
        assert stdout is not None
        self.drain = threading.Thread(target=lambda: self.output.append(stdout.read()), daemon=True)
        self.drain.start()

    def ask(self, ids: list[str]) -> None:
        new = [blob for blob in ids if blob not in self.asked]
        if not new or self.process is None or self.process.stdin is None or self.ended:
            return
        self.asked.update(dict.fromkeys(new))
        try:
            self.process.stdin.write("".join(f"{blob}\n" for blob in new).encode("ascii"))
            self.process.stdin.flush()
        except OSError:  # cat-file ended (not a repository): the log says why
            self.ended = True

    def finish(self) -> dict[str, bytes]:
        if self.process is None:
            return {}
        if self.process.stdin is not None:
            # OSError: the unflushed rest could not be written, cat-file had ended
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        self.drain.join()
        self.process.wait()
        output = self.output[0] if self.output else b""
        blobs: dict[str, bytes] = {}
        at = 0
        for _ in self.asked:
            end = output.find(b"\n", at)
            if end == -1:
                break
            header = output[at:end].split()
            at = end + 1
            if len(header) == 3:  # "<id> <kind> <size>", then the content and a newline
                size = int(header[2])
                if header[1] == b"blob":
                    blobs[header[0].decode("ascii")] = output[at : at + size]
                at += size + 1
            # else "<id> missing": nothing follows
        return blobs


def _blob(repo: object, ref: str) -> bytes | None:
    """One object through GitPython's persistent ``git cat-file --batch`` process."""
    try:
        _, kind, _, data = repo.git.get_object_data(ref)  # type: ignore[attr-defined]
    except ValueError:  # "missing": not in a shallow clone, or a submodule
        return None
    return bytes(data) if kind in (b"blob", "blob") else None


# Revisions for redlines ---------------------------------------------------------------------------

_NO_GIT_HINT = "install git, or compare drafts or files, which need no git"


def revision_files(root: Path, revision: str) -> dict[str, bytes]:
    """The package files (``provisions/*``, ``law/*``) of ``root`` at ``revision``, for ``billtrack diff``.

    Keys are paths relative to the package root, as ``loader.load_files`` takes them. Nothing is
    checked out; the working tree is never touched. Every failure is a :class:`SourceError` that says
    what exists: no repository, git missing, an unknown revision (with the branches, tags and latest
    commits), a shallow clone whose history stops before the revision, or a revision without the
    package.
    """
    from tracker.core.errors import SourceError

    spec = f"git:{revision}"
    if not revision or revision.startswith("-") or any(c.isspace() for c in revision):
        raise SourceError(f"'{spec}' is not a revision", hint="for example git:HEAD~1 or git:v1.0")
    try:
        from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    except ImportError as exc:  # pragma: no cover - GitPython needs the git program
        raise SourceError(f"cannot read '{spec}': git is not available", hint=_NO_GIT_HINT) from exc
    try:
        opened = Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError) as exc:
        raise SourceError(
            f"cannot read '{spec}': {root} is not in a git repository",
            hint="compare drafts or files instead (they need no git history), or run the command "
            "inside a clone of the repository",
        ) from exc
    try:
        with opened as repo:
            workdir = Path(repo.working_tree_dir or root).resolve()
            try:
                prefix = Path(root).resolve().relative_to(workdir).as_posix()
            except ValueError:
                prefix = "."
            prefix = "" if prefix == "." else prefix + "/"
            commit = _verify_revision(repo, revision)
            if commit is None:
                raise _unknown_revision(repo, revision)
            listing = repo.git.ls_tree(
                "-r", "--full-tree", commit, "--", f"{prefix}provisions", f"{prefix}law"
            )
            files: dict[str, bytes] = {}
            for line in listing.splitlines():
                meta, _, repo_path = line.partition("\t")
                parts = meta.split()
                name = repo_path[len(prefix) :]
                if len(parts) == 3 and parts[1] == "blob" and name.count("/") == 1:
                    data = _blob(repo, parts[2])
                    if data is None:
                        raise SourceError(
                            f"revision '{revision}' lists {name} but this clone lacks its content",
                            hint="fetch the missing objects ('git fetch --unshallow'), or compare "
                            "drafts, which need no history",
                        )
                    files[name] = data
            if "provisions/bill.yaml" not in files:
                raise SourceError(
                    f"revision '{revision}' ({commit[:12]}) has no {prefix}provisions/bill.yaml",
                    hint="the package did not exist yet at that revision; pick a later one "
                    "('git log --oneline' lists them)",
                )
            return files
    except SourceError:
        raise
    except Exception as exc:
        if _is_git_error(exc) or isinstance(exc, OSError):
            detail = (getattr(exc, "stderr", "") or str(exc)).strip().splitlines()
            reason = detail[-1].strip().removeprefix("stderr: ") if detail else type(exc).__name__
            raise SourceError(f"cannot read '{spec}': {reason}", hint=_NO_GIT_HINT) from exc
        raise


def _verify_revision(repo: object, revision: str) -> str | None:
    """The commit id ``revision`` names, or None."""
    try:
        found = repo.git.rev_parse(  # type: ignore[attr-defined]
            "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except Exception as exc:
        if _is_git_error(exc):
            return None
        raise
    return str(found).strip() or None


def _unknown_revision(repo: object, revision: str) -> Exception:
    """The error for a revision git does not know, listing what it does know."""
    from tracker.core.errors import SourceError

    git = repo.git  # type: ignore[attr-defined]
    shallow = Path(repo.git_dir, "shallow").is_file()  # type: ignore[attr-defined]

    def lines(*args: str) -> list[str]:
        try:
            return [n for n in str(git.execute(["git", *args])).splitlines() if n]
        except Exception as exc:
            if _is_git_error(exc):
                return []
            raise

    branches = lines("for-each-ref", "--format=%(refname:short)", "--count=8", "refs/heads")
    tags = lines(
        "for-each-ref", "--format=%(refname:short)", "--sort=-creatordate", "--count=8", "refs/tags"
    )
    recent = lines("log", "--format=%h", "-n", "5")
    if not recent:
        return SourceError(
            f"unknown revision '{revision}': the repository has no commits yet",
            hint="commit first, or compare drafts or files",
        )
    known = [f"branches: {', '.join(branches)}" if branches else ""]
    known.append(f"tags: {', '.join(tags)}" if tags else "")
    known.append(f"latest commits: {', '.join(recent)}")
    listing = "; ".join(part for part in known if part)
    if shallow:
        return SourceError(
            f"revision '{revision}' is not in this shallow clone (its history is cut off)",
            hint=f"fetch more history with 'git fetch --unshallow' (or --deepen=N); {listing}",
        )
    return SourceError(f"unknown revision '{revision}'", hint=listing)

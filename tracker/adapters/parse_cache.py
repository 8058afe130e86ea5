"""The parse cache: what reading a package's files produced, kept between commands.

Every command reads the whole package. Reading is a pure function of each file's bytes, so, as git's
index and mypy's cache do, billtrack keeps what it read, keyed by the SHA-256 of the bytes:

- per file: the record read from it (a provision with its parsed body and the findings of its file
  alone, bill.yaml, order.yaml, a law file) and the findings of reading it;
- per package: every finding of the package, keyed by the digest of all the files' digests (with
  the findings of files that were refused), so a command on an unchanged package runs no check.

Files are read and hashed every time, so an entry is never stale: an edited file has a new digest
and is read again; the checks across files then run again on the records. The cache changes no
result, only how fast it comes: the same findings and outputs, byte for byte, with and without it.

Where it lives: ``$BILLTRACK_CACHE_DIR``, else ``$XDG_CACHE_HOME/billtrack``, else
``~/.cache/billtrack``; one file per package root, named by a hash of the root's resolved path.
Never inside the package (a cloned repository can plant nothing billtrack loads; a cache folder
that would lie inside the package is not used), and a file is loaded only if it belongs to the user
and only they can write it. ``BILLTRACK_CACHE=off`` turns it off. A missing, corrupt, truncated,
foreign or unwritable cache is a miss, never an error: the command reads the files as if there were
no cache. The file is written atomically (a temporary file renamed over it), and only when
something changed.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any, Generic, TypeVar

#: Turns the cache off when set to one of :data:`OFF`.
SWITCH_VARIABLE = "BILLTRACK_CACHE"
#: The folder of the cache files (else ``$XDG_CACHE_HOME/billtrack``, else ``~/.cache/billtrack``).
DIR_VARIABLE = "BILLTRACK_CACHE_DIR"
OFF = frozenset({"off", "0", "no", "false"})
#: Bumped whenever the layout of a cache file changes; a file of another format is a miss.
FORMAT = 1

T = TypeVar("T")


def cache_folder(root: Path) -> Path | None:
    """Where the cache files go, or None when the cache is off or the folder would lie inside the
    package at ``root`` (resolved)."""
    if os.environ.get(SWITCH_VARIABLE, "").strip().lower() in OFF:
        return None
    given = os.environ.get(DIR_VARIABLE, "").strip()
    if given:
        folder = Path(given)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
        folder = base / "billtrack"
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):
        return None
    if folder == root or root in folder.parents:
        return None
    return folder


def open_cache(root: Path, *, prefix: str = "") -> ParseCache:
    """The cache of the package at ``root`` (its findings' paths start with ``prefix``): loaded
    from its file when there is a usable one, else empty; a cache that keeps nothing when off."""
    try:
        resolved = root.resolve()
    except (OSError, RuntimeError):
        return ParseCache(None, "")
    folder = cache_folder(resolved)
    if folder is None:
        return ParseCache(None, "")
    identity = f"{resolved}\0{prefix}"
    name = hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    cache = ParseCache(folder / f"{name}.pickle", identity)
    cache.load()
    return cache


class ParseCache:
    """The entries of one package root. With no ``file`` it keeps nothing: every lookup computes."""

    def __init__(self, file: Path | None, identity: str) -> None:
        self.file = file
        self.identity = identity
        self._files: dict[tuple[str, str, str], Any] = {}  # (kind, path, sha256) -> result
        self._used: dict[tuple[str, str, str], Any] = {}
        self._packages: dict[bool, tuple[str, Any]] = {}  # drafting -> (key, package)
        self._derived: dict[str, tuple[str, Any]] = {}  # kind -> (key, value)
        self.package_digest = ""  # the key of the package last stored or found
        self._digests: dict[str, str] = {}
        self._changed = False

    @property
    def enabled(self) -> bool:
        return self.file is not None

    # Reading -----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the cache file; anything wrong with it leaves the cache empty (a miss)."""
        assert self.file is not None
        try:
            fd = os.open(self.file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return
        try:
            info = os.fstat(fd)
            if not _trusted(info):
                return
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read()
            content = _loads(data)
        except Exception:  # a corrupt, truncated or foreign file: any unpickling error is a miss
            return
        finally:
            os.close(fd)
        if not (
            isinstance(content, dict)
            and content.get("format") == FORMAT
            and content.get("code") == code_fingerprint()
            and content.get("identity") == self.identity
            and isinstance(content.get("files"), dict)
            and isinstance(content.get("packages"), dict)
            and isinstance(content.get("derived"), dict)
        ):
            return
        self._files = content["files"]
        self._packages = content["packages"]
        self._derived = content["derived"]

    def start(self) -> None:
        """Begin a load of the package's files: digests are worked out afresh (the files may have
        changed since the last load through this cache)."""
        self._digests = {}
        self._used = {}
        self.package_digest = ""

    def digest(self, name: str, data: bytes) -> str:
        """The SHA-256 of ``data``, the bytes of the file ``name`` (computed once per file)."""
        found = self._digests.get(name)
        if found is None:
            found = self._digests[name] = hashlib.sha256(data).hexdigest()
        return found

    def entry(self, kind: str, path: str, data: bytes, compute: Callable[..., T], *args: Any) -> T:
        """What ``compute(*args)`` gives for the file at ``path`` with bytes ``data``: kept, or
        worked out now and kept. ``kind`` says which reader ``compute`` is."""
        if self.file is None:
            return compute(*args)
        key = (kind, path, self.digest(path, data))
        if key in self._files:
            value = self._files[key]
        else:
            value = compute(*args)
            self._changed = True
        self._used[key] = value
        return value

    def package_key(self, files: Mapping[str, bytes], extra: Iterable[str]) -> str:
        """The digest of every file's name and digest, and of ``extra`` (settings, refusals)."""
        whole = hashlib.sha256()
        for name in sorted(files):
            whole.update(f"{name}\0{self.digest(name, files[name])}\n".encode("utf-8", "replace"))
        for item in extra:
            whole.update(f"{item}\n".encode("utf-8", "replace"))
        return whole.hexdigest()

    def package(self, key: str, *, drafting: bool) -> tuple[Any, bool] | None:
        """The package kept under ``key``: (what was stored, whether it holds the drafting
        findings). A package stored with them serves a command that does not want them."""
        if self.file is None:
            return None
        for kept_drafting in (drafting, True):
            kept = self._packages.get(kept_drafting)
            if kept is not None and kept[0] == key:
                self._used = dict(self._files)  # the same files: every entry is still theirs
                self.package_digest = key
                return kept[1], kept_drafting
        return None

    def store_package(self, key: str, value: Any, *, drafting: bool) -> None:
        if self.file is None:
            return
        self._packages = {
            d: kept for d, kept in self._packages.items() if kept[0] == key and d != drafting
        }
        self._packages[drafting] = (key, value)
        self.package_digest = key
        self._changed = True

    def derived(self, kind: str, compute: Callable[..., T], *args: Any) -> T:
        """What ``compute(*args)`` gives for the package last loaded through this cache (its
        arguments being that package and what else is a function of its files): kept under the
        package's key and the fingerprint of ``compute``'s code, or worked out now and kept."""
        if self.file is None or not self.package_digest:
            return compute(*args)
        key = f"{self.package_digest} {code_fingerprint((compute.__module__,))}"
        kept = self._derived.get(kind)
        if kept is not None and kept[0] == key:
            return kept[1]  # type: ignore[no-any-return]
        value = compute(*args)
        self._derived[kind] = (key, value)
        self._changed = True
        return value

    def entries(self, kind: str) -> Iterable[Any]:
        """The values of the entries of ``kind`` read or made in this process."""
        return (value for key, value in self._used.items() if key[0] == kind)

    # Writing -----------------------------------------------------------------------------------

    def save(self) -> None:
        """Write the entries used in this process (so entries of deleted or changed files go),
        atomically; nothing when nothing changed. A failure to write is silent: a miss next time."""
        if self.file is None or not (self._changed or len(self._used) != len(self._files)):
            return
        content = {
            "format": FORMAT,
            "code": code_fingerprint(),
            "identity": self.identity,
            "files": self._used,
            "packages": self._packages,
            "derived": self._derived,
        }
        folder = self.file.parent
        temp: str | None = None
        try:
            data = _dumps(content)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{self.file.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, self.file)
            temp = None
        except Exception:  # unwritable, full, unpicklable: the cache is only ever a shortcut
            return
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        self._files = self._used
        self._changed = False


def _trusted(info: os.stat_result) -> bool:
    """A cache file billtrack loads: a regular file of this user that no one else can write."""
    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


_FINGERPRINTS: dict[tuple[str, ...], str] = {}
_ROOT_MODULES = ("tracker.adapters.loader", "tracker.adapters.parse_cache")


def code_fingerprint(roots: tuple[str, ...] = _ROOT_MODULES) -> str:
    """A digest of billtrack's version and of the size and time of the source file of each module
    ``roots`` are built from (those modules and every tracker module they import, and theirs): an
    upgrade or an edit to that code retires every entry it made."""
    found = _FINGERPRINTS.get(roots)
    if found is not None:
        return found
    import tracker

    whole = hashlib.sha256(f"{tracker.__version__}\0{FORMAT}\n".encode())
    for module in _modules_of(roots):
        source = getattr(module, "__file__", None) or ""
        try:
            info = os.stat(source)
        except OSError:
            info = None
        size, time = (info.st_size, info.st_mtime_ns) if info else (-1, -1)
        whole.update(f"{module.__name__}\0{source}\0{size}\0{time}\n".encode())
    found = _FINGERPRINTS[roots] = whole.hexdigest()
    return found


def _modules_of(roots: tuple[str, ...]) -> list[ModuleType]:
    """The tracker modules ``roots`` import, directly or through others, sorted by name."""
    found: dict[str, ModuleType] = {}
    waiting = [sys.modules[name] for name in roots if name in sys.modules]
    while waiting:
        module = waiting.pop()
        if module.__name__ in found:
            continue
        found[module.__name__] = module
        for value in list(vars(module).values()):
            if isinstance(value, ModuleType):
                if hasattr(value, "__path__"):
                    continue  # a package: its attributes are whatever submodules ran so far
                name = value.__name__
            else:
                name = getattr(value, "__module__", None)
                if not isinstance(name, str) or not callable(value):
                    continue
            if name.startswith("tracker.") and name not in found and name in sys.modules:
                waiting.append(sys.modules[name])
    return [found[name] for name in sorted(found)]


# Pickling records ------------------------------------------------------------------------------
# The records are frozen dataclasses; some hold read-only mappings (MappingProxyType), which pickle
# refuses. Each record is stored as its class and field values and rebuilt through its constructor.

_BUILDERS: dict[type, Callable[[tuple[Any, ...]], Any]] = {}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    build = _BUILDERS.get(cls)
    if build is None:
        build = _BUILDERS[cls] = _builder(cls)
    return build(values)


def _builder(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """A function that calls ``cls`` with its fields' values, given in order: the constructor
    runs (``__post_init__`` too), and no mapping of keywords is made per record."""
    names = _init_fields(cls)
    arguments = ", ".join(f"{name}=values[{index}]" for index, name in enumerate(names))
    scope: dict[str, Any] = {"cls": cls}
    exec(f"def build(values):\n    return cls({arguments})\n", scope)  # names are identifiers
    return scope["build"]  # type: ignore[no-any-return]


def _init_fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return names


def _mapping(values: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(values)


def _reduce_record(record: Any) -> tuple[Any, ...]:
    cls = type(record)
    return _rebuild, (cls, tuple(getattr(record, name) for name in _init_fields(cls)))


def _reduce_mapping(mapping: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _mapping, (dict(mapping),)


_TABLES: list[dict[type, Any]] = []


def _dispatch_table() -> dict[type, Any]:
    """How records pickle: every dataclass of the modules the loader is built from by its class
    and field values, a read-only mapping as a mapping; the rest as pickle does it (so no Python
    function runs for the many dates, enums and strings)."""
    if not _TABLES:
        table: dict[type, Any] = dict(copyreg.dispatch_table)
        table[MappingProxyType] = _reduce_mapping
        for module in _modules_of(_ROOT_MODULES):
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and dataclasses.is_dataclass(value)
                    and value.__module__.startswith("tracker.")
                ):
                    table[value] = _reduce_record
        _TABLES.append(table)
    return _TABLES[0]


def _loads(data: bytes) -> Any:
    """Unpickle ``data`` with the cyclic garbage collector paused: the records hold no cycles, and
    a collection every few hundred of the hundred thousand objects made would double the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if paused:
            gc.enable()


def _dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(value)
    return buffer.getvalue()


class Deferred(Generic[T]):
    """A value kept in the cache as bytes of its own, read only when asked for (``value``): what
    most commands never need (a provision's parsed body) costs nothing to load."""

    __slots__ = ("_blob", "_value")

    def __init__(self, value: T) -> None:
        self._value: Any = value
        self._blob: bytes | None = None

    @property
    def value(self) -> T:
        if self._value is _UNREAD:
            self._value = _loads(self._blob or b"")
        return self._value  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[Any, ...]:
        if self._blob is None:
            self._blob = _dumps(self._value)
        return _deferred, (self._blob,)


_UNREAD = object()


def _deferred(blob: bytes) -> Deferred[Any]:
    kept: Deferred[Any] = Deferred(_UNREAD)
    kept._blob = blob
    return kept

"""Streaming import: a USLM file of about 200 MB, imported in bounded memory.

The file is generated (never committed): the omnibus appropriations act of the shared data
(hr2029-114/enr.xml, 4.2 MB), its divisions repeated inside one ``<main>`` with every division and
section renumbered so that each is unique. Peak memory is each child's maximum
resident set size, read from the kernel. The reference, in the same run: a bare
``lxml.etree.iterparse`` of the same file that clears as it goes (the floor of a streaming reader).

Three children, each a fresh interpreter: the reference; ``stream_package`` (reading the source
and writing the package, the streamed part); and the whole ``import_bill``, which then loads the
package back through the loader with ``billtrack check``'s rules and compiles its text for the
report (``--no-check`` leaves it out: at 200 MB it takes minutes).

Run from the repository root: python benchmarks/import_stream.py [MB] [--no-check]
Target: the ~200 MB file imports in under 1,024 MB peak.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
OMNIBUS = REPO.parent / "shared" / "data" / "bills" / "hr2029-114" / "enr.xml"
USLM = "{http://schemas.gpo.gov/xml/uslm}"
TARGET_MB = 1024

WRITE = r"""
import json, resource, sys, time
from pathlib import Path
from tracker.adapters.package_writer import stream_package
start = time.perf_counter()
streamed = stream_package(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "provisions": streamed.provisions, "sections": streamed.counts.get("section", 0),
    "words": sum(streamed.words.printed.values()),
}))
"""

IMPORT = r"""
import json, resource, sys, time
from pathlib import Path
from tracker.adapters.package_writer import import_bill
start = time.perf_counter()
result = import_bill(Path(sys.argv[1]), Path(sys.argv[2]))
report = result.report
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "provisions": report.provisions, "sections": report.counts.get("section", 0),
    "words": report.fidelity.source_words, "fidelity": report.fidelity.share,
    "findings": len(report.findings),
}))
"""

ITERPARSE = r"""
import json, resource, sys, time
from lxml import etree
start = time.perf_counter()
for _, element in etree.iterparse(sys.argv[1], resolve_entities=False, no_network=True):
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def generate(path: Path, megabytes: float) -> int:
    """Write a USLM bill of about ``megabytes`` MB to ``path``; return the number of copies."""
    root = etree.parse(str(OMNIBUS)).getroot()
    main = root.find(f"{USLM}main")
    assert main is not None
    divisions = [part for part in main if part.tag == f"{USLM}division"]
    for division in divisions:
        main.remove(division)
    marker = etree.SubElement(main, f"{USLM}billtrackMarker")
    etree.SubElement(marker, f"{USLM}p").text = "BILLTRACK-MARK"
    whole = etree.tostring(root, encoding="unicode")
    cut = whole.index("BILLTRACK-MARK")
    head, tail = (
        whole[: whole.rindex("<", 0, whole.rindex("<", 0, cut))],
        whole[whole.index(">", whole.index(">", cut) + 1) + 1 :],
    )
    copies = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(head)
        holder = etree.Element(f"{USLM}main", nsmap={None: USLM[1:-1]})
        while out.tell() < megabytes * 1e6 or not copies:
            for division in divisions:
                holder.append(_renumbered(division, copies))
                out.write(etree.tostring(holder[0], encoding="unicode"))
                holder.remove(holder[0])
            copies += 1
        out.write(tail)
    return copies


def _renumbered(division: etree._Element, number: int) -> etree._Element:
    """A copy of ``division`` whose division and section designations carry ``number``."""
    twin = copy.deepcopy(division)
    for level in twin.iter(f"{USLM}division", f"{USLM}section"):
        if any(a.tag == f"{USLM}quotedContent" for a in level.iterancestors()):
            continue
        num = level.find(f"{USLM}num")
        if number == 0 or num is None or not num.get("value"):
            continue
        old = num.get("value")
        new = f"{old}{_letters(number)}" if level.tag.endswith("division") else f"{number}{old}"
        num.set("value", new)
        if num.text and old in num.text:
            num.text = num.text.replace(old, new, 1)
    return twin


def _letters(number: int) -> str:
    """``A``, ``B``, ... ``Z``, ``AA`` ... for a copy's division suffix."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def child(script: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "BILLTRACK_MAX_INPUT_BYTES": str(2**31)}  # the file is genuine
    out = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, capture_output=True, text=True, env=env
    )
    if out.returncode:
        raise SystemExit(f"the child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if not OMNIBUS.is_file():
        print(f"{OMNIBUS} is absent: nothing to measure", file=sys.stderr)
        return 1
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    megabytes = float(args[0]) if args else 200.0
    full = "--no-check" not in sys.argv
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {os.getloadavg()[0]:.2f} load")
    with tempfile.TemporaryDirectory(prefix="billtrack-stream-") as folder:
        source = Path(folder) / "omnibus-repeated.xml"
        start = time.perf_counter()
        copies = generate(source, megabytes)
        size = source.stat().st_size / 1e6
        print(
            f"generated {size:.0f} MB ({copies} copies of the divisions of {OMNIBUS.name}) in "
            f"{time.perf_counter() - start:.1f} s\n"
        )
        floor = child(ITERPARSE, str(source))
        print(
            f"{'reference: lxml iterparse, clearing':<44} {floor['seconds']:7.1f} s {floor['peak_mb']:7.0f} MB peak"
        )
        write = child(WRITE, str(source), str(Path(folder) / "written"))
        print(
            f"{'read and write, streamed (stream_package)':<44} {write['seconds']:7.1f} s "
            f"{write['peak_mb']:7.0f} MB peak   {write['sections']:,.0f} sections, "
            f"{write['provisions']:,.0f} provisions, {write['words']:,.0f} words"
        )
        peak = write["peak_mb"]
        if full:
            run = child(IMPORT, str(source), str(Path(folder) / "pkg"))
            print(
                f"{'billtrack import (+ load back, check, text)':<44} {run['seconds']:7.1f} s "
                f"{run['peak_mb']:7.0f} MB peak   fidelity {run['fidelity'] * 100:.2f}%, "
                f"{run['findings']:,.0f} findings"
            )
            peak = run["peak_mb"]
    met = peak < TARGET_MB
    what = "the whole import" if full else "read and write (--no-check)"
    print(f"\ntarget: {what} under {TARGET_MB:,} MB peak: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

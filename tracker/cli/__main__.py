"""``python -m tracker.cli``: the billtrack command (git drivers run it this way)."""

from tracker.cli import main

main()

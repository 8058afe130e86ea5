"""The pure core: records, identifiers, numbering, checks, redlines and reports. No I/O."""

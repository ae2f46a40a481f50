"""IATI 2.0x (2.01, 2.02, 2.03): reading and writing, isolated from other versions."""

from __future__ import annotations

READ_VERSIONS = frozenset({"2.01", "2.02", "2.03"})
WRITE_VERSIONS = frozenset({"2.03"})  # the only schema shipped, so the only one we can verify

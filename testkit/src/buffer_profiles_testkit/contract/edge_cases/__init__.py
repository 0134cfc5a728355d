"""The explicit edge cases: derived from the spec (``cases``, ``forms``, ``values``), sent and judged, reported."""

"""Benchmark code behind ``coopdec bench ...`` and ``benchmarks/*.py`` (docs/benchmarks.md).

Kept out of the runtime packages: a benchmark sets Django up, drives the CLI and starts
servers, so it sits above every interface; nothing in the application imports it.
``search`` / ``datasette``: the search benchmark; ``iati`` / ``iati_data``: the IATI import's.
"""

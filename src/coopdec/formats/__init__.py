"""Interoperability with open standards: IATI XML, Frictionless Table Schema, iCalendar.

Pure logic: nothing here imports Django, so the readers and writers run in tests, in the CLI
and in benchmarks without a database.
"""

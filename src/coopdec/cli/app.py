"""Typer application: the list of commands (``coopdec --help``)."""

from __future__ import annotations

import typer

from coopdec.cli import (
    bench_commands,
    diagnostic_commands,
    exchange_commands,
    import_commands,
    project_commands,
    search_commands,
    setup_commands,
)

app = typer.Typer(
    name="coopdec",
    help="coopdec : la coopération décentralisée française — catalogue, assistant, données.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("init")(setup_commands.init)
app.command("serve")(setup_commands.serve)
app.command("stats")(setup_commands.stats)
app.command("check")(project_commands.check)
app.command("funding")(project_commands.funding)
app.command("document")(project_commands.document)
app.command("search")(search_commands.search)
app.command("diagnostic")(diagnostic_commands.diagnostic)
app.add_typer(bench_commands.bench_app, name="bench")
app.add_typer(exchange_commands.export_app, name="export")
app.add_typer(import_commands.import_app, name="import")
# `coopdec import iati` and `coopdec bench iati` live with the other exchange commands.
import_commands.import_app.command("iati")(exchange_commands.import_iati)
bench_commands.bench_app.command("iati")(exchange_commands.bench_iati)

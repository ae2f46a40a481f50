"""Typer application: the list of commands (``coopdec --help``)."""

from __future__ import annotations

import typer

from coopdec.cli import project_commands, setup_commands

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

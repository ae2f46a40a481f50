"""Typer application: the list of commands (``coopdec --help``)."""

from __future__ import annotations

import typer

from coopdec.cli import (
    account_commands,
    alerts_commands,
    bench_commands,
    contribution_commands,
    declaration_commands,
    diagnostic_commands,
    guide_commands,
    import_commands,
    opendata_commands,
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
app.command("backup")(setup_commands.backup)
app.command("restore")(setup_commands.restore)
app.command("doctor")(setup_commands.doctor)
app.command("check")(project_commands.check)
app.command("funding")(project_commands.funding)
app.command("document")(project_commands.document)
app.command("search")(search_commands.search)
app.command("diagnostic")(diagnostic_commands.diagnostic)
app.command("createadmin")(account_commands.createadmin)
app.command("cleanup")(account_commands.cleanup)
app.add_typer(account_commands.member_app, name="member")
app.add_typer(alerts_commands.alerts_app, name="alerts")
app.add_typer(bench_commands.bench_app, name="bench")
app.add_typer(declaration_commands.declaration_app, name="declaration")
app.add_typer(opendata_commands.export_app, name="export")
app.add_typer(import_commands.import_app, name="import")
app.add_typer(guide_commands.guide_app, name="guide")
app.add_typer(contribution_commands.contributions_app, name="contributions")
# `coopdec import iati` and `coopdec bench iati` live with the other open-data commands.
import_commands.import_app.command("iati")(opendata_commands.import_iati)
bench_commands.bench_app.command("iati")(opendata_commands.bench_iati)

"""``coopdec guide build`` and ``coopdec guide search``: the guide's publications and search.

No database needed: the pages ship with the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console()
err = Console(stderr=True)

guide_app = typer.Typer(help="Le guide : publications (PDF, EPUB, synthèse) et recherche.")

LangOpt = Annotated[str, typer.Option("--lang", help="Langue : fr ou en.")]


def _django() -> None:
    # The services use Django's URL resolver and translations; no database connection.
    from coopdec.bootstrap import setup_django

    setup_django(check_connection=False)


@guide_app.command("build")
def build(
    output: Annotated[Path, typer.Option("-o", "--output", help="Fichier à écrire.")],
    fmt: Annotated[
        str, typer.Option("--format", help="pdf (guide complet) | epub | synthesis (4 pages).")
    ] = "pdf",
    lang: LangOpt = "fr",
) -> None:
    """Produire le guide complet (PDF ou EPUB 3) ou sa synthèse de 4 pages."""
    _django()
    from coopdec.guide import publications

    if fmt not in publications.FORMATS:
        err.print(
            f"coopdec : format inconnu « {fmt} » (attendus : {', '.join(publications.FORMATS)})"
        )
        raise typer.Exit(2)
    edition = publications.build(fmt, lang)
    output.write_bytes(edition.content)
    out.print(
        f"{output} : {fmt}, {len(edition.content)} octets, version {edition.version} "
        f"du {edition.date.isoformat()}",
        highlight=False,
    )


@guide_app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="Mots à chercher.")], lang: LangOpt = "fr"
) -> None:
    """Chercher dans les sections du guide."""
    _django()
    from coopdec.guide import services

    hits = services.search(query, lang)
    if not hits:
        out.print("Aucune section trouvée.")
    for hit in hits:
        out.print(
            f"{services.page_url(hit.page_id, hit.anchor)}  {hit.section_title} — {hit.page_title}",
            highlight=False,
        )

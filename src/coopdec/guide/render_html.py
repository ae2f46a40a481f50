"""Guide blocks to HTML for the web reader (pure: the links come from a resolver).

Every piece of content text is escaped; the only markup is the one written here, with DSFR
classes. No inline style or script (the site's Content-Security-Policy forbids both).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Protocol

from coopdec.guide.markup import Block, Span


@dataclass(frozen=True)
class Link:
    url: str
    label: str


class Resolver(Protocol):
    """Turns a reference of the content into a link (URL and default label)."""

    def resolve(self, kind: str, target: str) -> Link: ...

    def uncertain_label(self) -> str: ...

    def anchor_label(self, title: str) -> str: ...


def render_spans(spans: tuple[Span, ...], resolver: Resolver) -> str:
    out = []
    for span in spans:
        if span.kind == "text":
            out.append(escape(span.text))
        elif span.kind == "strong":
            out.append(f"<strong>{escape(span.text)}</strong>")
        elif span.kind == "em":
            out.append(f"<em>{escape(span.text)}</em>")
        elif span.kind == "link":
            out.append(
                f'<a href="{escape(span.target)}" rel="noopener" data-source="">'
                f"{escape(span.text)}</a>"
            )
        else:
            kind, _, target = span.target.partition(":")
            if kind == "uncertain":
                out.append(
                    '<span class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon" '
                    f'data-uncertain="">{escape(resolver.uncertain_label())}</span>'
                )
                continue
            link = resolver.resolve(kind, target)
            if kind == "rule" and not span.text:
                label = f"<code>{escape(target)}</code>"
            else:
                label = escape(span.text or link.label)
            # Programme names come from the funding data, written in French.
            lang = ' lang="fr"' if kind == "programme" and not span.text else ""
            if link.url:
                out.append(
                    f'<a href="{escape(link.url)}" data-ref="{escape(span.target)}"{lang}>'
                    f"{label}</a>"
                )
            else:  # a reference with no address in this output (a theme in the EPUB)
                out.append(f'<span data-ref="{escape(span.target)}">{label}</span>')
    return "".join(out)


def render_block(block: Block, resolver: Resolver) -> str:
    if block.kind == "heading":
        title = render_spans(block.spans, resolver)
        plain = "".join(s.text for s in block.spans)
        tag = f"h{block.level}"
        return (
            f'<{tag} id="{block.anchor}" class="coopdec-guide-heading">{title} '
            f'<a class="coopdec-guide-anchor" href="#{block.anchor}" '
            f'aria-label="{escape(resolver.anchor_label(plain))}">#</a></{tag}>'
        )
    if block.kind == "para":
        return f"<p>{render_spans(block.spans, resolver)}</p>"
    if block.kind == "callout":
        return (
            '<div class="fr-callout"><p class="fr-callout__text">'
            f"{render_spans(block.spans, resolver)}</p></div>"
        )
    if block.kind in ("list", "olist", "checklist"):
        tag = "ol" if block.kind == "olist" else "ul"
        css = ' class="coopdec-checklist"' if block.kind == "checklist" else ""
        items = "".join(f"<li>{render_spans(item, resolver)}</li>" for item in block.items)
        return f"<{tag}{css}>{items}</{tag}>"
    if block.kind == "table":
        head, *body = block.rows
        header = "".join(f'<th scope="col">{render_spans(c, resolver)}</th>' for c in head)
        rows = "".join(
            "<tr>" + "".join(f"<td>{render_spans(c, resolver)}</td>" for c in row) + "</tr>"
            for row in body
        )
        return (
            '<div class="fr-table fr-table--no-caption"><table>'
            f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div>"
        )
    raise ValueError(f"unknown block kind {block.kind!r}")


def render_blocks(blocks: tuple[Block, ...], resolver: Resolver) -> str:
    return "\n".join(render_block(block, resolver) for block in blocks)

"""Words for the scores' reasons and the names they carry, in the reader's language.

The scores (``coopdec.recommendations``) give codes and figures; this module writes them as the
sentences an elected official reads ("12 des 40 communes de 10 000 à 49 999 habitants de
Bretagne qui agissent à l'international y travaillent"). Sentences say "y" (there) rather
than naming the country: they are shown under the country's name, and French country names
each want their own preposition.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from coopdec.recommendations import Reason
from coopdec.recommendations import reasons as R

from .snapshot import Labels


def english() -> bool:
    return (get_language() or "fr").startswith("en")


def number(value: int) -> str:
    return number_format(value, force_grouping=True)


# Translated when read (one look-up for the kind asked, not one per kind).
_PLURALS = {
    "commune": gettext_noop("communes"),
    "epci": gettext_noop("EPCI"),
    "ept": gettext_noop("établissements publics territoriaux"),
    "departement": gettext_noop("départements"),
    "region": gettext_noop("régions"),
    "collectivite_particuliere": gettext_noop("collectivités à statut particulier"),
}
_LABELS = {
    "commune": gettext_noop("commune"),
    "epci": gettext_noop("EPCI"),
    "ept": gettext_noop("établissement public territorial"),
    "departement": gettext_noop("département"),
    "region": gettext_noop("région"),
    "collectivite_particuliere": gettext_noop("collectivité à statut particulier"),
    "syndicat": gettext_noop("syndicat"),
    "groupement": gettext_noop("groupement"),
}


def kind_plural(kind: str) -> str:
    return _(_PLURALS[kind]) if kind in _PLURALS else kind


def kind_label(kind: str) -> str:
    return _(_LABELS[kind]) if kind in _LABELS else kind


def band_text(band: dict[str, object] | None, kind: str) -> str:
    """ "communes de 10 000 à 49 999 habitants", "régions de 4 000 000 habitants et plus"."""
    if band is None:
        return _band_text(kind, None, None, get_language())
    return _band_text(kind, band.get("low"), band.get("high"), get_language())


# A diagnostic words the same few bands dozens of times (once per reason): kept per language.
@lru_cache(maxsize=512)
def _band_text(kind: str, low: object, high: object, language: str | None) -> str:
    plural = kind_plural(kind)
    if low is None:
        return _("%(kind)s (population inconnue : toutes tailles)") % {"kind": plural}
    assert isinstance(low, int)  # noqa: S101 (built by recommendations.bands)
    if high is None and low == 0:
        return plural
    if high is None:
        return _("%(kind)s de %(low)s habitants et plus") % {"kind": plural, "low": number(low)}
    assert isinstance(high, int)  # noqa: S101
    if low == 0:
        return _("%(kind)s de moins de %(high)s habitants") % {
            "kind": plural,
            "high": number(high),
        }
    return _("%(kind)s de %(low)s à %(high)s habitants") % {
        "kind": plural,
        "low": number(low),
        "high": number(high - 1),
    }


class Namer:
    """Names of countries, themes, régions and départements in the active language."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.en = english()

    def country(self, iso2: str) -> str:
        names = self.labels.countries.get(iso2)
        return (names[1] if self.en else names[0]) if names else iso2

    def theme(self, code: str) -> str:
        names = self.labels.themes.get(code)
        return (names[1] if self.en else names[0]) if names else code

    def goal(self, number_: int) -> str:
        names = self.labels.goals.get(number_)
        return (names[1] if self.en else names[0]) if names else str(number_)

    def region(self, code: str | None) -> str:
        return self.labels.regions.get(code or "", code or "")

    def departement(self, code: str | None) -> str:
        return self.labels.departements.get(code or "", code or "")


def reason_text(reason: Reason, namer: Namer, kind: str) -> str:
    """One reason as a sentence."""
    p = reason.params
    count = int(str(p.get("count", 0)))
    figures = {"count": number(count), "active": number(int(str(p.get("active", 0))))}
    band = p.get("band") if isinstance(p.get("band"), dict) else None
    peers = band_text(band, kind)  # type: ignore[arg-type]
    if reason.code == R.PEERS_IN_REGION:
        return ngettext(
            "%(count)s des %(active)s %(peers)s de la région %(region)s qui agissent à "
            "l'international y travaille.",
            "%(count)s des %(active)s %(peers)s de la région %(region)s qui agissent à "
            "l'international y travaillent.",
            count,
        ) % {**figures, "peers": peers, "region": namer.region(str(p.get("region")))}
    if reason.code == R.PEERS_NATIONWIDE:
        return ngettext(
            "%(count)s des %(active)s %(peers)s de France qui agissent à l'international y "
            "travaille.",
            "%(count)s des %(active)s %(peers)s de France qui agissent à l'international y "
            "travaillent.",
            count,
        ) % {**figures, "peers": peers}
    if reason.code == R.COVERING_LINK:
        return _(
            "%(authority)s (%(kind)s dont vous faites partie) y a déjà un partenariat, "
            "avec %(partner)s."
        ) % {
            "authority": p.get("authority"),
            "kind": kind_label(str(p.get("authority_kind"))),
            "partner": p.get("partner"),
        }
    if reason.code == R.COVERED_LINKS:
        return (
            ngettext(
                "%(count)s des %(active)s collectivités de votre territoire qui agissent à "
                "l'international y travaille.",
                "%(count)s des %(active)s collectivités de votre territoire qui agissent à "
                "l'international y travaillent.",
                count,
            )
            % figures
        )
    if reason.code == R.NEIGHBOURS:
        return ngettext(
            "%(count)s des %(active)s autres collectivités du département %(departement)s qui "
            "agissent à l'international y travaille.",
            "%(count)s des %(active)s autres collectivités du département %(departement)s qui "
            "agissent à l'international y travaillent.",
            count,
        ) % {**figures, "departement": namer.departement(str(p.get("departement")))}
    if reason.code == R.CO_OCCURRENCE:
        return _(
            "Parmi les collectivités qui ont un partenaire dans un pays où vous agissez déjà "
            "(%(known)s), %(percent)s %% en ont aussi un ici."
        ) % {"known": namer.country(str(p.get("known"))), "percent": p.get("percent")}
    if reason.code == R.THEMES_THERE:
        themes = p.get("themes")
        names = ", ".join(namer.theme(t) for t in themes) if isinstance(themes, list) else ""
        return ngettext(
            "%(count)s action des %(peers)s y porte sur vos thèmes (%(themes)s).",
            "%(count)s actions des %(peers)s y portent sur vos thèmes (%(themes)s).",
            count,
        ) % {**figures, "peers": peers, "themes": names}
    if reason.code == R.KIND_POPULARITY:
        return ngettext(
            "%(count)s %(kind)s en tout y a un partenariat.",
            "%(count)s %(kind)s en tout y ont un partenariat.",
            count,
        ) % {**figures, "kind": kind_plural(kind)}
    return peer_reason_text(reason, namer)


def peer_reason_text(reason: Reason, namer: Namer) -> str:
    """The facts that make a peer similar, as short phrases."""
    p = reason.params
    if reason.code == R.SAME_DEPARTEMENT:
        return _("même département (%(name)s)") % {
            "name": namer.departement(str(p.get("departement")))
        }
    if reason.code == R.SAME_REGION:
        return _("même région (%(name)s)") % {"name": namer.region(str(p.get("region")))}
    if reason.code == R.SAME_BAND:
        return _("même tranche de population")
    countries = p.get("countries")
    if reason.code == R.SHARED_COUNTRIES and isinstance(countries, list):
        return _("pays en commun : %(names)s") % {
            "names": ", ".join(namer.country(c) for c in countries)
        }
    themes = p.get("themes")
    if reason.code == R.SHARED_THEMES and isinstance(themes, list):
        return _("thèmes en commun : %(names)s") % {
            "names": ", ".join(namer.theme(t) for t in themes)
        }
    return reason.code

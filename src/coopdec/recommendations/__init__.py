"""Recommendations that explain themselves (pure logic, no Django).

From an in-memory view of the catalogue (who acts where, on what, since when), this package
finds the authorities like a given French authority (same kind, same size band, close by, the
same countries and themes) and scores the countries worth considering. Every result carries
its reasons as data (:class:`Reason`: a code and the figures behind it), which the service
layer words in French or English: no score without the facts that made it.

Public API::

    Catalogue(authorities, actions, covering)        the view the scores read
    size_band(kind, population) -> Band               the population band of an authority
    peer_summary(catalogue, authority) -> PeerSummary how many peers act, where, on what
    similar_authorities(catalogue, authority, ...)   "authorities like yours", with reasons
    recommend_countries(catalogue, authority, ...)   "countries to consider", with reasons
    popularity_ranking(catalogue, authority)          the baseline the evaluation compares to
"""

from __future__ import annotations

from .bands import Band, size_band
from .baselines import popularity_ranking, random_recall
from .countries import CountryScore, recommend_countries
from .model import Action, Authority, Catalogue, Partner
from .peers import PeerScore, PeerSummary, peer_summary, similar_authorities
from .reasons import Reason

__all__ = [
    "Action",
    "Authority",
    "Band",
    "Catalogue",
    "CountryScore",
    "Partner",
    "PeerScore",
    "PeerSummary",
    "Reason",
    "peer_summary",
    "popularity_ranking",
    "random_recall",
    "recommend_countries",
    "similar_authorities",
    "size_band",
]

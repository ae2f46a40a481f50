"""The pure scores: peers by kind and band, countries with the facts behind them, no leak."""

from __future__ import annotations

from coopdec.recommendations import (
    Action,
    Authority,
    Catalogue,
    Partner,
    peer_summary,
    popularity_ranking,
    random_recall,
    recommend_countries,
    similar_authorities,
    size_band,
)
from coopdec.recommendations import reasons as R


def authority(aid: int, kind: str, population: int | None, dep: str, region: str) -> Authority:
    return Authority(aid, kind, f"C{aid}", f"Ville {aid}", population, dep, region, "metro")


def action(key: int, authorities: tuple[int, ...], country: str, *themes: str) -> Action:
    partner = Partner(f"Partenaire {key}", country)
    return Action(
        key=f"partnership:{key}",
        kind="partnership",
        id=key,
        title=f"Partenariat {key}",
        authorities=authorities,
        partners=(partner,),
        countries=frozenset({country}),
        themes=frozenset(themes),
    )


def small_catalogue() -> Catalogue:
    """Bretagne (53): four communes of 10 000-49 999, one of them in a département (29)
    that works in Senegal; one big city; elsewhere (84) a commune of the same band."""
    authorities = [
        authority(1, "commune", 20_000, "29", "53"),  # the one we diagnose
        authority(2, "commune", 15_000, "29", "53"),
        authority(3, "commune", 30_000, "35", "53"),
        authority(4, "commune", 12_000, "56", "53"),
        authority(5, "commune", 200_000, "35", "53"),  # other band
        authority(6, "commune", 25_000, "69", "84"),
        Authority(10, "departement", "29", "Finistère", 900_000, "29", "53", "metro"),
        Authority(11, "region", "53", "Bretagne", 3_400_000, None, "53", "metro"),
    ]
    actions = [
        action(1, (1,), "DE", "culture_patrimoine"),
        action(2, (2,), "DE"),
        action(3, (2,), "SN", "eau_assainissement"),
        action(4, (3,), "SN", "eau_assainissement"),
        action(5, (4,), "GB"),
        action(6, (5,), "US"),
        action(7, (6,), "IT"),
        action(8, (10,), "SN"),
        action(9, (3, 6), "DE"),
    ]
    covering = {1: (10, 11), 2: (10, 11), 3: (11,), 4: (11,), 5: (11,), 10: (11,)}
    return Catalogue(authorities, actions, covering)


def test_bands_are_stated_by_kind_with_their_bounds() -> None:
    band = size_band("commune", 20_000)
    assert band is not None and (band.low, band.high) == (10_000, 50_000)
    assert size_band("commune", None) is None
    top = size_band("region", 12_000_000)
    assert top is not None and top.high is None
    corse = size_band("collectivite_particuliere", 355_000)
    assert corse is not None and corse.kind == "region"


def test_peer_summary_counts_peers_of_the_band_in_the_region_and_nationwide() -> None:
    catalogue = small_catalogue()
    summary = peer_summary(catalogue, catalogue.authorities[1])
    assert summary.region is not None
    assert (summary.region.peers, summary.region.active) == (3, 3)  # 2, 3, 4 (not 5: band)
    assert (summary.national.peers, summary.national.active) == (4, 4)  # and 6
    assert dict(summary.region.countries) == {"DE": 2, "SN": 2, "GB": 1}
    assert dict(summary.national.countries)["IT"] == 1


def test_similar_authorities_put_the_same_departement_and_countries_first() -> None:
    catalogue = small_catalogue()
    found = similar_authorities(catalogue, catalogue.authorities[1])
    assert [p.authority.id for p in found][:1] == [2]
    codes = {r.code for r in found[0].reasons}
    assert {R.SAME_DEPARTEMENT, R.SHARED_COUNTRIES, R.SAME_BAND} <= codes
    assert 5 not in {p.authority.id for p in found}  # another band


def test_every_recommended_country_carries_the_facts_that_made_its_score() -> None:
    catalogue = small_catalogue()
    ranked = recommend_countries(catalogue, catalogue.authorities[1])
    assert ranked[0].country == "SN"
    assert "DE" not in {s.country for s in ranked}  # already a partner country
    senegal = ranked[0]
    codes = {r.code for r in senegal.reasons}
    assert {R.PEERS_IN_REGION, R.COVERING_LINK, R.NEIGHBOURS} <= codes
    covering = next(r for r in senegal.reasons if r.code == R.COVERING_LINK)
    assert covering.params["authority"] == "Finistère"
    assert covering.params["partner"] == "Partenaire 8"
    in_region = next(r for r in senegal.reasons if r.code == R.PEERS_IN_REGION)
    assert (in_region.params["count"], in_region.params["active"]) == (2, 3)
    assert abs(senegal.score - sum(r.weight for r in senegal.reasons)) < 1e-9
    assert ("Partenaire 8", "Finistère") in senegal.partners


def test_mandate_themes_bring_the_countries_where_peers_work_on_them() -> None:
    catalogue = small_catalogue()
    plain = recommend_countries(catalogue, catalogue.authorities[4])
    water = recommend_countries(
        catalogue, catalogue.authorities[4], themes=frozenset({"eau_assainissement"})
    )
    plain_sn = next(s for s in plain if s.country == "SN")
    water_sn = next(s for s in water if s.country == "SN")
    assert water_sn.score > plain_sn.score
    theme_reason = next(r for r in water_sn.reasons if r.code == R.THEMES_THERE)
    assert theme_reason.params["themes"] == ["eau_assainissement"]


def test_an_authority_without_action_still_gets_reasoned_countries() -> None:
    catalogue = small_catalogue()
    newcomer = Authority(20, "commune", "C20", "Nouvelle", 18_000, "29", "53", "metro")
    view = Catalogue([*catalogue.authorities.values(), newcomer], catalogue.actions.values(), {})
    ranked = recommend_countries(view, newcomer)
    assert ranked and all(s.reasons for s in ranked)


def test_hiding_actions_removes_every_trace_of_them() -> None:
    catalogue = small_catalogue()
    view = catalogue.hide(["partnership:9"])  # 3 and 6 together in Germany
    assert view.countries_of(3) == frozenset({"SN"})
    assert view.countries_of(6) == frozenset({"IT"})
    assert 3 not in view.acting_in("DE") and 6 not in view.acting_in("DE")
    assert catalogue.countries_of(3) == frozenset({"SN", "DE"})  # the original is untouched
    gone = view.hide(["partnership:7"])
    assert 6 not in gone.active("commune")


def test_popularity_baseline_and_random_expectation() -> None:
    catalogue = small_catalogue()
    ranking = popularity_ranking(catalogue, catalogue.authorities[4])
    assert ranking[0] == "DE" and "GB" not in ranking
    assert random_recall(20, 5) == 0.25 and random_recall(3, 10) == 1.0


def test_hidden_views_adjust_the_pair_counts_as_a_fresh_count_would() -> None:
    catalogue = small_catalogue()
    catalogue.pairs()
    view = catalogue.hide(["partnership:9", "partnership:3"])
    fresh = Catalogue(catalogue.authorities.values(), view.actions.values(), catalogue.covering)
    clean = {c: {o: n for o, n in row.items() if n} for c, row in view.pairs().items()}
    assert {c: row for c, row in clean.items() if row} == {
        c: dict(row) for c, row in fresh.pairs().items()
    }

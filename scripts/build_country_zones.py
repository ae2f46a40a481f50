"""Build src/coopdec/data/countries/zones.csv: the catalogue's browsing zone of each country.

Run from the repository root with the shared data beside it:
    python scripts/build_country_zones.py ../shared/data/world_geo/ne_110m_admin_0_countries.json

Reasoning (also in docs/data.md): start from the UN M49 sub-region carried by Natural Earth,
then follow the groupings French cooperation uses: the Caucasus, Cyprus and Turkey go with
Europe; Iran goes with the Near and Middle East; Egypt and the Maghreb (with Western Sahara)
form Afrique du Nord; Sudan and Mauritania stay with sub-Saharan Africa. Countries missing from
the 110m geometry (small islands, micro-states) are listed by hand below.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ZONES = {
    "afrique_subsaharienne": "Afrique subsaharienne",
    "afrique_nord": "Afrique du Nord",
    "proche_moyen_orient": "Proche et Moyen-Orient",
    "asie_oceanie": "Asie et Océanie",
    "ameriques_caraibes": "Amériques et Caraïbes",
    "europe": "Europe",
}
NORTH_AFRICA = {"DZ", "EG", "LY", "MA", "TN", "EH"}
EUROPE_FROM_ASIA = {"AM", "AZ", "GE", "CY", "TR"}
MIDDLE_EAST_EXTRA = {"IR"}
NO_ZONE = {"AQ", "BV", "HM", "GS", "TF", "UM", "IO"}
BY_HAND = {
    "afrique_subsaharienne": "CV KM MU YT RE SH ST SC",
    "proche_moyen_orient": "BH",
    "asie_oceanie": "AS CX CC CK PF GU HK KI MO MV MH FM NR NU NF MP PW PN SG TK TO TV WF WS",
    "ameriques_caraibes": "AI AG AW BB BM KY DM GF GD GP MQ MS KN LC PM VC TC VG VI BQ CW BL MF SX",
    "europe": "AD FO GI VA LI MT MC NO SM SJ AX GG IM JE",
}


def zone_of(iso2: str, region: str, subregion: str) -> str:
    if iso2 in NO_ZONE:
        return ""
    if iso2 in NORTH_AFRICA:
        return "afrique_nord"
    if iso2 in EUROPE_FROM_ASIA or region == "Europe":
        return "europe"
    if iso2 in MIDDLE_EAST_EXTRA or subregion == "Western Asia":
        return "proche_moyen_orient"
    if region == "Africa":
        return "afrique_subsaharienne"
    if region == "Americas":
        return "ameriques_caraibes"
    if region in {"Asia", "Oceania"}:
        return "asie_oceanie"
    return ""


def main(ne_path: str) -> None:
    root = Path(__file__).resolve().parents[1]
    codes = json.loads((root / "src/coopdec/data/countries/codes.json").read_text())
    features = json.loads(Path(ne_path).read_text())["features"]
    by_iso: dict[str, tuple[str, str]] = {}
    for feature in features:
        props = feature["properties"]
        iso2 = props["ISO_A2"] if props["ISO_A2"] != "-99" else props["WB_A2"]
        by_iso[iso2] = (props["REGION_UN"], props["SUBREGION"])
    hand = {iso: zone for zone, isos in BY_HAND.items() for iso in isos.split()}
    rows = []
    for iso2, *_ in codes:
        if iso2 in hand:
            zone = hand[iso2]
        elif iso2 in by_iso:
            zone = zone_of(iso2, *by_iso[iso2])
        elif iso2 in NO_ZONE:
            zone = ""
        else:
            raise SystemExit(f"no zone rule for {iso2}")
        rows.append((iso2, zone))
    out = root / "src/coopdec/data/countries/zones.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["iso2", "zone"])
        writer.writerows(sorted(rows))
    print(f"{out}: {len(rows)} countries")


if __name__ == "__main__":
    main(sys.argv[1])

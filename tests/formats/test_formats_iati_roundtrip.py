"""Property: generated activities -> write -> read -> write gives identical, XSD-valid XML."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from iati_factories import GENERATED

from coopdec.formats import iati
from coopdec.formats.iati import model as m

# XML 1.0 cannot carry control characters; the reader strips narratives, so generated texts
# are already stripped (that is the canonical form the round trip preserves).
_text = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
_code = st.from_regex(r"\A[A-Z0-9]{1,8}\Z")
_lang = st.sampled_from(["fr", "en", "es"])
_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
_amount = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)
_percentage = st.none() | st.decimals(min_value=0, max_value=100, places=2)
_narratives = st.lists(st.builds(m.Narrative, text=_text, lang=_lang), min_size=1, max_size=3).map(
    tuple
)
_optional_narratives = st.just(()) | _narratives
_money = st.builds(m.Money, value=_amount, value_date=_dates, currency=st.none() | st.just("EUR"))
_org = st.builds(
    m.OrganisationRef, ref=_code, type=st.sampled_from(["11", "21", "40"]), narratives=_narratives
)
_party = st.builds(
    m.TransactionOrg,
    ref=st.none() | _code,
    type=st.none() | st.just("11"),
    activity_id=st.none() | _code,
    narratives=_optional_narratives,
)


def _tuples(
    strategy: st.SearchStrategy[object], max_size: int = 3
) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


_activities = st.builds(
    m.Activity,
    iati_identifier=_code.map(lambda c: "FR-TEST-" + c),
    reporting_org=_org,
    title=_narratives,
    descriptions=st.lists(
        st.builds(m.Description, narratives=_narratives, type=st.none() | st.sampled_from("123")),
        min_size=1,
        max_size=2,
    ).map(tuple),
    participating_orgs=st.lists(
        st.builds(
            m.ParticipatingOrg,
            role=st.sampled_from("1234"),
            ref=st.none() | _code,
            type=st.none() | st.just("11"),
            activity_id=st.none() | _code,
            narratives=_optional_narratives,
        ),
        min_size=1,
        max_size=3,
    ).map(tuple),
    activity_status=st.sampled_from("123456"),
    activity_dates=st.lists(
        st.builds(m.ActivityDate, type=st.sampled_from("1234"), iso_date=_dates),
        min_size=1,
        max_size=4,
    ).map(tuple),
    contacts=_tuples(
        st.builds(
            m.ContactInfo,
            type=st.none() | st.just("1"),
            organisation=_optional_narratives,
            person_name=_optional_narratives,
            emails=_tuples(st.emails()),
            mailing_address=_optional_narratives,
        ),
        max_size=2,
    ),
    recipient_countries=_tuples(
        st.builds(
            m.RecipientCountry, code=st.sampled_from(["SN", "ML", "VN"]), percentage=_percentage
        )
    ),
    recipient_regions=_tuples(
        st.builds(m.RecipientRegion, code=st.sampled_from(["289", "298"]), percentage=_percentage)
    ),
    locations=_tuples(
        st.builds(
            m.Location,
            ref=st.none() | _code,
            name=_optional_narratives,
            point=st.none()
            | st.builds(
                m.Point,
                latitude=st.decimals(min_value=-90, max_value=90, places=4),
                longitude=st.decimals(min_value=-180, max_value=180, places=4),
            ),
        )
    ),
    sectors=_tuples(
        st.builds(
            m.Sector,
            code=st.sampled_from(["14030", "15110", "6", "6.1"]),
            vocabulary=st.sampled_from(["1", "7", "8"]),
            percentage=_percentage,
        )
    ),
    tags=_tuples(
        st.builds(
            m.Tag,
            code=st.sampled_from(["6", "6.1", "11.3"]),
            vocabulary=st.sampled_from("23"),
            narratives=_optional_narratives,
        )
    ),
    budgets=_tuples(
        st.builds(
            m.Budget,
            period_start=_dates,
            period_end=_dates,
            value=_money,
            type=st.none() | st.just("1"),
            status=st.none() | st.just("2"),
        )
    ),
    transactions=_tuples(
        st.builds(
            m.Transaction,
            type=st.sampled_from(["1", "2", "3", "4"]),
            date=_dates,
            value=_money,
            ref=st.none() | _code,
            description=_optional_narratives,
            provider=st.none() | _party,
            receiver=st.none() | _party,
        )
    ),
    document_links=_tuples(
        st.builds(
            m.DocumentLink,
            url=st.just("https://example.org/doc.pdf"),
            format=st.just("application/pdf"),
            title=_narratives,
            categories=st.lists(st.sampled_from(["A01", "A02"]), min_size=1, max_size=2).map(tuple),
            languages=_tuples(_lang),
            document_date=st.none() | _dates,
        ),
        max_size=2,
    ),
    default_currency=st.none() | st.just("EUR"),
    language=st.none() | _lang,
    last_updated=st.none()
    | st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2050, 1, 1), timezones=st.just(UTC)
    ),
)


def _write(activities: list[m.Activity]) -> bytes:
    out = io.BytesIO()
    iati.write_activities(activities, out, generated_datetime=GENERATED)
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_activities, min_size=1, max_size=3))
def test_write_read_write_is_identical_and_valid(activities: list[m.Activity]) -> None:
    first = _write(activities)
    assert iati.validate_activities(io.BytesIO(first)) == []
    read_back = list(iati.iter_activities(io.BytesIO(first)))
    assert read_back == activities
    assert _write(read_back) == first

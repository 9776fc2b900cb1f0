import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import UserFactory
from carelead.organisations.models import CqcRating, OrganisationKind, OversightSegment, Succession
from carelead.organisations.tests.factories import OrganisationFactory, TrustFactory
from carelead.people.models import EqualityMonitoring
from carelead.people.tests.factories import EmploymentFactory, PersonFactory

EQUALITY_NAME = re.compile(r"ethnic|sex|gender|disab|religio|orientation", re.IGNORECASE)


# Health -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_is_public_and_reports_the_database_ok(api_client):
    response = api_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_unreachable(api_client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = api_client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


# OpenAPI document and docs page -----------------------------------------------------------


def _openapi(client) -> dict:
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.django_db
def test_openapi_document_is_public_json_listing_every_endpoint(client):
    document = _openapi(client)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= {
        "/api/v1/health",
        "/api/v1/organisations/",
        "/api/v1/organisations/{ods_code}/",
        "/api/v1/people/",
        "/api/v1/people/{person_number}/",
        "/api/v1/employments/",
    }
    assert "tokenAuth" in document["components"]["securitySchemes"]


@pytest.mark.django_db
def test_openapi_document_is_valid_and_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))


@pytest.mark.django_db
def test_openapi_document_ignores_a_wrong_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api_client.get(reverse("api:docs")).status_code == 200


def _walk_names(node):
    """Every property and parameter name anywhere in an OpenAPI document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            if key == "parameters" and isinstance(value, list):
                yield from (p.get("name", "") for p in value if isinstance(p, dict))
            yield from _walk_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_names(item)


@pytest.mark.django_db
def test_no_field_or_parameter_in_the_api_is_equality_monitoring(client):
    names = set(_walk_names(_openapi(client)))
    assert "person_number" in names  # the walk does reach the people schemas
    assert not {n for n in names if EQUALITY_NAME.search(n)}


@pytest.mark.django_db
def test_docs_page_is_public_and_describes_auth_endpoints_and_the_document(client):
    response = client.get(reverse("api:docs_page"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Authorization: Token" in html
    assert f'href="{reverse("api:docs")}"' in html
    for path in ("/api/v1/organisations/", "/api/v1/people/{person_number}/", "/api/v1/health"):
        assert path in html
    assert "create_service_account" in html
    # Nothing on the page loads from another site (no Swagger UI from a CDN).
    assert not re.search(r'(src|href)="(https?:)?//', html)


# Authentication ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_missing_credentials_answer_401_json_not_a_sign_in_redirect(api_client):
    response = api_client.get("/api/v1/organisations/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


@pytest.mark.django_db
def test_invalid_token_answers_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    response = api_client.get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_valid_service_account_token_is_accepted(trust_client):
    assert trust_client.get("/api/v1/organisations/").status_code == 200


@pytest.mark.django_db
def test_a_token_belonging_to_a_person_login_is_refused(api_client):
    token = Token.objects.create(user=UserFactory())
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/organisations/").status_code == 401


def test_signed_in_people_lead_is_answered_with_their_own_scope(client, world):
    client.force_login(world.user("people_lead"))
    response = client.get("/api/v1/people/")
    assert response.status_code == 200
    numbers = {p["person_number"] for p in response.json()["results"]}
    assert world.employments["staff"].person.person_number in numbers
    assert world.outsider_employment.person.person_number not in numbers


# Scope ------------------------------------------------------------------------------------


def test_people_list_shows_the_trusts_people_and_excludes_other_trusts(trust_client, world):
    results = trust_client.get("/api/v1/people/").json()["results"]
    numbers = {p["person_number"] for p in results}
    assert world.employments["staff"].person.person_number in numbers
    assert world.employments["line_manager"].person.person_number in numbers
    assert world.outsider_employment.person.person_number not in numbers


def test_person_in_scope_is_returned_with_employments(trust_client, world):
    staff = world.employments["staff"]
    response = trust_client.get(f"/api/v1/people/{staff.person.person_number}/")
    assert response.status_code == 200
    body = response.json()
    assert body["family_name"] == "Staff"
    [employment] = body["employments"]
    assert employment["organisation"] == world.trust.ods_code
    assert employment["line_manager"] == {
        "person_number": world.employments["line_manager"].person.person_number,
        "assignment_number": world.employments["line_manager"].assignment_number,
    }


def test_person_outside_scope_answers_404(trust_client, world):
    number = world.outsider_employment.person.person_number
    response = trust_client.get(f"/api/v1/people/{number}/")
    assert response.status_code == 404


def test_employer_outside_scope_is_left_out_of_a_shared_persons_record(trust_client, world):
    person = world.employments["staff"].person
    EmploymentFactory(person=person, organisation=world.other_trust, assignment_number="X-2")
    body = trust_client.get(f"/api/v1/people/{person.person_number}/").json()
    assert [e["organisation"] for e in body["employments"]] == [world.trust.ods_code]
    employments = trust_client.get(f"/api/v1/employments/?person={person.person_number}").json()
    assert [e["organisation"] for e in employments["results"]] == [world.trust.ods_code]


def test_line_manager_outside_scope_is_not_named(trust_client, world):
    employment = EmploymentFactory(organisation=world.trust, line_manager=world.outsider_employment)
    results = trust_client.get(
        f"/api/v1/employments/?person={employment.person.person_number}"
    ).json()["results"]
    assert results[0]["line_manager"] is None


def test_employments_list_is_scoped_and_filters_by_organisation_and_current(trust_client, world):
    ended = EmploymentFactory(organisation=world.trust, end_date=datetime.date(2021, 3, 31))
    everything = trust_client.get("/api/v1/employments/").json()
    organisations = {e["organisation"] for e in everything["results"]}
    assert organisations == {world.trust.ods_code}
    assert ended.assignment_number in {e["assignment_number"] for e in everything["results"]}

    current = trust_client.get(
        f"/api/v1/employments/?organisation={world.trust.ods_code}&current=true"
    ).json()["results"]
    assert current and all(e["is_current"] for e in current)
    assert ended.assignment_number not in {e["assignment_number"] for e in current}

    other = trust_client.get(f"/api/v1/employments/?organisation={world.other_trust.ods_code}")
    assert other.json()["count"] == 0


def test_bad_filter_answers_400_naming_the_parameter(trust_client):
    response = trust_client.get("/api/v1/employments/?current=perhaps")
    assert response.status_code == 400
    assert "current" in response.json()


@pytest.mark.parametrize(
    "role,level,ods",
    [
        (Role.IMPLEMENTATION_OFFICE, ScopeLevel.NATIONAL, None),
        (Role.CQC_INSPECTOR, ScopeLevel.ORGANISATION, "RR8"),
    ],
)
def test_roles_other_than_people_lead_see_organisations_but_no_people(
    api_client, world, make_token, role, level, ods
):
    api_client.credentials(
        HTTP_AUTHORIZATION=f"Token {make_token(role=role, scope_level=level, ods=ods)}"
    )
    assert api_client.get("/api/v1/organisations/").json()["count"] > 0
    assert api_client.get("/api/v1/people/").json()["count"] == 0
    assert api_client.get("/api/v1/employments/").json()["count"] == 0
    number = world.employments["staff"].person.person_number
    assert api_client.get(f"/api/v1/people/{number}/").status_code == 404


def test_equality_answers_never_appear_in_a_person_response(trust_client, world):
    person = world.employments["staff"].person
    EqualityMonitoring.objects.create(
        person=person, ethnic_category="ZQ", sex="ZZ1", religion="ZZ2", disability="ZZ3"
    )
    text = trust_client.get(f"/api/v1/people/{person.person_number}/").content.decode()
    assert not EQUALITY_NAME.search(text)
    assert "ZQ" not in text and "ZZ1" not in text


# Organisations ----------------------------------------------------------------------------


def _codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {o["ods_code"] for o in response.json()["results"]}


def test_organisation_filters(trust_client, world):
    closed = TrustFactory(
        ods_code="RXX", icb=world.icb, region=world.region, closed_on=datetime.date(2020, 3, 31)
    )
    trusts = _codes(trust_client.get("/api/v1/organisations/?kind=nhs_trust"))
    assert trusts == {"RR8", "RXF", "R1H", "RXX"}
    assert _codes(trust_client.get("/api/v1/organisations/?region=Y56")) == {"QMF", "R1H"}
    assert _codes(trust_client.get("/api/v1/organisations/?icb=qwo")) == {"RR8", "RXF", "RXX"}
    open_in_icb = _codes(trust_client.get("/api/v1/organisations/?icb=QWO&open=true"))
    assert closed.ods_code not in open_in_icb
    assert _codes(trust_client.get("/api/v1/organisations/?open=false")) == {"RXX"}
    assert _codes(trust_client.get("/api/v1/organisations/?q=leeds")) == {"RR8"}
    assert _codes(trust_client.get("/api/v1/organisations/?q=R1H")) == {"R1H"}


def test_unknown_organisation_kind_answers_400(trust_client):
    response = trust_client.get("/api/v1/organisations/?kind=castle")
    assert response.status_code == 400
    assert "kind" in response.json()


def test_organisation_detail_has_parents_segment_rating_and_succession(trust_client, world):
    trust = world.trust
    OversightSegment.objects.create(
        organisation=trust,
        segment=4,
        effective_from=datetime.date(2023, 4, 1),
        effective_to=datetime.date(2024, 3, 31),
    )
    OversightSegment.objects.create(
        organisation=trust, segment=2, effective_from=datetime.date(2024, 4, 1)
    )
    CqcRating.objects.create(
        organisation=trust,
        overall="good",
        well_led="outstanding",
        rated_on=datetime.date(2024, 1, 10),
    )
    CqcRating.objects.create(
        organisation=trust, overall="inadequate", rated_on=datetime.date(2019, 1, 10)
    )
    old = TrustFactory(ods_code="ROLD", icb=world.icb, closed_on=datetime.date(2021, 3, 31))
    new = TrustFactory(ods_code="RNEW", icb=world.icb)
    Succession.objects.create(
        predecessor=old, successor=trust, effective_on=datetime.date(2021, 4, 1)
    )
    Succession.objects.create(
        predecessor=trust, successor=new, effective_on=datetime.date(2030, 4, 1), partial=True
    )

    response = trust_client.get(f"/api/v1/organisations/{trust.ods_code}/")
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == OrganisationKind.NHS_TRUST
    assert (body["region"], body["icb"]) == ("Y63", "QWO")
    assert body["is_open"] is True
    assert body["oversight_segment"]["segment"] == 2
    assert body["cqc_rating"] == {
        "overall": "good",
        "well_led": "outstanding",
        "rated_on": "2024-01-10",
    }
    assert body["predecessors"] == [
        {"ods_code": "ROLD", "effective_on": "2021-04-01", "partial": False}
    ]
    assert body["successors"] == [
        {"ods_code": "RNEW", "effective_on": "2030-04-01", "partial": True}
    ]


def test_unknown_organisation_answers_404(trust_client):
    assert trust_client.get("/api/v1/organisations/NOPE1/").status_code == 404


# Query counts -----------------------------------------------------------------------------


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_organisation_list_costs_the_same_queries_for_3_or_30_rows(trust_client, world):
    def add(n, start):
        for i in range(start, start + n):
            org = OrganisationFactory(
                ods_code=f"ZQ{i:03d}",
                kind=OrganisationKind.GP_PRACTICE,
                icb=world.icb,
                region=world.region,
            )
            OversightSegment.objects.create(
                organisation=org, segment=3, effective_from=datetime.date(2024, 1, 1)
            )
            CqcRating.objects.create(
                organisation=org, overall="good", rated_on=datetime.date(2024, 1, 1)
            )
            Succession.objects.create(
                predecessor=world.sibling_trust,
                successor=org,
                effective_on=datetime.date(2025, 1, 1),
            )

    url = "/api/v1/organisations/?kind=gp_practice"
    add(3, 0)
    few = _query_count(trust_client, url)
    add(27, 3)
    assert trust_client.get(url).json()["count"] == 30
    assert _query_count(trust_client, url) == few


def test_people_and_employment_lists_cost_the_same_queries_for_3_or_30_rows(
    api_client, world, make_token
):
    manager = world.employments["line_manager"]
    trust = OrganisationFactory(ods_code="RQC", icb=world.icb, region=world.region)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {make_token(ods='RQC')}")
    trust_client = api_client

    def add(n):
        for _ in range(n):
            person = PersonFactory()
            EmploymentFactory(person=person, organisation=trust, line_manager=manager)
            EmploymentFactory(
                person=person,
                organisation=trust,
                assignment_number=f"{person.person_number}-2",
                end_date=datetime.date(2022, 1, 1),
            )

    people_url = "/api/v1/people/?organisation=RQC"
    employments_url = "/api/v1/employments/?organisation=RQC"
    add(3)
    few_people = _query_count(trust_client, people_url)
    few_employments = _query_count(trust_client, employments_url)
    add(27)
    assert trust_client.get(people_url).json()["count"] == 30
    assert _query_count(trust_client, people_url) == few_people
    assert _query_count(trust_client, employments_url) == few_employments

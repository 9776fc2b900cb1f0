import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from markupsafe import escape

from carelead.core.models import AuditEvent
from carelead.people import services
from carelead.people.models import EqualityMonitoring
from carelead.people.tests.factories import EmploymentFactory

ANSWERS = {
    "ethnic_category": "M",
    "ethnicity_2021": "B1",
    "sex": "F",
    "gender_identity": "N",
    "disability": "Y",
    "sexual_orientation": "2",
    "religion": "SIK",
}
# Labels of the answers above, which must never appear on anyone else's page.
ANSWER_LABELS = [
    "Black or Black British - Caribbean",
    "Gay or lesbian",
    "Sikhism",
    "different from the sex I was registered at birth",
]


def _get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


# --- My profile -------------------------------------------------------------------------


def test_my_profile_shows_every_employment_with_its_details(client, world):
    staff_emp = world.employments["staff"]
    EmploymentFactory(
        person=staff_emp.person,
        organisation=world.other_trust,
        assignment_number="B2",
        job_title="Bank nurse",
        fte="0.2",
    )
    html = _get(client, world.user("staff"), "people:my_profile").content.decode()
    person = staff_emp.person
    assert escape(person.full_name) in html
    assert person.person_number in html
    assert person.email in html
    for text in ["Leeds Teaching Hospitals", "Barts Health", "Staff nurse", "Bank nurse"]:
        assert text in html
    assert "Maria Manager" in html  # line manager
    assert "1 April 2020" in html
    assert "0.2" in html
    assert reverse("people:my_equality") in html
    assert html.count("<h1") == 1


def test_my_profile_needs_a_staff_record(client, world):
    assert _get(client, world.user("superuser"), "people:my_profile").status_code == 404


# --- My equality monitoring -------------------------------------------------------------


@pytest.fixture
def staff(world, reference_data):
    return world.user("staff")


def test_the_equality_page_explains_before_asking(client, staff):
    response = _get(client, staff, "people:my_equality")
    html = response.content.decode()
    assert response.status_code == 200
    assert "special category data" in html
    assert "Only you can see" in html
    assert "at least 10" in html
    assert "prefer not to say" in html.lower()
    assert html.index("Why we ask") < html.index("<form")
    for question in ANSWERS:
        assert f'name="{question}"' in html
    for label in ["Not stated (prefer not to say)", "Not known", "Gypsy or Irish Traveller"]:
        assert label in html
    assert html.count('type="radio"') > 50
    assert html.count("<h1") == 1


def test_saving_equality_answers_stores_them_and_shows_them_checked(client, staff):
    client.force_login(staff)
    response = client.post(reverse("people:my_equality"), {**ANSWERS, "version": "0"})
    assert response.status_code == 302
    record = EqualityMonitoring.objects.get(person=staff.person)
    assert (record.version, record.religion) == (1, "SIK")
    html = client.get(response["Location"]).content.decode()
    assert "have been saved" in html
    assert 'value="SIK" checked' in html
    assert 'name="version" value="1"' in html


def test_answers_can_be_left_blank(client, staff):
    client.force_login(staff)
    response = client.post(reverse("people:my_equality"), {"sex": "PNS", "version": "0"})
    assert response.status_code == 302
    record = EqualityMonitoring.objects.get(person=staff.person)
    assert (record.sex, record.religion) == ("PNS", "")


def test_a_stale_form_says_so_and_keeps_the_users_choices(client, staff):
    services.equality_monitoring_update(
        person=staff.person, actor=staff, data={"sex": "M"}, expected_version=0
    )
    client.force_login(staff)
    response = client.post(reverse("people:my_equality"), {**ANSWERS, "version": "0"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone changed these answers since you opened this page" in html
    assert "There is a problem" in html
    assert 'value="SIK" checked' in html
    assert 'value="F" checked' in html
    assert 'name="version" value="1"' in html
    assert EqualityMonitoring.objects.get(person=staff.person).sex == "M"
    # Saving again, now the user has seen the warning, applies their answers.
    response = client.post(reverse("people:my_equality"), {**ANSWERS, "version": "1"})
    assert response.status_code == 302
    assert EqualityMonitoring.objects.get(person=staff.person).sex == "F"


def test_an_invalid_answer_is_explained_and_nothing_is_saved(client, staff):
    client.force_login(staff)
    response = client.post(reverse("people:my_equality"), {"sex": "Q", "version": "0"})
    html = response.content.decode()
    assert "Choose one of the options, or prefer not to say" in html
    assert 'href="#id_sex"' in html
    assert not EqualityMonitoring.objects.exists()


def test_the_equality_page_shows_only_the_signed_in_users_answers(client, staff, world):
    services.equality_monitoring_update(
        person=staff.person, actor=staff, data=ANSWERS, expected_version=0
    )
    for persona in ("line_manager", "people_lead"):
        viewer = world.user(persona)
        html = _get(
            client, viewer, "people:my_equality", person=staff.person_id, pk=staff.person_id
        ).content.decode()
        assert " checked" not in html
        assert 'name="version" value="0"' in html


def test_there_is_no_url_for_another_persons_equality_data():
    """The only people URL mentioning equality takes no argument: it is always 'my own'."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p

    equality_urls = [
        (route, p) for route, p in walk(get_resolver().url_patterns) if "equality" in route
    ]
    people_equality = [(r, p) for r, p in equality_urls if r.startswith("people/")]
    assert [r for r, _ in people_equality] == ["people/me/equality/"]
    assert not people_equality[0][1].pattern.converters


def test_guessing_an_equality_url_for_someone_else_is_404(client, staff, world):
    client.force_login(world.user("people_lead"))
    for path in [
        f"/people/{staff.person_id}/equality/",
        f"/people/me/equality/{staff.person_id}/",
        f"/people/equality/{staff.person_id}/",
    ]:
        assert client.get(path).status_code == 404


def test_the_person_page_never_shows_equality_answers_to_others(client, staff, world):
    services.equality_monitoring_update(
        person=staff.person, actor=staff, data=ANSWERS, expected_version=0
    )
    for persona in ("line_manager", "people_lead"):
        response = _get(client, world.user(persona), "people:person_detail", staff.person_id)
        html = response.content.decode()
        assert response.status_code == 200
        for label in ANSWER_LABELS:
            assert label not in html
        assert f'href="{reverse("people:my_equality")}"' not in html


def test_the_audit_page_shows_no_equality_answers(client, staff, world):
    services.equality_monitoring_update(
        person=staff.person, actor=staff, data=ANSWERS, expected_version=0
    )
    assert AuditEvent.objects.filter(action="equality_monitoring_updated").exists()
    html = _get(client, world.user("people_lead"), "core:audit").content.decode()
    for label in ANSWER_LABELS:
        assert label not in html
    assert "Equality monitoring for person" not in html


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(reverse("people:my_equality"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- My team ----------------------------------------------------------------------------


def test_my_team_lists_direct_reports(client, world):
    response = _get(client, world.user("line_manager"), "people:my_team")
    html = response.content.decode()
    staff_emp = world.employments["staff"]
    assert response.status_code == 200
    assert "Sam Staff" in html
    assert "Staff nurse" in html
    assert "Band 7" in html
    assert "1 April 2020" in html
    assert reverse("people:person_detail", args=[staff_emp.person_id]) in html
    assert "<caption" in html
    assert "Olu Outsider" not in html


@pytest.mark.parametrize("persona", ["staff", "people_lead", "board_member"])
def test_my_team_is_for_line_managers(client, world, persona):
    assert _get(client, world.user(persona), "people:my_team").status_code == 403


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_my_team_query_count_does_not_grow_with_the_team(client, world):
    manager_emp = world.employments["line_manager"]
    client.force_login(world.user("line_manager"))
    url = reverse("people:my_team")
    few = _count_queries(client, url)
    for _ in range(15):
        report = EmploymentFactory(organisation=world.trust, line_manager=manager_emp)
        EmploymentFactory(organisation=world.trust, line_manager=report)
    many = _count_queries(client, url)
    assert few == many


# --- People -----------------------------------------------------------------------------


def test_people_list_shows_the_people_leads_trust_only(client, world):
    response = _get(client, world.user("people_lead"), "people:people_list")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sam Staff" in html and "Maria Manager" in html
    assert "Olu Outsider" not in html
    assert "<caption" in html


def test_people_list_search_and_filters(client, world):
    EmploymentFactory(organisation=world.trust, job_title="Radiographer")
    lead = world.user("people_lead")
    html = _get(client, lead, "people:people_list", q="radiographer").content.decode()
    assert "Radiographer" in html
    assert "Sam Staff" not in html
    assert "1 person matching your search" in html
    html = _get(client, lead, "people:people_list", band="nonsense").content.decode()
    assert "Sam Staff" in html  # a bad filter value from a link is ignored


def test_people_list_is_paginated(client, world):
    for _ in range(55):
        EmploymentFactory(organisation=world.trust)
    client.force_login(world.user("people_lead"))
    html = client.get(reverse("people:people_list")).content.decode()
    assert "Page 1 of 2" in html
    html = client.get(reverse("people:people_list"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in html


@pytest.mark.parametrize("persona", ["staff", "line_manager", "board_member", "equality_analyst"])
def test_people_list_is_for_people_leads(client, world, persona):
    assert _get(client, world.user(persona), "people:people_list").status_code == 403


def test_people_list_query_count_does_not_grow_with_rows(client, world):
    client.force_login(world.user("people_lead"))
    url = reverse("people:people_list")
    few = _count_queries(client, url)
    manager = world.employments["line_manager"]
    for _ in range(30):
        EmploymentFactory(organisation=world.trust, line_manager=manager)
    many = _count_queries(client, url)
    assert few == many


# --- Person detail ----------------------------------------------------------------------


def test_a_people_lead_sees_a_person_in_their_trust(client, world):
    staff_emp = world.employments["staff"]
    response = _get(client, world.user("people_lead"), "people:person_detail", staff_emp.person_id)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sam Staff" in html
    assert staff_emp.person.person_number in html
    assert "Staff nurse" in html


def test_a_person_page_hides_employments_outside_the_viewers_scope(client, world):
    staff_emp = world.employments["staff"]
    EmploymentFactory(
        person=staff_emp.person, organisation=world.other_trust, assignment_number="B2"
    )
    html = _get(
        client, world.user("people_lead"), "people:person_detail", staff_emp.person_id
    ).content.decode()
    assert "Barts Health" not in html
    own = _get(client, world.user("staff"), "people:person_detail", staff_emp.person_id)
    assert "Barts Health" in own.content.decode()


def test_a_line_manager_sees_a_direct_report(client, world):
    staff_emp = world.employments["staff"]
    response = _get(client, world.user("line_manager"), "people:person_detail", staff_emp.person_id)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("people_lead", "outsider"),
        ("line_manager", "people_lead"),
        ("staff", "line_manager"),
        ("board_member", "staff"),
        ("cqc_inspector", "staff"),
        ("equality_analyst", "staff"),
        ("superuser", "staff"),
    ],
)
def test_a_person_outside_the_viewers_scope_is_404(client, world, persona, target):
    employment = world.outsider_employment if target == "outsider" else world.employments[target]
    response = _get(client, world.user(persona), "people:person_detail", employment.person_id)
    assert response.status_code == 404


def test_an_unknown_person_is_404(client, world):
    assert _get(client, world.user("people_lead"), "people:person_detail", 99999).status_code == 404


def test_a_leaver_is_still_visible_to_their_former_employers_people_lead(client, world):
    leaver = EmploymentFactory(
        organisation=world.trust, end_date=datetime.date.today() - datetime.timedelta(days=30)
    )
    html = _get(
        client, world.user("people_lead"), "people:person_detail", leaver.person_id
    ).content.decode()
    assert "Ended" in html

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.appraisals.models import Appraisal
from carelead.appraisals.services.board import board_appraisal_add
from carelead.appraisals.tests.factories_board import (
    board,
    board_cycle,
    board_employment,
    complete,
    make_people_lead,
)

pytestmark = pytest.mark.django_db
Role = Appraisal.BoardRole


@pytest.fixture
def cycle(world):
    return board_cycle(world.trust)


def _members_url(cycle):
    return reverse("appraisals:board_members", kwargs={"pk": cycle.pk})


def test_the_people_lead_adds_the_chair_then_a_ned(client, world, cycle):
    chair_emp = board_employment(world.trust, "Chloe", "Chair", "Chair")
    sid_emp = board_employment(world.trust, "Sid", "Senior", "SID")
    client.force_login(world.user("people_lead"))
    page = client.get(_members_url(cycle))
    assert page.status_code == 200
    assert "Chloe Chair" in page.content.decode()
    response = client.post(
        _members_url(cycle),
        {"employment": chair_emp.pk, "board_role": Role.CHAIR, "appraiser": sid_emp.person.pk},
    )
    assert response.status_code == 302
    response = client.post(_members_url(cycle), {"employment": sid_emp.pk, "board_role": Role.NED})
    assert response.status_code == 302
    assert dict(Appraisal.objects.values_list("person_id", "board_role")) == {
        chair_emp.person_id: Role.CHAIR,
        sid_emp.person_id: Role.NED,
    }
    page = client.get(_members_url(cycle)).content.decode()
    assert "30 September 2026" in page


def test_a_ned_before_the_chair_shows_what_to_do_and_keeps_the_choice(client, world, cycle):
    ned_emp = board_employment(world.trust, "Nia", "Ned", "NED")
    client.force_login(world.user("people_lead"))
    response = client.post(_members_url(cycle), {"employment": ned_emp.pk, "board_role": "ned"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Add the chair first: they appraise the non-executive director." in body
    assert f'value="{ned_emp.pk}" selected' in body


def test_the_chair_needs_an_appraiser_chosen(client, world, cycle):
    chair_emp = board_employment(world.trust, "Chloe", "Chair", "Chair")
    client.force_login(world.user("people_lead"))
    response = client.post(_members_url(cycle), {"employment": chair_emp.pk, "board_role": "chair"})
    assert "Choose who appraises the chair" in response.content.decode()
    assert not Appraisal.objects.exists()


def test_posting_an_existing_member_changes_their_role(client, world, cycle):
    lead = world.user("people_lead")
    chair, sid, (ned,) = board(cycle, lead, neds=2)
    client.force_login(lead)
    ceo_emp = board_employment(world.trust, "Cara", "Chief", "Chief executive")
    client.post(_members_url(cycle), {"employment": ceo_emp.pk, "board_role": "chief_executive"})
    response = client.post(
        _members_url(cycle), {"employment": ned.employment.pk, "board_role": "executive_director"}
    )
    assert response.status_code == 302
    ned.refresh_from_db()
    assert ned.board_role == Role.EXECUTIVE_DIRECTOR
    assert ned.appraiser == ceo_emp.person


def test_board_members_page_answers_404_for_another_organisations_cycle(client, world):
    client.force_login(world.user("people_lead"))
    other = board_cycle(world.other_trust)
    assert client.get(_members_url(other)).status_code == 404


def test_board_members_page_query_count_does_not_grow_with_the_board(client, world, cycle):
    lead = world.user("people_lead")
    board(cycle, lead)
    client.force_login(lead)
    with CaptureQueriesContext(connection) as few:
        client.get(_members_url(cycle))
    for n in range(6):
        board_employment(world.trust, f"Extra{n}", "Person", "Director")
    board_cycle(world.trust, opens_on=datetime.date(2025, 4, 1))
    for n in range(4):
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=board_employment(world.trust, f"Ned{n}", "Director", "NED"),
            board_role=Role.NED,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(_members_url(cycle))
    assert len(few) == len(many)


# --- submission ----------------------------------------------------------------------------


@pytest.fixture
def chaired(world, cycle):
    return board(
        cycle, world.user("people_lead"), chair_employment=world.employments["board_member"]
    )


def _submit_url(appraisal):
    return reverse("appraisals:board_submit", kwargs={"pk": appraisal.pk})


def test_the_chair_sends_a_completed_ned_appraisal_to_the_region(client, world, chaired):
    _, ned, _ = chaired
    client.force_login(world.user("board_member"))
    assert "once it is completed" in client.get(_submit_url(ned)).content.decode()
    complete(ned)
    assert "Send to the region" in client.get(_submit_url(ned)).content.decode()
    response = client.post(_submit_url(ned), follow=True)
    assert "has been sent to the region" in response.content.decode()
    ned.refresh_from_db()
    assert ned.submitted_by == world.user("board_member")
    again = client.post(_submit_url(ned), follow=True).content.decode()
    assert "already sent to the region" in again


def test_only_the_submitter_opens_the_submit_page(client, world, chaired):
    chair, ned, _ = chaired
    client.force_login(world.user("people_lead"))
    assert client.get(_submit_url(ned)).status_code == 403
    assert client.get(_submit_url(chair)).status_code == 200
    client.force_login(world.user("regional_talent_lead"))
    assert client.get(_submit_url(ned)).status_code == 404
    assert client.post(_submit_url(ned)).status_code == 404


def test_the_regional_lead_sees_status_but_never_content(client, world, chaired):
    chair, ned, _ = chaired
    complete(ned)
    Appraisal.objects.update(
        summary="Private summary", reflection="Private reflection", wellbeing_note="Private note"
    )
    client.force_login(world.user("regional_talent_lead"))
    body = client.get(reverse("appraisals:board_submissions")).content.decode()
    assert "Leeds Teaching Hospitals" in body
    assert "Overdue" in body
    assert "Private" not in body
    csv = client.get(reverse("appraisals:board_submissions_csv")).content.decode()
    assert csv.splitlines()[0].startswith("Region,Organisation")
    assert len(csv.splitlines()) == 3
    assert "Private" not in csv


def test_submissions_filter_by_role_and_keep_the_filter_in_the_csv_link(client, world, chaired):
    client.force_login(world.user("ned_appointments"))
    response = client.get(reverse("appraisals:board_submissions"), {"role": "chair"})
    body = response.content.decode()
    assert "1 board member appraisal," in body
    assert 'href="/appraisals/board/submissions/csv/?role=chair"' in body
    csv = client.get(reverse("appraisals:board_submissions_csv"), {"role": "chair"}).content
    assert len(csv.decode().splitlines()) == 2


def test_an_unknown_filter_value_is_ignored(client, world, chaired):
    client.force_login(world.user("regional_talent_lead"))
    response = client.get(reverse("appraisals:board_submissions"), {"role": "king"})
    assert response.status_code == 200
    assert "2 board member appraisals" in response.content.decode()


def test_submissions_page_query_count_does_not_grow(client, world, chaired):
    user = world.user("implementation_office")
    client.force_login(user)
    url = reverse("appraisals:board_submissions")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    cycle = board_cycle(world.other_trust)
    lead = make_people_lead(world.user("people_lead"), world.other_trust)
    board(cycle, lead, neds=5)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_a_superuser_with_no_region_sees_an_empty_list(client, world, chaired):
    client.force_login(world.user("superuser"))
    response = client.get(reverse("appraisals:board_submissions"), {"submission": "overdue"})
    assert response.status_code == 200
    assert "No chairs' or NEDs' appraisals match." in response.content.decode()

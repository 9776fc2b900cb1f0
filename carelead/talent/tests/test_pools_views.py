"""Pool pages: the leads' list, pool page and decisions; nominating yourself and a report;
"My talent pools"; 404 outside scope; and query counts that do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.talent.models import PoolMembership, Readiness, TalentPool
from carelead.talent.tests.factories import DevelopmentOfferFactory, PoolMembershipFactory
from carelead.talent.tests.factories_pools import (
    national_pool,
    nomination,
    outside_pool,
    regional_pool,
)

M = PoolMembership.Status
pytestmark = pytest.mark.django_db


def _client(client, world, persona):
    client.force_login(world.user(persona))
    return client


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pool_list_query_count_does_not_grow_with_pools(client, world):
    _client(client, world, "regional_talent_lead")
    regional_pool(world)
    few = _queries(client, reverse("talent:pools"))
    for _ in range(5):
        nomination(regional_pool(world), organisation=world.trust)
    national_pool()
    assert _queries(client, reverse("talent:pools")) == few


def test_pool_page_query_count_does_not_grow_with_members(client, world):
    _client(client, world, "regional_talent_lead")
    pool = regional_pool(world)
    nomination(pool, organisation=world.trust)
    nomination(pool, organisation=world.trust, status=M.MEMBER)
    DevelopmentOfferFactory(pool=pool)
    url = reverse("talent:pool", kwargs={"pk": pool.pk})
    few = _queries(client, url)
    for status in [M.NOMINATED, M.MEMBER, M.MOVED_ON, M.WITHDRAWN] * 3:
        nomination(pool, organisation=world.sibling_trust, status=status)
    DevelopmentOfferFactory(pool=pool)
    assert _queries(client, url) == few


def test_my_pools_query_count_does_not_grow_with_memberships(client, world):
    _client(client, world, "line_manager")
    staff = world.employments["staff"]
    PoolMembershipFactory(pool=regional_pool(world), employment=staff)
    PoolMembershipFactory(
        pool=regional_pool(world), employment=world.employments["line_manager"], status=M.MEMBER
    )
    url = reverse("talent:pools_mine")
    few = _queries(client, url)
    for _ in range(4):
        pool = regional_pool(world)
        DevelopmentOfferFactory(pool=pool)
        PoolMembershipFactory(pool=pool, employment=staff)
        PoolMembershipFactory(
            pool=pool, employment=world.employments["line_manager"], status=M.MEMBER
        )
    assert _queries(client, url) == few


def test_pools_outside_the_region_answer_404(client, world):
    _client(client, world, "regional_talent_lead")
    pool = outside_pool(world)
    membership = nomination(pool, organisation=world.other_trust)
    for url in (
        reverse("talent:pool", kwargs={"pk": pool.pk}),
        reverse("talent:pool_edit", kwargs={"pk": pool.pk}),
        reverse("talent:pool_makeup", kwargs={"pk": pool.pk}),
        reverse("talent:pool_decide", kwargs={"pk": membership.pk}),
    ):
        assert client.get(url).status_code == 404, url


def test_a_talent_lead_reads_a_national_pool_but_cannot_edit_it(client, world):
    _client(client, world, "regional_talent_lead")
    pool = national_pool()
    page = client.get(reverse("talent:pool", kwargs={"pk": pool.pk}))
    assert page.status_code == 200 and "read this national pool" in page.content.decode()
    assert client.get(reverse("talent:pool_edit", kwargs={"pk": pool.pk})).status_code == 404


def test_creating_a_pool_shows_errors_in_the_summary(client, world):
    _client(client, world, "regional_talent_lead")
    response = client.post(
        reverse("talent:pool_create"),
        {"name": "", "owner": "Y63", "status": "open", "requires_prerequisite": "on"},
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the pool" in body and "name" in body


def test_creating_and_editing_a_pool(client, world):
    _client(client, world, "regional_talent_lead")
    response = client.post(
        reverse("talent:pool_create"),
        {
            "name": "Aspiring directors",
            "owner": "QWO",
            "status": "open",
            "min_management_level": "3",
        },
    )
    assert response.status_code == 302
    pool = TalentPool.objects.get()
    assert (pool.level, pool.min_management_level) == ("icb", 3)
    stale = client.post(
        reverse("talent:pool_edit", kwargs={"pk": pool.pk}),
        {"name": "New name", "status": "closed", "version": "0"},
    )
    assert "Someone else changed this pool" in stale.content.decode()
    ok = client.post(
        reverse("talent:pool_edit", kwargs={"pk": pool.pk}),
        {"name": "New name", "status": "closed", "version": "1"},
    )
    assert ok.status_code == 302
    pool.refresh_from_db()
    assert (pool.name, pool.status, pool.level) == ("New name", "closed", "icb")


def test_self_nomination_shows_unmet_criteria_then_records_it(client, world):
    pool = regional_pool(world)
    _client(client, world, "staff")
    url = reverse("talent:pool_nominate", kwargs={"pk": pool.pk})
    page = client.get(url).content.decode()
    assert "This pool is for management levels 2 to 4: you are at no management level" in page
    _client(client, world, "line_manager")
    response = client.post(url, {"statement": "Ready to lead", "readiness": Readiness.READY_NOW})
    assert response.status_code == 302
    mine = client.get(reverse("talent:pools_mine")).content.decode()
    assert pool.name in mine and "Waiting for a decision" in mine


def test_a_line_manager_nominates_a_report_and_sees_it_on_their_page(client, world):
    world.employments["staff"].management_level = 2
    world.employments["staff"].save()
    pool = regional_pool(world)
    _client(client, world, "line_manager")
    response = client.post(
        reverse("talent:pool_nominate_report", kwargs={"pk": pool.pk}),
        {
            "report": str(world.employments["staff"].person_id),
            "statement": "Runs the ward brilliantly",
            "readiness": Readiness.ONE_TO_TWO_YEARS,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("talent:pools_mine")).content.decode()
    assert "Nominations from your team" in page and "Sam Staff" in page


def test_staff_without_reports_cannot_open_the_nominate_someone_page(client, world):
    pool = regional_pool(world)
    _client(client, world, "staff")
    url = reverse("talent:pool_nominate_report", kwargs={"pk": pool.pk})
    assert client.get(url).status_code == 403


def test_deciding_a_nomination_and_the_nominee_sees_the_reason_and_offers(client, world):
    pool = regional_pool(world)
    DevelopmentOfferFactory(pool=pool, title="Executive coaching")
    membership = PoolMembershipFactory(pool=pool, employment=world.employments["line_manager"])
    _client(client, world, "regional_talent_lead")
    url = reverse("talent:pool_decide", kwargs={"pk": membership.pk})
    missing = client.post(url, {"decision": "accept", "reason": "", "version": "1"})
    assert "Enter the reason for the decision" in missing.content.decode()
    done = client.post(url, {"decision": "accept", "reason": "Clear evidence", "version": "1"})
    assert done.status_code == 302
    _client(client, world, "line_manager")
    page = client.get(reverse("talent:pools_mine")).content.decode()
    assert "Clear evidence" in page and "Executive coaching" in page


def test_a_person_withdraws_their_own_nomination(client, world):
    membership = PoolMembershipFactory(
        pool=regional_pool(world), employment=world.employments["line_manager"]
    )
    _client(client, world, "line_manager")
    url = reverse("talent:pool_withdraw", kwargs={"pk": membership.pk})
    assert client.post(url, {"reason": "", "version": "1"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == M.WITHDRAWN
    _client(client, world, "staff")
    assert client.get(url).status_code == 404


def test_makeup_page_shows_no_persons_names(client, world, settings):
    from carelead.people.services import reference_data_load

    reference_data_load()
    pool = regional_pool(world)
    membership = nomination(pool, organisation=world.trust, status=M.MEMBER)
    _client(client, world, "regional_talent_lead")
    page = client.get(reverse("talent:pool_makeup", kwargs={"pk": pool.pk})).content.decode()
    assert "Ethnic group" in page and "Relative likelihood" in page
    assert escape(membership.person.full_name) not in page


def test_the_edit_page_shows_the_pool_as_it_is(client, world):
    import datetime

    pool = regional_pool(world, nominations_close_on=datetime.date(2027, 3, 31))
    _client(client, world, "regional_talent_lead")
    page = client.get(reverse("talent:pool_edit", kwargs={"pk": pool.pk})).content.decode()
    assert 'value="31"' in page and 'value="2027"' in page and pool.name in page


def test_open_pools_lists_those_covering_the_employer_only(client, world):
    mine = regional_pool(world, name="Ours")
    outside_pool(world, name="Theirs")
    _client(client, world, "staff")
    page = client.get(reverse("talent:pools_open")).content.decode()
    assert mine.name in page and "Theirs" not in page
    assert "Nominate someone you manage" not in page


def test_adding_an_offer_and_recording_a_move_on(client, world):
    pool = regional_pool(world)
    membership = nomination(pool, organisation=world.trust, status=M.MEMBER)
    _client(client, world, "regional_talent_lead")
    added = client.post(
        reverse("talent:pool_offer_create", kwargs={"pk": pool.pk}),
        {"title": "Mentoring", "places": "5", "is_active": "on"},
    )
    assert added.status_code == 302 and pool.offers.get().places == 5
    moved = client.post(
        reverse("talent:pool_move_on", kwargs={"pk": membership.pk}),
        {"moved_on_to": "Director of operations, RXF", "version": "1"},
    )
    assert moved.status_code == 302
    membership.refresh_from_db()
    assert membership.status == M.MOVED_ON

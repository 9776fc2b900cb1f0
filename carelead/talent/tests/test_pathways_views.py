"""Pathway pages: public to everyone, drafts only for the implementation office, evidence
suppressed below 10, "Where you are" only for the signed-in person, and publishing with
optimistic locking. Page query counts do not grow with rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.accounts.tests.factories import UserFactory
from carelead.organisations.tests.factories import TrustFactory
from carelead.talent.models import Pathway
from carelead.talent.services.pathways import version_of
from carelead.talent.tests.factories_pathways import career, pathway_with_steps

pytestmark = pytest.mark.django_db

STEPS = ("Team leader", "Service manager", "General manager")


def _evidence_rows(html: str) -> dict[str, list[str]]:
    """Step title -> the evidence table's cells for it."""
    table = html[html.index("Where people who held each step went next") :]
    table = table[: table.index("</table>")]
    # The responsive table repeats each column's heading inside its cells, for small screens.
    table = re.sub(r'<span class="nhsuk-table__heading".*?</span>', "", table, flags=re.S)
    rows = {}
    for row in re.findall(r"<tr.*?</tr>", table, flags=re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<t[hd].*?</t[hd]>", row, flags=re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def _detail(pathway) -> str:
    return reverse("talent:pathway", kwargs={"code": pathway.code})


def test_anyone_sees_published_pathways_by_audience_but_not_drafts(client):
    pathway_with_steps(*STEPS, title="Managing services")
    pathway_with_steps("Consultant", code="hidden", title="Draft route", status="draft")

    response = client.get(reverse("talent:pathways"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>General management</h2>" in html
    assert "Managing services" in html
    assert "Draft route" not in html
    assert client.get(reverse("talent:pathway", kwargs={"code": "hidden"})).status_code == 404


def test_the_implementation_office_sees_drafts_with_their_status(client, world):
    pathway_with_steps("Consultant", code="hidden", title="Draft route", status="draft")
    client.force_login(world.user("implementation_office"))
    html = client.get(reverse("talent:pathways")).content.decode()
    assert "Draft route" in html and "Draft" in html
    response = client.get(reverse("talent:pathway", kwargs={"code": "hidden"}))
    assert "This pathway is draft" in response.content.decode()


def test_evidence_shows_counts_of_10_or_more_and_hides_the_rest(client):
    pathway = pathway_with_steps(*STEPS)
    trust = TrustFactory()
    for _ in range(12):
        career("Team leader", "Service manager", organisation=trust)
    career("Team leader", "Porter", organisation=trust)

    html = client.get(_detail(pathway)).content.decode()

    rows = _evidence_rows(html)
    # Held it; next step; later; earlier; another role (1, so hidden with the next smallest);
    # no move; median time in the step.
    assert rows["Team leader"] == ["13", "12", *["Not shown"] * 4, "2 years"]
    assert rows["Service manager"][0] == "12"
    assert rows["General manager"] == ["Fewer than 10", *["Not shown"] * 6]
    assert "Porter" not in html  # aggregated: no job titles or names of anyone


def test_where_you_are_is_shown_to_the_signed_in_person_only(client):
    pathway = pathway_with_steps(*STEPS)
    person = career("Team leader")
    html = client.get(_detail(pathway)).content.decode()
    assert "Where you are" not in html

    client.force_login(UserFactory(person=person))
    html = client.get(_detail(pathway)).content.decode()
    assert "Where you are" in html
    assert "Your current job, Team leader, matches the step Team leader." in html
    assert "The next step, Service manager, needs no credential." in html


def test_the_implementation_office_retires_a_pathway(client, world):
    pathway = pathway_with_steps(*STEPS)
    client.force_login(world.user("implementation_office"))
    url = reverse("talent:pathway_status", kwargs={"code": pathway.code})
    assert client.get(url).status_code == 200

    response = client.post(url, {"status": "retired", "version": version_of(pathway)})

    assert response.status_code == 302
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.RETIRED
    client.logout()
    assert client.get(_detail(pathway)).status_code == 404


def test_a_stale_status_form_says_someone_else_changed_it(client, world):
    pathway = pathway_with_steps(*STEPS)
    stale = version_of(pathway)
    Pathway.objects.filter(pk=pathway.pk).update(version=pathway.version + 1)  # someone else
    client.force_login(world.user("implementation_office"))
    url = reverse("talent:pathway_status", kwargs={"code": pathway.code})

    response = client.post(url, {"status": "retired", "version": stale})

    assert response.status_code == 200
    assert "Someone else changed this pathway" in response.content.decode()
    assert "There is a problem" in response.content.decode()
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.PUBLISHED


def test_choosing_no_status_says_what_to_do(client, world):
    pathway = pathway_with_steps(*STEPS)
    client.force_login(world.user("implementation_office"))
    url = reverse("talent:pathway_status", kwargs={"code": pathway.code})
    response = client.post(url, {"version": version_of(pathway)})
    assert "Choose whether the pathway is published, draft or retired" in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_number_of_queries_for_few_and_many_pathways(client):
    pathway_with_steps(*STEPS, code="one")
    few = _queries(client, reverse("talent:pathways"))
    for n in range(6):
        pathway_with_steps(*STEPS, code=f"more-{n}")
    assert _queries(client, reverse("talent:pathways")) == few


def test_the_pathway_page_takes_the_same_number_of_queries_for_5_and_50_people(client):
    pathway = pathway_with_steps(*STEPS)
    trust = TrustFactory()
    for _ in range(5):
        career("Team leader", "Service manager", organisation=trust)
    few = _queries(client, _detail(pathway))
    for _ in range(45):
        career("Service manager", "General manager", organisation=trust)
    assert _queries(client, _detail(pathway)) == few

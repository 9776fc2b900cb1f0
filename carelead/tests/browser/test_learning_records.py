"""Learning records in a real browser: a staff member declares learning and finds their
credentials, their line manager verifies it, a provider records completions (one on the
roster, a file with errors) and anyone checks a credential's public page. Every page is
axe-checked."""

import pytest
from django.urls import reverse

from carelead.learning.tests.factories import CredentialFactory
from carelead.learning.tests.factories_records import a_course, enrol
from carelead.tests.browser.steps import (
    given_i_am_on,
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_choose_the_file,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def when_i_enter_the_date(page, day: str, month: str, year: str):
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def test_staff_declare_learning_and_line_manager_verifies_it(page, world):
    CredentialFactory(person=world.employments["staff"].person)
    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, reverse("learning:my_learning"))
    when_i_click_link(page, "Add learning you have done elsewhere")
    when_i_press_the_button(page, "Add learning")
    then_i_see_the_heading(page, "Add learning you have done")
    page.get_by_label("Name of the learning").fill("Coaching for managers")
    page.get_by_label("Who ran it").fill("Leeds City College")
    when_i_enter_the_date(page, "3", "3", "2026")
    page.get_by_label("Evidence", exact=True).fill("Certificate of completion")
    when_i_press_the_button(page, "Add learning")
    then_i_see_the_heading(page, "My learning")
    then_i_see_the_table(
        page, "Learning you added", ("Coaching for managers", "Waiting for verification")
    )
    when_i_click_link(page, "My credentials (1)")
    then_i_see_the_heading(page, "My credentials")

    page.context.clear_cookies()
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, reverse("learning:verify_learning_list"))
    then_i_see_the_table(page, "Learning waiting for you to verify", ("Sam Staff", "Coaching"))
    when_i_click_link(page, "Check Coaching for managers for Sam Staff")
    then_i_see_the_heading(page, "Verify learning")
    page.get_by_label("Yes, I have seen the evidence").check()
    when_i_press_the_button(page, "Save decision")
    then_i_see_the_heading(page, "Learning to verify")


def test_provider_records_a_completion_and_sees_errors_in_a_file(page, world, tmp_path):
    course = a_course(provider=world.provider, code="leading-teams")
    learner = enrol(course).person
    given_i_am_signed_in_as(page, "training_provider")
    when_i_visit(page, reverse("learning:provider_completions", kwargs={"pk": course.cohort.pk}))
    page.get_by_label("Person").select_option(
        label=f"{learner.full_name} ({learner.person_number})"
    )
    when_i_enter_the_date(page, "30", "6", "2026")
    when_i_press_the_button(page, "Record completion")
    then_i_see_the_table(
        page,
        f"People on cohort {course.cohort.code}",
        (learner.full_name, "Completed 30 June 2026"),
    )

    bad = tmp_path / "completions.csv"
    bad.write_text(
        "person_number,programme_code,module_code,completed_on,reference\n"
        f"{learner.person_number},leading-teams,,30/06/2026,r1\n",
        encoding="utf-8",
    )
    when_i_click_link(page, "upload a completions file")
    when_i_choose_the_file(page, "Upload a completions file", bad)
    when_i_press_the_button(page, "Upload and record")
    then_i_see_the_table(page, "Problems in the file", ("2", "completed_on"))


def test_anyone_can_check_a_credential_without_signing_in(page, world):
    credential = CredentialFactory(person=world.employments["staff"].person)
    given_i_am_on(
        page, reverse("learning:credential_verify", kwargs={"public_id": credential.public_id})
    )
    then_i_see_the_heading(page, "Check a credential")
    assert page.get_by_text("Sam Staff").is_visible()
    assert page.get_by_text("Valid").first.is_visible()

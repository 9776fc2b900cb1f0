"""The frameworks in a real browser: anyone browses, searches, prints and compares them; the
implementation office imports a new version (seeing the problems in a bad file first),
publishes it and opens the retire page. Every page passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.standards import exchange
from carelead.standards.models import FrameworkVersion
from carelead.standards.services import frameworks_load
from carelead.tests.browser.steps import (
    given_i_am_on,
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    when_i_choose_the_file,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser

ML = {"slug": "management-leadership", "version": "1.0"}


@pytest.fixture
def frameworks(world):
    frameworks_load()
    return FrameworkVersion.objects.get(framework__slug=ML["slug"], version="1.0")


def test_anyone_browses_searches_prints_and_compares(page, frameworks):
    given_i_am_on(page, reverse("standards:framework_list"))
    then_i_see_the_heading(page, "Leadership and management frameworks")
    when_i_click_link(page, "Management and Leadership Framework 1.0")
    page.get_by_label("Show descriptors for").select_option("Stage 2")
    when_i_press_the_button(page, "Show stage")
    expect(page.get_by_role("heading", name="Descriptors at Stage 2")).to_be_visible()
    when_i_click_link(page, "C2.2.2 Manage and measure performance")
    then_i_see_the_heading(page, "C2.2.2 Manage and measure performance")
    when_i_visit(page, reverse("standards:search") + "?q=appraisals")
    expect(page.get_by_role("link", name="C2.2.2 Manage and measure performance")).to_be_visible()
    when_i_visit(page, reverse("standards:version_print", kwargs=ML) + "?stage=stage-4")
    then_i_see_the_heading(page, "Stage 4")
    when_i_visit(page, reverse("standards:version_diff", kwargs={"slug": ML["slug"]}))
    then_i_see_the_heading(page, "Compare versions")
    when_i_visit(
        page,
        reverse("standards:version_detail", kwargs={"slug": "board-lcf-2024", "version": "2024"}),
    )
    then_i_see_the_heading(page, "board members 2024")


def test_implementation_office_imports_and_publishes_a_new_version(page, frameworks, tmp_path):
    bundle = exchange.bundle_from_version(frameworks)
    bad = tmp_path / "bad.csv"
    bad.write_text(exchange.bundle_to_csv(bundle).replace("Build engagement", ""), "utf-8")
    bundle["meta"].update(version="1.1", identifier="", title="Management and Leadership 1.1")
    good = tmp_path / "good.csv"
    good.write_text(exchange.bundle_to_csv(bundle), "utf-8")

    given_i_am_signed_in_as(page, "implementation_office")
    when_i_visit(page, reverse("standards:import"))
    when_i_choose_the_file(page, "Upload a framework file", bad)
    when_i_press_the_button(page, "Upload and import")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text('(C2.1.1): "title" is missing')

    when_i_choose_the_file(page, "Upload a framework file", good)
    when_i_press_the_button(page, "Upload and import")
    then_i_see_the_heading(page, "Management and Leadership 1.1")
    when_i_click_link(page, "Publish this version")
    when_i_press_the_button(page, "Publish this version")
    expect(page.get_by_text("has been published")).to_be_visible()
    when_i_click_link(page, "Retire this version")
    then_i_see_the_heading(page, "Retire Management and Leadership 1.1")

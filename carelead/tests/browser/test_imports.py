"""A people lead imports a workforce extract through the browser and sees what happened."""

import pytest

from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_choose_the_file,
    when_i_click_link,
    when_i_press_the_button,
)

pytestmark = pytest.mark.browser

HEADER = (
    "Person Number,Assignment Number,First Name,Last Name,Email,Organisation Code,Job Title,"
    "Staff Group,Pay Band,Management Level,Line Manager Assignment Number,Start Date,End Date,FTE"
)


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    # The live server runs in this process, so the override reaches it.
    settings.MEDIA_ROOT = tmp_path / "media"


def an_extract(tmp_path, world, *rows: str):
    """A CSV extract for the people lead's trust. Staff group and pay band codes are the ones
    the world's factories made."""
    path = tmp_path / "workforce.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def a_row(world, number: str, given: str, family: str, start: str = "2024-04-01") -> str:
    return (
        f"{number},{number}-1,{given},{family},{given.lower()}@example.nhs.uk,"
        f"{world.trust.ods_code},Staff nurse,admin_clerical,7,,,{start},,1.00"
    )


def when_i_upload_the_extract(page, path):
    when_i_choose_the_file(page, "Upload a workforce extract", path)
    when_i_press_the_button(page, "Upload and import")


def given_i_am_on_the_import_page_as_a_people_lead(page):
    given_i_am_signed_in_as(page, "people_lead")
    when_i_click_link(page, "Import a workforce extract")
    then_i_see_the_heading(page, "Import a workforce extract")


def test_people_lead_imports_an_extract_and_sees_what_changed(page, world, tmp_path):
    extract = an_extract(
        tmp_path,
        world,
        a_row(world, "30000001", "Ada", "Lovelace"),
        a_row(world, "30000002", "Mary", "Seacole"),
    )
    given_i_am_on_the_import_page_as_a_people_lead(page)
    when_i_upload_the_extract(page, extract)
    then_i_see_the_heading(page, "workforce.csv")
    then_i_see_the_table(
        page, "Changes made by this import", ("People added", "2"), ("Employments added", "2")
    )


def test_people_lead_sees_each_problem_in_a_bad_extract(page, world, tmp_path):
    extract = an_extract(
        tmp_path,
        world,
        a_row(world, "30000003", "Ada", "Lovelace"),
        a_row(world, "30000004", "Mary", "Seacole", start="2024-13-45"),
    )
    given_i_am_on_the_import_page_as_a_people_lead(page)
    when_i_upload_the_extract(page, extract)
    then_i_see_the_heading(page, "workforce.csv")
    then_i_see_the_table(page, "Problems in the file", ("3", "Start Date"))

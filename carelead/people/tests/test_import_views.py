import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.accounts.tests.factories import UserFactory
from carelead.people.imports.models import WorkforceImport
from carelead.people.imports.services import workforce_import_start
from carelead.people.models import Employment
from carelead.people.tests.test_import_support import build_trusts, people_lead, row, to_csv

LIST = reverse("people:import_list")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def trusts(reference_data):
    return build_trusts()


@pytest.fixture
def leeds_lead(trusts):
    return people_lead("leeds", trusts["RR8"])


def upload(client, content, *, name="extract.csv", end_missing=False, callbacks=None):
    data = {"extract": SimpleUploadedFile(name, content, content_type="text/csv")}
    if end_missing:
        data["end_missing"] = "on"
    with callbacks(execute=True):
        return client.post(LIST, data)


def test_upload_runs_the_import_and_the_run_page_shows_the_counts(
    client, leeds_lead, django_capture_on_commit_callbacks
):
    client.force_login(leeds_lead)

    response = upload(
        client, to_csv([row()]), end_missing=True, callbacks=django_capture_on_commit_callbacks
    )

    run = WorkforceImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:import_detail", args=[run.pk])
    assert run.status == WorkforceImport.Status.DONE
    assert run.progress == 100 and run.end_missing and run.employments_created == 1
    assert Employment.objects.filter(assignment_number="30000001-1").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Done" in page and "Employments added" in page
    assert 'http-equiv="refresh"' not in page
    assert "Leeds Teaching Hospitals NHS Trust" in page


def test_failed_run_page_lists_row_column_and_message(
    client, leeds_lead, django_capture_on_commit_callbacks
):
    client.force_login(leeds_lead)

    response = upload(
        client,
        to_csv([row(), row(Person_Number="2", Organisation_Code="RXF")]),
        callbacks=django_capture_on_commit_callbacks,
    )

    run = WorkforceImport.objects.get()
    assert run.status == WorkforceImport.Status.FAILED
    assert run.errors[0]["row"] == 3 and run.errors[0]["column"] == "Organisation Code"
    assert not Employment.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Problems in the file" in page and "Nothing was imported" in page
    assert "not an organisation you are the people lead for" in page


def test_running_import_page_refreshes_itself_and_shows_progress(client, leeds_lead):
    # Enqueued on commit, which never comes inside the test's transaction: the run stays queued.
    run = workforce_import_start(
        actor=leeds_lead, uploaded_file=SimpleUploadedFile("x.csv", to_csv([row()]))
    )
    WorkforceImport.objects.filter(pk=run.pk).update(status="validating", progress=30)
    client.force_login(leeds_lead)

    page = client.get(reverse("people:import_detail", args=[run.pk])).content.decode()

    assert '<meta http-equiv="refresh" content="5">' in page
    assert 'value="30"' in page and "30% complete" in page


def test_upload_form_errors_are_shown(client, leeds_lead):
    client.force_login(leeds_lead)

    response = client.post(LIST, {"extract": SimpleUploadedFile("staff.xlsx", b"data")})

    assert response.status_code == 200
    assert "The selected file must be a CSV" in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not WorkforceImport.objects.exists()


def test_run_outside_scope_is_404(client, trusts, leeds_lead):
    other = people_lead("mid_yorks", trusts["RXF"])
    run = workforce_import_start(
        actor=other, uploaded_file=SimpleUploadedFile("x.csv", to_csv([row()]))
    )
    client.force_login(leeds_lead)

    assert client.get(reverse("people:import_detail", args=[run.pk])).status_code == 404
    assert "x.csv" not in client.get(LIST).content.decode()


def test_run_covering_more_organisations_than_the_lead_is_404(client, trusts, leeds_lead):
    both = people_lead("both", trusts["RR8"], trusts["RXF"])
    run = workforce_import_start(
        actor=both, uploaded_file=SimpleUploadedFile("x.csv", to_csv([row()]))
    )
    client.force_login(leeds_lead)

    assert client.get(reverse("people:import_detail", args=[run.pk])).status_code == 404
    client.force_login(both)
    assert client.get(reverse("people:import_detail", args=[run.pk])).status_code == 200


def test_another_lead_of_the_same_organisation_sees_the_run(client, trusts, leeds_lead):
    run = workforce_import_start(
        actor=leeds_lead, uploaded_file=SimpleUploadedFile("x.csv", to_csv([row()]))
    )
    client.force_login(people_lead("leeds2", trusts["RR8"]))

    assert client.get(reverse("people:import_detail", args=[run.pk])).status_code == 200
    assert "x.csv" in client.get(LIST).content.decode()


def test_pages_need_the_people_lead_role(client, trusts):
    client.force_login(UserFactory())

    assert client.get(LIST).status_code == 403


def test_list_query_count_does_not_grow_with_runs(client, leeds_lead):
    client.force_login(leeds_lead)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    workforce_import_start(actor=leeds_lead, uploaded_file=SimpleUploadedFile("a.csv", b"x"))
    few = queries()
    for n in range(5):
        workforce_import_start(
            actor=leeds_lead, uploaded_file=SimpleUploadedFile(f"b{n}.csv", b"x")
        )
    assert queries() == few

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carelead.appraisals.models import Appraisal
from carelead.appraisals.presenters.board import (
    HELD_LOCALLY,
    board_panel,
    count_rows,
    csv_rows,
    submission_rows,
)
from carelead.appraisals.selectors.board import Submission, submissions_in_scope
from carelead.appraisals.services.board import board_appraisal_add
from carelead.appraisals.tests.factories import AppraisalFactory
from carelead.appraisals.tests.factories_board import (
    board,
    board_cycle,
    board_employment,
    complete,
    submitted,
)
from carelead.standards.tests.factories import ml_version_with_stages

pytestmark = pytest.mark.django_db
Role = Appraisal.BoardRole


def _rows(panel) -> dict[str, str]:
    return {r["key"]["text"]: r["value"]["text"] for r in panel["rows"]}


@pytest.fixture
def chaired(world):
    """A board, opening next year (nothing due yet), chaired by the board_member persona."""
    next_year = timezone.localdate().year + 1
    cycle = board_cycle(world.trust, opens_on=datetime.date(next_year, 4, 1))
    return board(
        cycle, world.user("people_lead"), chair_employment=world.employments["board_member"]
    )


def test_a_staff_appraisal_has_no_board_panel(world):
    version = ml_version_with_stages()
    appraisal = AppraisalFactory(
        cycle__organisation=world.trust,
        cycle__framework_version=version,
        stage=version.stages.get(rank=1),
    )
    assert board_panel(appraisal) is None


def test_a_neds_panel_says_when_it_is_due_and_that_the_chair_submits(world, chaired):
    _, ned, _ = chaired
    panel = board_panel(ned)
    assert _rows(panel) == {
        "Board role": "Non-executive director",
        "Due at the region": f"30 September {ned.cycle.opens_on.year}",
        "Submission": "Not yet due",
        "Submitted by": f"The chair, {world.employments['board_member'].person}",
    }
    assert panel["submit_href"] is None


def test_the_chairs_panel_names_the_people_lead_as_submitter(chaired):
    chair, _, _ = chaired
    assert board_panel(chair)["submitter"] == "The organisation's people lead"


def test_the_submit_link_is_for_the_submitter_once_completed(world, chaired):
    _, ned, _ = chaired
    chair_user = world.user("board_member")
    assert board_panel(ned, viewer=chair_user)["submit_href"] is None
    complete(ned)
    assert board_panel(ned, viewer=world.user("people_lead"))["submit_href"] is None
    assert board_panel(ned, viewer=chair_user)["submit_href"] == reverse(
        "appraisals:board_submit", kwargs={"pk": ned.pk}
    )
    submitted(ned, timezone.now())
    panel = board_panel(ned, viewer=chair_user)
    assert panel["submit_href"] is None
    assert panel["submission"].startswith("Submitted on ")


def test_an_executives_panel_says_it_is_held_locally(world, chaired):
    chair, _, _ = chaired
    ceo = board_appraisal_add(
        actor=world.user("people_lead"),
        cycle=chair.cycle,
        employment=board_employment(world.trust, "Cara", "Chief", "Chief executive"),
        board_role=Role.CHIEF_EXECUTIVE,
    )
    panel = board_panel(ceo)
    assert _rows(panel) == {"Board role": "Chief executive", "Due at the region": HELD_LOCALLY}
    assert panel["state"] is None


def test_the_submissions_csv_is_status_only_and_spreadsheet_safe(world):
    lead = world.user("people_lead")
    chair_emp = board_employment(world.trust, "=HYPERLINK(1)", "Chair", "Chair")
    chair, ned, _ = board(board_cycle(world.trust), lead, chair_employment=chair_emp)
    submitted(complete(chair), datetime.datetime(2026, 7, 2, 12, tzinfo=datetime.UTC))
    Appraisal.objects.update(summary="Private summary")
    rows = submission_rows(submissions_in_scope(world.user("regional_talent_lead")))
    table = csv_rows(rows)
    assert table[0][-1] == "Submission"
    by_name = {r[3]: r for r in table[1:]}
    assert by_name["'=HYPERLINK(1) Chair"][4:] == [
        "Chair",
        "30 June 2026",
        "Completed",
        "Submitted late on 2 July 2026",
    ]
    assert "Private summary" not in str(table)


def test_count_rows_show_every_state():
    counts = dict.fromkeys(Submission.LABELS, 0) | {Submission.OVERDUE: 1234}
    assert [r["value"]["text"] for r in count_rows(counts)] == ["0", "0", "1,234", "0"]

"""Pathway writes: loading the shipped file (stages resolved, missing programmes skipped, bad
files refused whole), and the implementation office publishing or retiring a pathway."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from carelead.core.models import AuditEvent
from carelead.learning.tests.factories import ProgrammeFactory
from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.models import Pathway, PathwayStep
from carelead.talent.services.pathways import (
    PATHWAYS_FILE,
    PathwayDataError,
    pathway_status_set,
    pathways_load,
    version_of,
)
from carelead.talent.tests.factories_pathways import pathway_with_steps

pytestmark = pytest.mark.django_db

SHIPPED = {
    "gp-leadership",
    "clinical-director-to-medical-director",
    "social-care-registered-manager",
    "general-management",
}


@pytest.fixture
def framework():
    return ml_version_with_stages()


def _file(tmp_path, mutate) -> object:
    data = json.loads(PATHWAYS_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "pathways.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_loads_the_shipped_pathways_published_with_their_stages(framework):
    result = pathways_load()

    assert set(result["created"]) == SHIPPED
    gp = Pathway.objects.get(code="gp-leadership")
    assert gp.status == Pathway.Status.PUBLISHED
    assert "carelead's wording" in gp.source.lower()
    titles = list(gp.steps.values_list("title", flat=True))
    assert titles[1] == "PCN clinical director"
    assert "ICB" in titles[-1]
    assert gp.steps.get(order=2).credential_stage.code == "stage-1"
    assert AuditEvent.objects.filter(action="pathway_created").count() == len(SHIPPED)


def test_programmes_are_linked_when_they_exist_and_skipped_when_not(framework):
    bundle = ProgrammeFactory(
        code="bundle-stage-1", framework_version=framework, stage=framework.stages.get(rank=1)
    )
    pathways_load()
    step = PathwayStep.objects.get(pathway__code="general-management", order=2)
    assert list(step.programmes.all()) == [bundle]
    assert not PathwayStep.objects.get(
        pathway__code="general-management", order=3
    ).programmes.exists()


def test_loading_again_changes_nothing_and_keeps_the_status_the_office_chose(framework):
    pathways_load()
    Pathway.objects.filter(code="gp-leadership").update(status=Pathway.Status.RETIRED)
    step_ids = set(PathwayStep.objects.values_list("pk", flat=True))

    result = pathways_load()

    assert set(result["unchanged"]) == SHIPPED
    assert Pathway.objects.get(code="gp-leadership").status == Pathway.Status.RETIRED
    assert set(PathwayStep.objects.values_list("pk", flat=True)) == step_ids


def test_a_changed_step_is_updated_in_place(framework, tmp_path):
    pathways_load()
    step = PathwayStep.objects.get(pathway__code="general-management", order=2)

    def rename(data):
        data["pathways"][3]["steps"][1]["title"] = "Service manager or head of service"

    result = pathways_load(path=_file(tmp_path, rename))

    assert result["updated"] == ["general-management"]
    step.refresh_from_db()
    assert step.title == "Service manager or head of service"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["pathways"][1]["steps"][2].update(credential_stage="stage-9"),
            "pathways[1] (clinical-director-to-medical-director) steps[2] (Clinical director): "
            "credential_stage 'stage-9' is not a stage",
        ),
        (
            lambda d: d["pathways"][0].update(audience="dentistry"),
            "pathways[0] (gp-leadership): audience 'dentistry' is not one of",
        ),
        (
            lambda d: d["pathways"][2]["steps"][0].update(job_titles=[]),
            "steps[0] (Senior care worker or team leader): job_titles must be a list",
        ),
        (
            lambda d: d["pathways"][3].update(code="gp-leadership"),
            "pathways[3] (gp-leadership): code is used by an earlier pathway too",
        ),
    ],
)
def test_a_bad_file_is_refused_saying_where_and_nothing_is_written(
    framework, tmp_path, mutate, message
):
    with pytest.raises(PathwayDataError) as error:
        pathways_load(path=_file(tmp_path, mutate))
    assert message in str(error.value)
    assert not Pathway.objects.exists()


def test_invalid_json_is_refused_with_its_line(framework, tmp_path):
    path = tmp_path / "pathways.json"
    path.write_text('{"pathways": [\n  {,\n]}', encoding="utf-8")
    with pytest.raises(PathwayDataError, match="line 2"):
        pathways_load(path=path)


def test_refused_until_the_framework_is_loaded():
    with pytest.raises(PathwayDataError, match="load_frameworks"):
        pathways_load()


def test_the_reference_command_loads_the_pathways_after_the_grids(framework, capsys):
    call_command("load_talent_reference")
    out = capsys.readouterr().out
    assert "Created: hee-hcls-nine-box" in out
    assert "Created: pathway gp-leadership" in out


# --- publishing -----------------------------------------------------------------------------


def test_the_implementation_office_retires_a_pathway_and_it_is_audited(world):
    pathway = pathway_with_steps("Team leader")
    office = world.user("implementation_office")

    pathway_status_set(
        actor=office,
        pathway=pathway,
        status=Pathway.Status.RETIRED,
        expected_version=version_of(pathway),
    )

    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.RETIRED
    event = AuditEvent.objects.get(action="pathway_status_changed")
    assert event.actor == office
    assert event.before == {"status": "published"} and event.after == {"status": "retired"}


def test_a_change_made_meanwhile_is_not_overwritten(world):
    pathway = pathway_with_steps("Team leader")
    seen = version_of(pathway)
    office = world.user("implementation_office")
    pathway_status_set(
        actor=office, pathway=pathway, status=Pathway.Status.DRAFT, expected_version=seen
    )
    with pytest.raises(ValidationError, match="Someone else changed this pathway"):
        pathway_status_set(
            actor=office, pathway=pathway, status=Pathway.Status.RETIRED, expected_version=seen
        )
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.DRAFT


def test_only_the_implementation_office_may_change_the_status(world):
    pathway = pathway_with_steps("Team leader")
    with pytest.raises(PermissionDenied):
        pathway_status_set(
            actor=world.user("regional_talent_lead"),
            pathway=pathway,
            status=Pathway.Status.RETIRED,
            expected_version=version_of(pathway),
        )
    assert not AuditEvent.objects.filter(action="pathway_status_changed").exists()

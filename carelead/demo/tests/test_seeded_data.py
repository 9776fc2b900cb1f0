"""Checks on one shared small seed: every test here only reads."""

from collections import Counter, defaultdict

from carelead.demo import catalogue as cat
from carelead.organisations.models import CqcRating, Organisation, OrganisationKind
from carelead.people.models import Employment, EqualityMonitoring, EqualityOption, PayBand

from .conftest import SMALL


def test_every_current_employee_but_one_per_organisation_has_a_manager_there(seeded_readonly):
    today = cat.REFERENCE_DATE
    current = {e.pk: e for e in Employment.objects.current(on=today).select_related("line_manager")}
    roots = Counter(e.organisation_id for e in current.values() if e.line_manager_id is None)
    assert set(roots.values()) == {1}
    for employment in current.values():
        manager = employment.line_manager
        if manager is None:
            continue
        assert manager.organisation_id == employment.organisation_id
        assert manager.pk in current
        seen = {employment.pk}
        while manager is not None:
            assert manager.pk not in seen, "line management has a cycle"
            seen.add(manager.pk)
            manager = current[manager.pk].line_manager


def test_some_people_moved_employer_and_their_old_job_ended_first(seeded_readonly):
    by_person = defaultdict(list)
    for e in Employment.objects.order_by("start_date"):
        by_person[e.person_id].append(e)
    movers = [jobs for jobs in by_person.values() if len(jobs) == 2]
    assert movers
    for earlier, later in movers:
        assert earlier.end_date is not None and earlier.end_date < later.start_date
        assert later.end_date is None
        assert earlier.organisation_id != later.organisation_id


def test_bands_fit_the_staff_group(seeded_readonly):
    families = dict(PayBand.objects.values_list("code", "family"))
    rows = Employment.objects.values_list("staff_group_id", "pay_band_id", "organisation__kind")
    for group, band, kind in rows:
        if group.startswith("asc_"):
            assert band == "NON-NHS"
        if group == "nursing_midwifery" and kind != OrganisationKind.GP_PRACTICE:
            assert band in {"5", "6", "7", "8a", "8b", "8c", "8d", "VSM"}
        if group == "medical_dental" and band is not None:
            assert families[band] in {"medical", "vsm"}


def test_equality_answers_include_not_stated_and_unanswered(seeded_readonly):
    records = list(EqualityMonitoring.objects.all())
    assert 0.75 <= len(records) / SMALL <= 0.95
    not_stated = set(
        EqualityOption.objects.filter(is_not_stated=True).values_list("question", "code")
    )
    answers = [(q, getattr(r, q)) for r in records for q in EqualityMonitoring.QUESTIONS]
    assert any(answer in not_stated for answer in answers)
    assert any(code == "" for _, code in answers)
    valid = set(EqualityOption.objects.values_list("question", "code"))
    assert all(answer in valid for answer in answers if answer[1])


def test_trusts_have_segment_history_with_segments_four_and_five(seeded_readonly):
    region = Organisation.objects.get(ods_code=cat.REGION_CODE)
    trusts = Organisation.objects.filter(
        kind__in=[OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST], region=region
    )
    assert trusts.count() == len(cat.TRUSTS)
    latest = {t.ods_code: t.segments.order_by("-effective_from").first().segment for t in trusts}
    assert latest["RCB"] == 4 and latest["RFF"] == 5
    rff = trusts.get(ods_code="RFF")
    assert rff.segments.count() == len(cat.SEGMENT_DATES)
    assert rff.segments.filter(effective_to__isnull=True).count() == 1
    assert CqcRating.objects.filter(organisation__in=trusts).exclude(well_led="").exists()


def test_synthetic_organisations_are_marked_and_sit_in_the_region(seeded_readonly):
    synthetic = Organisation.objects.filter(
        kind__in=[
            OrganisationKind.GP_PRACTICE,
            OrganisationKind.PCN,
            OrganisationKind.SOCIAL_CARE_PROVIDER,
        ]
    )
    assert synthetic.count() == 40 + 8 + 30
    assert all(cat.SYNTHETIC_ALIAS in o.aliases for o in synthetic)
    assert not synthetic.exclude(region__ods_code=cat.REGION_CODE).exists()
    assert not synthetic.filter(icb__isnull=True).exists()


def test_nothing_is_dated_after_the_reference_date(seeded_readonly):
    assert not Employment.objects.filter(start_date__gt=cat.REFERENCE_DATE).exists()
    assert not Employment.objects.filter(end_date__gt=cat.REFERENCE_DATE).exists()

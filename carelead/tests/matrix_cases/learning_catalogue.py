"""Permission matrix lines for the catalogue (learning area ``catalogue``): programmes,
accreditation and a training provider's cohorts, and the catalogue API."""

from carelead.tests.matrix import NOT_FOUND, api, of, page

ACCREDITATION = frozenset({"implementation_office", "superuser"})
PROVIDERS = frozenset({"training_provider", "superuser"})


def a_programme(world):
    """An open development bundle of the world's training provider, which is accredited."""
    from carelead.learning.tests.factories import AccreditationFactory, ProgrammeFactory

    AccreditationFactory(provider=world.provider)
    return ProgrammeFactory(provider=world.provider)


def an_accreditation(world):
    from carelead.learning.tests.factories import AccreditationFactory

    return AccreditationFactory(provider=world.provider)


def a_cohort(world):
    """A cohort the training provider persona runs."""
    from carelead.learning.tests.factories import CohortFactory

    return CohortFactory(programme=a_programme(world))


CASES: dict = {
    "learning:programme_list": page("learning:programme_list"),
    "learning:programme_detail": page(of("learning:programme_detail", a_programme)),
    "learning:accreditation_list": page("learning:accreditation_list", ACCREDITATION),
    "learning:accreditation_create": page("learning:accreditation_create", ACCREDITATION),
    "learning:accreditation_change": page(
        of("learning:accreditation_change", an_accreditation), ACCREDITATION
    ),
    # Anyone with the role has the list; a cohort is only its provider's (the superuser acts
    # for no provider, so has no cohorts and cannot add one).
    "learning:provider_cohorts": page("learning:provider_cohorts", PROVIDERS),
    "learning:cohort_create": page("learning:cohort_create", PROVIDERS, superuser=NOT_FOUND),
    "learning:provider_cohort_detail": page(
        of("learning:provider_cohort_detail", a_cohort), PROVIDERS, superuser=NOT_FOUND
    ),
    "learning:cohort_edit": page(
        of("learning:cohort_edit", a_cohort), PROVIDERS, superuser=NOT_FOUND
    ),
    # API: every signed-in caller may read the catalogue.
    "api:programme-list": api("api:programme-list"),
    "api:programme-detail": api(of("api:programme-detail", a_programme)),
    "api:cohort-list": api("api:cohort-list"),
}

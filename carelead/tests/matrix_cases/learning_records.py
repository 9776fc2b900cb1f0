"""Permission matrix lines for the learning records pages and the completions API."""

from carelead.tests.matrix import (
    FORBIDDEN,
    LINE_MANAGERS,
    NOT_FOUND,
    WITH_A_PERSON,
    api,
    of,
    page,
    public,
)


def a_declared_completion(world):
    """Learning the staff member declared, waiting for their line manager or people lead."""
    from carelead.learning.models import Completion
    from carelead.learning.tests.factories import CompletionFactory

    return CompletionFactory(
        person=world.employments["staff"].person,
        programme=None,
        provider=None,
        title="Coaching for managers",
        source=Completion.Source.SELF_DECLARED,
        status=Completion.Status.AWAITING_VERIFICATION,
    )


def a_cohort_of_the_provider(world):
    from carelead.learning.tests.factories_records import a_course

    return a_course(provider=world.provider).cohort


def a_credential_from_the_provider(world):
    from carelead.learning.tests.factories import CredentialFactory

    return CredentialFactory(person=world.employments["staff"].person, issuer=world.provider)


PROVIDERS = frozenset({"training_provider"})

CASES = {
    # The superuser passes every permission but has no person, so "my" pages answer 404.
    "learning:my_learning": page("learning:my_learning", WITH_A_PERSON, superuser=NOT_FOUND),
    "learning:declare_learning": page(
        "learning:declare_learning", WITH_A_PERSON, superuser=NOT_FOUND
    ),
    "learning:my_credentials": page("learning:my_credentials", WITH_A_PERSON, superuser=NOT_FOUND),
    "learning:verify_learning_list": page(
        "learning:verify_learning_list", {"line_manager", "people_lead", "superuser"}
    ),
    # The staff member's line manager and their organisation's people lead; anyone else who
    # may verify learning at all gets 404 for someone outside their team or organisation.
    "learning:verify_learning": page(
        of("learning:verify_learning", a_declared_completion),
        {"line_manager", "people_lead"},
        superuser=NOT_FOUND,
    ),
    "learning:team_learning": page("learning:team_learning", LINE_MANAGERS),
    "learning:provider_completions": page(
        of("learning:provider_completions", a_cohort_of_the_provider),
        PROVIDERS,
        superuser=NOT_FOUND,
    ),
    "learning:completions_upload": page(
        "learning:completions_upload", PROVIDERS, superuser=NOT_FOUND
    ),
    "learning:provider_credentials": page(
        "learning:provider_credentials", PROVIDERS | {"superuser"}
    ),
    # Decided per credential: its issuer's provider users and the implementation office.
    "learning:credential_revoke": page(
        of("learning:credential_revoke", a_credential_from_the_provider),
        PROVIDERS | {"implementation_office"},
        otherwise=NOT_FOUND,
    ),
    "learning:credential_verify": public(
        of("learning:credential_verify", a_credential_from_the_provider)
    ),
    "learning:credential_badge": public(
        of("learning:credential_badge", a_credential_from_the_provider)
    ),
    # Service accounts of a training provider only: every signed-in person is refused.
    "api:completion-list": api("api:completion-list", frozenset(), otherwise=FORBIDDEN),
}

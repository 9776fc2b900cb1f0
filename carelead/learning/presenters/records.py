"""Display values for the records pages, and the Open Badges 3.0 document of a credential.

The public page and the badge show a credential's holder name, credential, issuer, date and
status only: no person number, employer or email (the badge carries a salted hash instead).
"""

import hashlib
import uuid

from django.urls import reverse

from carelead.learning.models import Completion, Credential, Enrolment
from carelead.people.presenters import format_date

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# Open Badges 3.0 asks for a URI for each achievement; a name-based UUID of the stage's own
# identifier keeps it stable across releases without inventing a page for it.
ACHIEVEMENT_NAMESPACE = uuid.UUID("6f1c3a52-4d0e-4b8e-9d4a-2f5f3c6a9b10")

STATUS_TAGS = {
    Completion.Status.VERIFIED: "green",
    Completion.Status.AWAITING_VERIFICATION: "blue",
    Completion.Status.REJECTED: "red",
}
ENROLMENT_TAGS = {
    Enrolment.Status.ENROLLED: "blue",
    Enrolment.Status.COMPLETED: "green",
    Enrolment.Status.WITHDRAWN: "grey",
}


def credential_name(credential: Credential) -> str:
    """e.g. "Management and Leadership Framework — Stage 2"."""
    return f"{credential.framework_version.framework.title} — {credential.stage.name}"


class CredentialPresenter:
    def __init__(self, credential: Credential):
        self.credential = credential

    @property
    def name(self) -> str:
        return credential_name(self.credential)

    @property
    def holder(self) -> str:
        return self.credential.person.full_name

    @property
    def issuer(self) -> str:
        return self.credential.issuer.name

    @property
    def issued_on(self) -> str:
        return format_date(self.credential.issued_on)

    @property
    def is_revoked(self) -> bool:
        return self.credential.status == Credential.Status.REVOKED

    @property
    def status(self) -> str:
        if self.is_revoked:
            return f"Revoked on {format_date(self.credential.revoked_on)}"
        return "Valid"

    @property
    def tag_classes(self) -> str:
        return "nhsuk-tag--red" if self.is_revoked else "nhsuk-tag--green"

    @property
    def verify_href(self) -> str:
        return reverse(
            "learning:credential_verify", kwargs={"public_id": self.credential.public_id}
        )

    @property
    def badge_href(self) -> str:
        return reverse("learning:credential_badge", kwargs={"public_id": self.credential.public_id})

    @property
    def revoke_href(self) -> str:
        return reverse(
            "learning:credential_revoke", kwargs={"public_id": self.credential.public_id}
        )

    def public_rows(self) -> list[dict]:
        """The only facts the public page shows."""
        rows = [
            ("Holder", self.holder),
            ("Credential", self.name),
            ("Issued by", self.issuer),
            ("Date issued", self.issued_on),
            ("Status", self.status),
        ]
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


class CompletionPresenter:
    def __init__(self, completion: Completion):
        self.completion = completion

    @property
    def is_declared(self) -> bool:
        return self.completion.source == Completion.Source.SELF_DECLARED

    @property
    def title(self) -> str:
        c = self.completion
        if c.module_id:
            return f"{c.module.title} ({c.programme.title})"
        if c.programme_id:
            return c.programme.title
        return c.title

    @property
    def provider(self) -> str:
        c = self.completion
        return c.provider.name if c.provider_id else c.provider_name

    @property
    def completed_on(self) -> str:
        return format_date(self.completion.completed_on)

    @property
    def source(self) -> str:
        return self.completion.get_source_display()

    @property
    def status(self) -> str:
        return self.completion.get_status_display()

    @property
    def tag_classes(self) -> str:
        return f"nhsuk-tag--{STATUS_TAGS.get(self.completion.status, 'grey')}"

    @property
    def hours(self) -> str:
        hours = self.completion.hours
        return f"{hours.normalize():f}" if hours is not None else ""

    @property
    def note(self) -> str:
        return self.completion.verification_note


class EnrolmentPresenter:
    def __init__(self, enrolment: Enrolment):
        self.enrolment = enrolment

    @property
    def programme(self) -> str:
        return self.enrolment.programme.title

    @property
    def cohort(self) -> str:
        cohort = self.enrolment.cohort
        return cohort.code if cohort else ""

    @property
    def enrolled_on(self) -> str:
        return format_date(self.enrolment.enrolled_on)

    @property
    def due_on(self) -> str:
        return format_date(self.enrolment.due_on)

    @property
    def employer(self) -> str:
        organisation = self.enrolment.organisation
        return organisation.name if organisation else ""

    @property
    def status(self) -> str:
        e = self.enrolment
        if e.status == Enrolment.Status.COMPLETED and e.completed_on:
            return f"Completed {format_date(e.completed_on)}"
        return e.get_status_display()

    @property
    def tag_classes(self) -> str:
        return f"nhsuk-tag--{ENROLMENT_TAGS.get(self.enrolment.status, 'grey')}"


class RosterRow:
    """One person on a provider's cohort roster."""

    def __init__(self, enrolment: Enrolment):
        self.enrolment = enrolment

    @property
    def name(self) -> str:
        return self.enrolment.person.full_name

    @property
    def person_number(self) -> str:
        return self.enrolment.person.person_number

    @property
    def employer(self) -> str:
        organisation = self.enrolment.organisation
        return organisation.name if organisation else ""

    @property
    def can_record(self) -> bool:
        return (
            self.enrolment.status == Enrolment.Status.ENROLLED
            and self.enrolment.programme_completion is None
        )

    @property
    def status(self) -> str:
        completion = self.enrolment.programme_completion
        if completion is not None:
            return f"Completed {format_date(completion.completed_on)}"
        return self.enrolment.get_status_display()


# --- Open Badges 3.0 -------------------------------------------------------------------------


def identity_hash(value: str, salt: str) -> str:
    """Open Badges' hashed identity: "sha256$" and the hex SHA-256 of the value and salt."""
    return "sha256$" + hashlib.sha256(f"{value}{salt}".encode()).hexdigest()


def _identity(credential: Credential) -> dict:
    person = credential.person
    # The salt is published with the hash (a verifier who knows the email needs it); it only
    # has to differ between credentials, so the public id serves.
    salt = credential.public_id.hex
    if person.email:
        value, kind = person.email.strip().lower(), "emailAddress"
    else:
        value, kind = person.person_number, "identifier"
    return {
        "type": "IdentityObject",
        "identityHash": identity_hash(value, salt),
        "identityType": kind,
        "hashed": True,
        "salt": salt,
    }


def _alignment(credential: Credential, items) -> list[dict]:
    stage = credential.stage
    version = credential.framework_version
    framework = version.framework.title
    targets = [
        {
            "type": ["Alignment"],
            "targetName": f"{framework}: {stage.name}",
            "targetUrl": f"urn:uuid:{stage.identifier}",
            "targetCode": str(stage.identifier),
            "targetFramework": f"{framework} {version.version}",
            "targetType": "CFItem",
        }
    ]
    for item in items:
        targets.append(
            {
                "type": ["Alignment"],
                "targetName": f"{item.code} {item.title}",
                "targetUrl": f"urn:uuid:{item.identifier}",
                "targetCode": str(item.identifier),
                "targetFramework": f"{framework} {version.version}",
                "targetType": "CFItem",
            }
        )
    return targets


def open_badge(credential: Credential, *, build_uri, items=()) -> dict:
    """The credential as an Open Badges 3.0 OpenBadgeCredential (unsigned).

    ``build_uri`` turns a path into an absolute URL (``request.build_absolute_uri``);
    ``items`` are the standards items the programme develops at the stage.
    """
    stage = credential.stage
    name = credential_name(credential)
    presenter = CredentialPresenter(credential)
    verify_url = build_uri(presenter.verify_href)
    issuer = credential.issuer
    document = {
        "@context": OB_CONTEXT,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": {
            "id": build_uri(reverse("organisations:detail", kwargs={"ods_code": issuer.ods_code})),
            "type": ["Profile"],
            "name": issuer.name,
        },
        "validFrom": f"{credential.issued_on.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [_identity(credential)],
            "achievement": {
                "id": f"urn:uuid:{uuid.uuid5(ACHIEVEMENT_NAMESPACE, str(stage.identifier))}",
                "type": ["Achievement"],
                "achievementType": "Competency",
                "name": name,
                "description": (
                    f"Completed accredited training for {stage.name} of the "
                    f"{credential.framework_version.framework.title}."
                ),
                "criteria": {
                    "narrative": (
                        f"Complete an accredited programme that develops the competencies of "
                        f"{stage.name}, with its completion recorded by the accredited training "
                        "provider."
                    )
                },
                "alignment": _alignment(credential, items),
            },
        },
        "credentialStatus": {
            "id": f"{verify_url}#status",
            "type": "CareleadCredentialStatus",
            "status": credential.status,
            "revoked": presenter.is_revoked,
        },
    }
    if presenter.is_revoked:
        document["credentialStatus"]["revokedOn"] = credential.revoked_on.isoformat()
        # A revoked credential is no longer valid from the day it was revoked.
        document["validUntil"] = f"{credential.revoked_on.isoformat()}T00:00:00Z"
    return document

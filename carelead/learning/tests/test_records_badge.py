import datetime
import hashlib
import json

import pytest
from django.urls import reverse

from carelead.learning.models import Credential, ProgrammeOutcome
from carelead.learning.tests.factories import CredentialFactory
from carelead.people.tests.factories import PersonFactory
from carelead.standards.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def badge(client, credential) -> dict:
    url = reverse("learning:credential_badge", kwargs={"public_id": credential.public_id})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def test_the_badge_is_an_open_badges_3_credential(client):
    # A fixed, unusual family name: a short Faker one such as "Ali" is found inside other
    # text ("validFrom"), which failed this check at random.
    person = PersonFactory(email="Sam.Staff@example.nhs.uk", family_name="Featherstonehaugh")
    credential = CredentialFactory(person=person)
    item = ItemFactory(version=credential.framework_version, code="C1", title="Leading with care")
    ProgrammeOutcome.objects.create(
        programme=credential.programme, item=item, stage=credential.stage
    )

    doc = badge(client, credential)

    assert doc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["id"].endswith(
        reverse("learning:credential_verify", kwargs={"public_id": credential.public_id})
    )
    assert doc["id"].startswith("http")
    assert doc["issuer"]["type"] == ["Profile"]
    assert doc["issuer"]["name"] == credential.issuer.name
    assert doc["issuer"]["id"].startswith("http")
    assert doc["validFrom"] == "2026-06-30T00:00:00Z"
    assert doc["name"] == "Management and Leadership Framework — Stage 1"
    subject = doc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"].startswith("urn:uuid:")
    assert achievement["name"] == doc["name"]
    assert achievement["description"]
    assert achievement["criteria"]["narrative"]
    codes = [a["targetCode"] for a in achievement["alignment"]]
    assert codes == [str(credential.stage.identifier), str(item.identifier)]
    assert doc["credentialStatus"]["revoked"] is False
    assert "proof" not in doc


def test_the_holder_is_identified_by_a_salted_hash_never_the_raw_email(client):
    # A fixed, unusual family name: a short Faker one such as "Ali" is found inside other
    # text ("validFrom"), which failed this check at random.
    person = PersonFactory(email="Sam.Staff@example.nhs.uk", family_name="Featherstonehaugh")
    credential = CredentialFactory(person=person)

    doc = badge(client, credential)
    raw = json.dumps(doc).lower()

    identity = doc["credentialSubject"]["identifier"][0]
    assert identity["type"] == "IdentityObject"
    assert identity["hashed"] is True
    assert identity["identityType"] == "emailAddress"
    expected = hashlib.sha256(("sam.staff@example.nhs.uk" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert "sam.staff" not in raw
    assert person.person_number not in raw
    assert person.family_name.lower() not in raw


def test_a_revoked_credential_says_so_in_its_badge(client):
    credential = CredentialFactory(
        status=Credential.Status.REVOKED,
        revoked_on=datetime.date(2026, 8, 1),
        revoked_reason="Recorded in error",
    )
    doc = badge(client, credential)
    assert doc["credentialStatus"]["revoked"] is True
    assert doc["credentialStatus"]["revokedOn"] == "2026-08-01"
    assert doc["validUntil"] == "2026-08-01T00:00:00Z"
    assert "Recorded in error" not in json.dumps(doc)

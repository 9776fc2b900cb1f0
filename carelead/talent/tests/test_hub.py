"""The "Career and talent" page shows each persona the sections their roles allow."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _sections(client, user):
    client.force_login(user)
    response = client.get(reverse("talent:hub"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        ("staff", {"individual"}, {"line_manager", "people_lead", "regional_talent_lead"}),
        ("line_manager", {"individual", "line_manager"}, {"people_lead"}),
        ("people_lead", {"people_lead"}, {"regional_talent_lead", "implementation_office"}),
        ("regional_talent_lead", {"regional_talent_lead"}, {"people_lead"}),
        ("implementation_office", {"implementation_office"}, {"regional_talent_lead"}),
    ],
)
def test_each_persona_sees_its_own_sections(client, world, persona, present, absent):
    html = _sections(client, world.users[persona])

    for key in present:
        assert f'data-section="{key}"' in html
    for key in absent:
        assert f'data-section="{key}"' not in html


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("talent:hub"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_redirects_anonymous_users_to_sign_in(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_each_persona_lands_on_a_home_page_with_its_own_section(client, world):
    expected = {
        "staff": "staff",
        "line_manager": "line_manager",
        "people_lead": "people_lead",
        "board_member": "board_member",
        "regional_talent_lead": "regional_talent_lead",
        "ned_appointments": "ned_appointments",
        "training_provider": "training_provider",
        "cqc_inspector": "cqc_inspector",
        "implementation_office": "implementation_office",
        "equality_analyst": "equality_analyst",
    }
    for persona, section in expected.items():
        client.force_login(world.user(persona))
        response = client.get(reverse("core:home"))
        assert response.status_code == 200, persona
        assert f'data-persona="{section}"' in response.content.decode(), persona


@pytest.mark.django_db
def test_unknown_page_answers_nhs_style_404(client, world):
    client.force_login(world.user("staff"))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()

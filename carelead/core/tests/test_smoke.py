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


@pytest.mark.django_db
def test_the_500_page_is_an_nhs_style_page_that_needs_no_database_or_login(rf):
    from carelead.core.views import error_500

    request = rf.get("/broken/")
    response = error_500(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "nhsuk-header" in html


@pytest.mark.django_db
def test_the_403_page_says_why(client, world):
    client.force_login(world.user("staff"))
    response = client.get("/audit/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()

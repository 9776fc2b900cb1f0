import pytest
from django.urls import reverse

from carelead.accounts.tests.factories import TEST_PASSWORD, UserFactory


@pytest.mark.django_db
def test_sign_in_with_the_right_password_lands_on_home(client):
    user = UserFactory(username="nurse")
    response = client.post(
        reverse("accounts:login"), {"username": "nurse", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_a_wrong_password_shows_the_error_summary(client):
    UserFactory(username="nurse")
    response = client.post(reverse("accounts:login"), {"username": "nurse", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html


@pytest.mark.django_db
def test_empty_fields_are_named_in_the_error_summary(client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert 'href="#id_username"' in html
    assert 'href="#id_password"' in html


@pytest.mark.django_db
def test_repeated_failed_sign_ins_lock_the_account_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="nurse")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "nurse", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "nurse", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_asks_then_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sessions_time_out_after_thirty_minutes_of_inactivity(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_passwords_must_be_long_and_not_common(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a-long-memorable-passphrase")


@pytest.mark.django_db
def test_admin_is_for_superusers_only(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302  # to the admin login: staff status alone is not enough
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


def test_navigation_marks_only_the_most_specific_item_current(client, world):
    from carelead.accounts.presenters import navigation_for

    class Request:
        user = world.user("people_lead")
        path = "/people/imports/"

    current = [i["text"] for i in navigation_for(Request) if i["current"]]
    assert current == ["Imports"]


def test_navigation_only_offers_pages_the_role_can_open(world):
    from carelead.accounts.presenters import navigation_for

    class Request:
        user = world.user("staff")
        path = "/"

    labels = [i["text"] for i in navigation_for(Request)]
    assert labels == [
        "Home",
        "My profile",
        "My learning",
        "Appraisals",
        "Career and talent",
        "Organisations",
        "Standards",
    ]

    Request.user = world.user("training_provider")
    labels = [i["text"] for i in navigation_for(Request)]
    assert "Cohorts" in labels and "People" not in labels

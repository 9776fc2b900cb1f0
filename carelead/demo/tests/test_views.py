from django.urls import reverse

from carelead.demo.personas import DEMO_PASSWORD, PERSONAS


def test_the_logins_page_lists_every_persona_without_signing_in(client, db):
    response = client.get(reverse("demo:logins"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<caption" in html
    assert "Demo only" in html
    assert DEMO_PASSWORD in html
    for persona in PERSONAS:
        assert f"<code>{persona.username}</code>" in html

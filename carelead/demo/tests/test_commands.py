from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from carelead.demo.personas import DEMO_PASSWORD, DEMO_URL, PERSONAS


def test_demo_logins_prints_the_address_and_every_login():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert DEMO_URL in text
    assert DEMO_PASSWORD in text
    for persona in PERSONAS:
        assert persona.username in text and persona.try_first in text


def test_seed_demo_reports_what_it_wrote(db):
    out = StringIO()
    call_command("seed_demo", "--people", "250", "--seed", "3", stdout=out)
    assert "Seeded 250 people" in out.getvalue()


def test_seed_demo_refuses_too_few_people(db):
    with pytest.raises(CommandError, match="at least"):
        call_command("seed_demo", "--people", "5")

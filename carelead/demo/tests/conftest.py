import pytest
from django.db import transaction

from carelead.demo.services import demo_seed

SMALL = 300


@pytest.fixture
def seeded(db):
    """A small demo seed (the same plan as the full one, fewer people), for tests that write."""
    return demo_seed(people=SMALL, seed=42)


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    # One seed shared by a module's read-only tests, inside a transaction that is rolled back
    # when the module ends; each test's own transaction nests inside it as a savepoint.
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield demo_seed(people=SMALL, seed=42)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded_readonly(_seeded_module, db):
    """The module's shared seed. Tests using it must not change the data."""
    return _seeded_module

import pytest


@pytest.fixture
def world(db):
    """One user per persona in a two-region world (see carelead/accounts/tests/personas.py)."""
    from carelead.accounts.tests.personas import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _clear_axes_between_tests(settings):
    # Failed-login lockouts from one test must not leak into the next.
    settings.AXES_ENABLED = True
    yield

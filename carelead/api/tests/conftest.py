import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from carelead.accounts.roles import Role, ScopeLevel
from carelead.api.services import service_account_create


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counters live in the cache; user ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def make_token(db):
    """Create a service account and return its token key."""

    def make(name="sync", role=Role.PEOPLE_LEAD, scope_level=ScopeLevel.ORGANISATION, ods=None):
        return service_account_create(
            name=name, role=role, scope_level=scope_level, organisation_ods_code=ods
        ).token_key

    return make


@pytest.fixture
def trust_client(world, make_token):
    """An API client authenticated as a service account that is people lead for world.trust."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {make_token(ods=world.trust.ods_code)}")
    return client

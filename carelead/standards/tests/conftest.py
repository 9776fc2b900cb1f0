import pytest

from carelead.standards.services import frameworks_load


@pytest.fixture
def loaded(db):
    """The shipped frameworks, loaded and published."""
    frameworks_load()

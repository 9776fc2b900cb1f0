import pytest


@pytest.fixture
def reference_data(db):
    """Staff groups, pay bands and equality options from carelead/people/data."""
    from carelead.people.services import reference_data_load

    return reference_data_load()

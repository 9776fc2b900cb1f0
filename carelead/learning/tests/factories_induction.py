"""Builders for the national induction tests (area ``induction``)."""

import datetime

from carelead.learning.models import Module, Programme
from carelead.learning.tests.factories import (
    AccreditationFactory,
    ModuleFactory,
    NationalInductionFactory,
)

#: The factory's national induction enrols people who first start on or after this day.
JOINERS_FROM = datetime.date(2024, 4, 1)


def open_induction(*, accredited: bool = True, modules: bool = True, **kwargs) -> Programme:
    """The open national induction (joiners from 1 April 2024, due in 12 weeks), its
    provider accredited unless told otherwise, with one module of each focus."""
    programme = NationalInductionFactory(**kwargs)
    if accredited:
        AccreditationFactory(
            provider=programme.provider,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2099, 12, 31),
        )
    if modules:
        for order, (code, title, focus) in enumerate(
            [
                ("welcome", "Welcome to health and social care", Module.Focus.GENERAL),
                ("values", "Our shared values", Module.Focus.SHARED_VALUES),
                ("health", "Working with the NHS", Module.Focus.HEALTH),
                ("social-care", "Working with social care", Module.Focus.SOCIAL_CARE),
            ]
        ):
            ModuleFactory(
                programme=programme, code=code, title=title, focus=focus, sort_order=order
            )
    return programme

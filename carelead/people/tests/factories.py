import datetime

import factory

from carelead.organisations.tests.factories import TrustFactory
from carelead.people.models import Employment, PayBand, Person, StaffGroup


class StaffGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffGroup
        django_get_or_create = ("code",)

    code = "admin_clerical"
    name = "Administrative and Clerical"


class PayBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayBand
        django_get_or_create = ("code",)

    code = "7"
    name = "Band 7"
    family = PayBand.Family.AFC
    rank = 8


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    person_number = factory.Sequence(lambda n: f"{10000000 + n}")
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(
        lambda p: f"{p.given_name}.{p.family_name}.{p.person_number}@example.nhs.uk".lower()
    )


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(TrustFactory)
    assignment_number = factory.LazyAttribute(lambda e: f"{e.person.person_number}-1")
    job_title = "Ward manager"
    staff_group = factory.SubFactory(StaffGroupFactory)
    pay_band = factory.SubFactory(PayBandFactory)
    management_level = None
    start_date = datetime.date(2020, 4, 1)
    end_date = None
    fte = 1

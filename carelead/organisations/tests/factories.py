import factory

from carelead.organisations.models import Organisation, OrganisationKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("ods_code",)

    ods_code = factory.Sequence(lambda n: f"R{n:04d}")
    name = factory.Sequence(lambda n: f"Test NHS Trust {n}")
    kind = OrganisationKind.NHS_TRUST


class RegionFactory(OrganisationFactory):
    ods_code = factory.Sequence(lambda n: f"Y{90 + n}")
    name = factory.Sequence(lambda n: f"Test Region {n}")
    kind = OrganisationKind.REGION


class IcbFactory(OrganisationFactory):
    ods_code = factory.Sequence(lambda n: f"Q{n:03d}")
    name = factory.Sequence(lambda n: f"NHS Test Integrated Care Board {n}")
    kind = OrganisationKind.ICB
    region = factory.SubFactory(RegionFactory)


class TrustFactory(OrganisationFactory):
    kind = OrganisationKind.NHS_TRUST
    icb = factory.SubFactory(IcbFactory)
    region = factory.LazyAttribute(lambda o: o.icb.region if o.icb else None)

"""API: the senior vacancy register under /api/v1 (read only).

The register is for prospective candidates anywhere in the NHS, so any authenticated caller
(a session or a service account token) may read it, with no particular role; only OPEN
vacancies are served, and nothing about who applied or was placed."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from carelead.api.views import NOT_FOUND, UNAUTHENTICATED, ApiViewSetMixin
from carelead.talent.models import Vacancy
from carelead.talent.presenters.vacancies import package_summary
from carelead.talent.selectors import vacancies as selectors


class VacancySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(
        source="organisation.ods_code", help_text="Organisation ODS code."
    )
    organisation_name = serializers.CharField(source="organisation.name")
    region = serializers.CharField(
        source="organisation.region.ods_code",
        allow_null=True,
        default=None,
        help_text="Region ODS code.",
    )
    region_name = serializers.CharField(
        source="organisation.region.name", allow_null=True, default=None
    )
    stage = serializers.CharField(
        source="stage.code", allow_null=True, default=None, help_text="Framework stage code."
    )
    stage_name = serializers.CharField(source="stage.name", allow_null=True, default=None)
    challenged = serializers.BooleanField(source="is_challenged")
    package = serializers.SerializerMethodField(
        help_text="The incentive package in plain words (the premium cap is a yearly amount)."
    )

    class Meta:
        model = Vacancy
        fields = [
            "reference",
            "organisation",
            "organisation_name",
            "region",
            "region_name",
            "title",
            "description",
            "management_level",
            "stage",
            "stage_name",
            "opened_on",
            "closes_on",
            "challenged",
            "segment_when_flagged",
            "package",
        ]

    def get_package(self, vacancy) -> str | None:
        return package_summary(vacancy.package) or None


class VacancyFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, max_length=12, help_text="Only vacancies in the region with this ODS code."
    )
    challenged = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: only vacancies flagged as challenged; false: only the others.",
        error_messages={"invalid": "challenged must be true or false."},
    )

    def validate_region(self, value: str) -> str:
        code = value.strip().upper()
        if code and not selectors.region_exists(code):
            raise serializers.ValidationError(f"No NHS England region has the ODS code {value}.")
        return code


@extend_schema(
    summary="List open senior vacancies",
    parameters=[VacancyFilterSerializer],
    responses={200: VacancySerializer(many=True), 401: UNAUTHENTICATED},
)
class VacancyListView(ApiViewSetMixin, generics.ListAPIView):
    """The open senior vacancies on the register, newest first, with their challenged flag
    and incentive package."""

    serializer_class = VacancySerializer
    filter_serializer_class = VacancyFilterSerializer

    def get_queryset(self):
        return selectors.open_register(**self.filters())


@extend_schema(
    summary="One open vacancy by reference",
    responses={200: VacancySerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
)
class VacancyDetailView(ApiViewSetMixin, generics.RetrieveAPIView):
    serializer_class = VacancySerializer
    lookup_field = "reference"

    def get_queryset(self):
        return selectors.open_register()


urlpatterns = [
    path("vacancies/", VacancyListView.as_view(), name="talent_vacancies"),
    path("vacancies/<str:reference>/", VacancyDetailView.as_view(), name="talent_vacancy"),
]

"""Read-only API for the catalogue under /api/v1: programmes (with modules, outcomes and the
provider's accreditation) and cohorts with places left. Any authenticated caller may read
what the programmes page shows: open and closed programmes, and its own provider's drafts."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.routers import SimpleRouter

from carelead.api.views import NOT_FOUND, UNAUTHENTICATED, ApiViewSetMixin
from carelead.learning.models import Cohort, Module, Programme
from carelead.learning.selectors import catalogue as selectors

# Responses: every field listed on purpose, never "__all__".


class ModuleSerializer(serializers.ModelSerializer):
    delivery_mode_label = serializers.CharField(source="get_delivery_mode_display")
    focus_label = serializers.CharField(source="get_focus_display")

    class Meta:
        model = Module
        fields = [
            "code",
            "title",
            "summary",
            "duration_hours",
            "delivery_mode",
            "delivery_mode_label",
            "focus",
            "focus_label",
        ]


class OutcomeSerializer(serializers.Serializer):
    competency = serializers.CharField(source="item.code", help_text="Competency code.")
    competency_title = serializers.CharField(source="item.title")
    stage = serializers.CharField(source="stage.code", help_text="Stage code.")


class ProgrammeSerializer(serializers.ModelSerializer):
    # Plain strings with their values in the help text: as enums, drf-spectacular names them
    # by field name and they collide with other apps' "kind" and "status" in the document.
    kind = serializers.CharField(help_text="One of: " + ", ".join(Programme.Kind.values) + ".")
    status = serializers.CharField(help_text="One of: " + ", ".join(Programme.Status.values) + ".")
    provider = serializers.CharField(source="provider.ods_code", help_text="Provider ODS code.")
    provider_name = serializers.CharField(source="provider.name")
    accredited = serializers.BooleanField(
        source="is_accredited",
        help_text="Whether the provider's accreditation is in force today.",
    )
    stage = serializers.CharField(source="stage.code", allow_null=True, default=None)
    framework_version = serializers.CharField(source="framework_version.version")

    class Meta:
        model = Programme
        fields = [
            "code",
            "title",
            "kind",
            "status",
            "summary",
            "provider",
            "provider_name",
            "accredited",
            "stage",
            "framework_version",
            "awards_credential",
        ]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    modules = ModuleSerializer(many=True)
    outcomes = OutcomeSerializer(many=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "modules", "outcomes"]


class CohortSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", help_text="Programme code.")
    provider = serializers.CharField(source="provider.ods_code", help_text="Provider ODS code.")
    region = serializers.CharField(source="region.ods_code", allow_null=True, default=None)
    places_left = serializers.SerializerMethodField()

    class Meta:
        model = Cohort
        fields = [
            "code",
            "programme",
            "provider",
            "region",
            "starts_on",
            "ends_on",
            "is_online",
            "location",
            "places",
            "places_left",
        ]

    def get_places_left(self, cohort) -> int:
        return max(cohort.places_left, 0)


class ProgrammeFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=Programme.Kind.choices, required=False, help_text="Only programmes of this kind."
    )


class CohortFilterSerializer(serializers.Serializer):
    programme = serializers.CharField(
        required=False, max_length=60, help_text="Only cohorts of the programme with this code."
    )


# Views


@extend_schema_view(
    list=extend_schema(
        summary="List programmes",
        parameters=[ProgrammeFilterSerializer],
        responses={200: ProgrammeSerializer(many=True), 401: UNAUTHENTICATED},
    ),
    retrieve=extend_schema(
        summary="One programme by code, with modules and outcomes",
        responses={200: ProgrammeDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    ),
)
class ProgrammeViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Programmes to browse, each with its provider's ODS code and accreditation."""

    filter_serializer_class = ProgrammeFilterSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_serializer_class(self):
        return ProgrammeDetailSerializer if self.action == "retrieve" else ProgrammeSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.programmes_to_browse(
                self.request.user, **self.filters()
            ).select_related("framework_version")
        return (
            selectors.programmes_to_browse(self.request.user)
            .select_related("framework_version")
            .prefetch_related("outcomes__item", "outcomes__stage")
        )


@extend_schema_view(
    list=extend_schema(
        summary="List cohorts",
        parameters=[CohortFilterSerializer],
        responses={200: CohortSerializer(many=True), 401: UNAUTHENTICATED},
    ),
)
class CohortViewSet(ApiViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Cohorts of the programmes the caller may browse, with places and places left."""

    serializer_class = CohortSerializer
    filter_serializer_class = CohortFilterSerializer

    def get_queryset(self):
        params = self.filters()
        return selectors.cohorts_to_browse(
            self.request.user, programme_code=params.get("programme")
        )


router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("cohorts", CohortViewSet, basename="cohort")

urlpatterns = router.urls

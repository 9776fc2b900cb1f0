"""Response shapes. Every field is listed explicitly (never ``fields = "__all__"``) so that a
new model field, and above all anything from equality monitoring, reaches the API only when
someone adds it here on purpose."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from carelead.organisations.models import CqcRating, Organisation, OrganisationKind
from carelead.people.models import Employment, Person

# Query parameters -------------------------------------------------------------------------


class OrganisationFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=OrganisationKind.choices,
        required=False,
        help_text="Only organisations of this kind.",
    )
    region = serializers.CharField(
        required=False, max_length=12, help_text="ODS code of the current NHS England region."
    )
    icb = serializers.CharField(
        required=False, max_length=12, help_text="ODS code of the current integrated care board."
    )
    open = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: open today; false: closed or not yet open.",
    )
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of the name, or an exact ODS code."
    )


class EmploymentFilterSerializer(serializers.Serializer):
    organisation = serializers.CharField(
        required=False, max_length=12, help_text="ODS code of the employing organisation."
    )
    current = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: employments that are current today; false: past or future ones.",
    )
    person = serializers.CharField(required=False, max_length=20, help_text="Person number.")
    updated_since = serializers.DateTimeField(
        required=False, help_text="Only records changed at or after this time (ISO 8601)."
    )


class PersonFilterSerializer(serializers.Serializer):
    organisation = serializers.CharField(
        required=False,
        max_length=12,
        help_text="ODS code: people employed (now or before) by this organisation.",
    )
    current = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: people with a current employment in scope; false: people without one.",
    )
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of the name, or an exact person number."
    )
    updated_since = serializers.DateTimeField(
        required=False, help_text="Only people whose record changed at or after this time."
    )


# Organisations ----------------------------------------------------------------------------


class OversightSegmentSerializer(serializers.Serializer):
    segment = serializers.IntegerField(help_text="NHS Oversight Framework segment, 1 to 5.")
    label = serializers.CharField(source="get_segment_display")
    effective_from = serializers.DateField()


# well_led may be blank where overall may not; as its own field type it gets its own enum rather
# than a second name for overall's choice set (which drf-spectacular warns about).
@extend_schema_field(
    {"type": "string", "enum": [*CqcRating.Rating.values, ""], "description": "Blank if unrated."}
)
class RatingOrBlankField(serializers.CharField):
    pass


class CqcRatingSerializer(serializers.ModelSerializer):
    well_led = RatingOrBlankField(read_only=True)

    class Meta:
        model = CqcRating
        fields = ["overall", "well_led", "rated_on"]


class SuccessionLinkSerializer(serializers.Serializer):
    ods_code = serializers.CharField()
    effective_on = serializers.DateField()
    partial = serializers.BooleanField()


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    region = serializers.CharField(
        source="region.ods_code", allow_null=True, default=None, read_only=True
    )
    icb = serializers.CharField(
        source="icb.ods_code", allow_null=True, default=None, read_only=True
    )
    is_open = serializers.BooleanField(read_only=True)
    oversight_segment = serializers.SerializerMethodField()
    cqc_rating = serializers.SerializerMethodField()
    predecessors = serializers.SerializerMethodField()
    successors = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "ods_code",
            "name",
            "kind",
            "kind_label",
            "region",
            "icb",
            "opened_on",
            "closed_on",
            "is_open",
            "oversight_segment",
            "cqc_rating",
            "predecessors",
            "successors",
            "updated_at",
        ]

    # The selectors attach these lists with Prefetch(to_attr=...) so no row costs a query.

    @extend_schema_field(OversightSegmentSerializer(allow_null=True))
    def get_oversight_segment(self, obj):
        segments = obj.api_current_segments
        return OversightSegmentSerializer(segments[0]).data if segments else None

    @extend_schema_field(CqcRatingSerializer(allow_null=True))
    def get_cqc_rating(self, obj):
        ratings = obj.api_ratings
        return CqcRatingSerializer(ratings[0]).data if ratings else None

    @extend_schema_field(SuccessionLinkSerializer(many=True))
    def get_predecessors(self, obj):
        return [
            {
                "ods_code": s.predecessor.ods_code,
                "effective_on": s.effective_on,
                "partial": s.partial,
            }
            for s in obj.api_predecessions
        ]

    @extend_schema_field(SuccessionLinkSerializer(many=True))
    def get_successors(self, obj):
        return [
            {"ods_code": s.successor.ods_code, "effective_on": s.effective_on, "partial": s.partial}
            for s in obj.api_successions
        ]


# People and employments -------------------------------------------------------------------


class LineManagerSerializer(serializers.Serializer):
    person_number = serializers.CharField()
    assignment_number = serializers.CharField()


class EmploymentSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.person_number", read_only=True)
    organisation = serializers.CharField(source="organisation.ods_code", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    staff_group = serializers.CharField(source="staff_group_id", read_only=True)
    pay_band = serializers.CharField(source="pay_band_id", allow_null=True, read_only=True)
    line_manager = serializers.SerializerMethodField()
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Employment
        fields = [
            "person",
            "assignment_number",
            "organisation",
            "organisation_name",
            "job_title",
            "staff_group",
            "pay_band",
            "management_level",
            "line_manager",
            "start_date",
            "end_date",
            "fte",
            "is_current",
            "updated_at",
        ]

    @extend_schema_field(LineManagerSerializer(allow_null=True))
    def get_line_manager(self, obj):
        manager = obj.line_manager
        if manager is None or not getattr(obj, "api_line_manager_visible", False):
            return None
        return {
            "person_number": manager.person.person_number,
            "assignment_number": manager.assignment_number,
        }


class PersonEmploymentSerializer(EmploymentSerializer):
    class Meta(EmploymentSerializer.Meta):
        fields = [f for f in EmploymentSerializer.Meta.fields if f != "person"]


class PersonSerializer(serializers.ModelSerializer):
    employments = PersonEmploymentSerializer(
        source="api_employments",
        many=True,
        read_only=True,
        help_text="Only the employments in organisations within the caller's scope.",
    )

    class Meta:
        model = Person
        fields = [
            "person_number",
            "given_name",
            "family_name",
            "email",
            "employments",
            "updated_at",
        ]


# Service -------------------------------------------------------------------------------------


class HealthSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "error"])
    database = serializers.ChoiceField(choices=["ok", "unreachable"])

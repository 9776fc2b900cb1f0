"""API routes for career pathways under /api/v1. Published pathways are public reference data,
like the frameworks, so these answer without authentication; drafts and retired pathways
are never served."""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from carelead.api.views import PublicToDjangoMixin
from carelead.talent.models import Pathway
from carelead.talent.selectors import pathways as selectors

# Responses: every field listed on purpose, never "__all__".


class PathwayStepSerializer(serializers.Serializer):
    order = serializers.IntegerField(help_text="Position on the pathway, from 1.")
    title = serializers.CharField()
    description = serializers.CharField()
    job_titles = serializers.ListField(
        child=serializers.CharField(),
        help_text="Lower-case fragments of job titles that recognise the step in employment "
        "history.",
    )
    management_level = serializers.IntegerField(allow_null=True)
    credential_stage = serializers.CharField(
        source="credential_stage.code",
        allow_null=True,
        default=None,
        help_text="Code of the Management and Leadership Framework stage whose credential the "
        "step needs (null: none).",
    )
    credential_stage_name = serializers.CharField(
        source="credential_stage.name", allow_null=True, default=None
    )
    programmes = serializers.SerializerMethodField(help_text="Codes of programmes that prepare.")

    def get_programmes(self, step) -> list[str]:
        return [p.code for p in step.programmes.all()]


class PathwaySerializer(serializers.Serializer):
    code = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    # A plain string with its values in the help text: as an enum, drf-spectacular would name
    # it by field name and collide with other apps' "audience".
    audience = serializers.CharField(
        help_text="One of: " + ", ".join(Pathway.Audience.values) + "."
    )
    audience_label = serializers.CharField(source="get_audience_display")
    source = serializers.CharField(help_text="What the route follows; carelead's wording.")
    steps = PathwayStepSerializer(many=True, source="steps.all")


class PublicPathwayView(PublicToDjangoMixin, APIView):
    authentication_classes = []
    permission_classes = [AllowAny]


class PathwayListView(PublicPathwayView):
    @extend_schema(
        summary="List published career pathways",
        description="Every published pathway with its steps: the credential each step needs "
        "(a framework stage) and the programmes that prepare for it. See "
        "docs/talent-pathways.md.",
        auth=[],
        responses={200: PathwaySerializer(many=True)},
    )
    def get(self, request):
        return Response(PathwaySerializer(selectors.published_pathways(), many=True).data)


class PathwayDetailView(PublicPathwayView):
    @extend_schema(
        summary="One published career pathway",
        auth=[],
        responses={
            200: PathwaySerializer,
            404: OpenApiResponse(description="No published pathway has this code."),
        },
    )
    def get(self, request, code):
        return Response(PathwaySerializer(selectors.published_pathway(code)).data)


urlpatterns: list = [
    path("pathways/", PathwayListView.as_view(), name="pathways"),
    path("pathways/<slug:code>/", PathwayDetailView.as_view(), name="pathway"),
]

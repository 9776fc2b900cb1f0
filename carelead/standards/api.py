"""API routes for frameworks (CASE JSON) under /api/v1. Published and retired versions are
public reference data, so these answer without authentication; drafts are never served."""

from django.http import Http404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from carelead.api.views import PublicToDjangoMixin
from carelead.standards import exchange, selectors


class CFDocumentSerializer(serializers.Serializer):
    """The CASE 1.0 CFDocument of a published or retired framework version."""

    identifier = serializers.UUIDField()
    uri = serializers.CharField()
    creator = serializers.CharField()
    title = serializers.CharField()
    version = serializers.CharField()
    adoptionStatus = serializers.ChoiceField(choices=["Draft", "Adopted", "Deprecated"])
    statusStartDate = serializers.DateField(required=False)
    frameworkType = serializers.CharField()
    language = serializers.CharField()
    lastChangeDateTime = serializers.DateTimeField()
    packageURI = serializers.CharField(help_text="The CFPackage for this version.")


class PublicFrameworkView(PublicToDjangoMixin, APIView):
    authentication_classes = []
    permission_classes = [AllowAny]


class FrameworkListView(PublicFrameworkView):
    @extend_schema(
        summary="List framework versions (CASE CFDocuments)",
        description="Every published and retired version of every framework, newest first.",
        auth=[],
        responses={200: CFDocumentSerializer(many=True)},
    )
    def get(self, request):
        documents = []
        for version in selectors.visible_versions().order_by("framework__title", "-effective_from"):
            document = {
                **_document(version),
                "packageURI": request.build_absolute_uri(
                    reverse("api:framework-case", kwargs={"identifier": version.identifier})
                ),
            }
            documents.append(document)
        return Response(documents)


class FrameworkCaseView(PublicFrameworkView):
    @extend_schema(
        summary="One framework version as a CASE 1.0 CFPackage",
        description="CFDocument, CFItems (items, stages and descriptors), CFAssociations, "
        "CFDefinitions and CFRubrics (rating scales). See docs/standards.md.",
        auth=[],
        responses={
            200: OpenApiTypes.OBJECT,
            404: OpenApiResponse(description="No published or retired version has this id."),
        },
    )
    def get(self, request, identifier):
        version = selectors.version_by_identifier(identifier)
        if version is None:
            raise Http404("No such framework version")
        return Response(exchange.version_to_case(version))


def _document(version) -> dict:
    document = exchange.version_to_case_document(version)
    return {
        key: document[key]
        for key in CFDocumentSerializer().fields
        if key in document and key != "packageURI"
    }


urlpatterns: list = [
    path("frameworks/", FrameworkListView.as_view(), name="framework-list"),
    path("frameworks/<uuid:identifier>/", FrameworkCaseView.as_view(), name="framework-case"),
]

"""The REST API, version 1. Views only parse the query, call a selector and serialise:
what a caller may see is decided in carelead/api/selectors.py."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.shortcuts import render
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import mixins, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from carelead.api import presenters, selectors
from carelead.api.authentication import ServiceAccountTokenAuthentication
from carelead.api.serializers import (
    EmploymentFilterSerializer,
    EmploymentSerializer,
    HealthSerializer,
    OrganisationFilterSerializer,
    OrganisationSerializer,
    PersonFilterSerializer,
    PersonSerializer,
)


class PublicToDjangoMixin:
    """DRF authenticates API requests itself (and answers 401 JSON), so Django's
    LoginRequiredMiddleware must not redirect them to the sign-in page first."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class ApiPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ApiViewSetMixin(PublicToDjangoMixin):
    authentication_classes = [ServiceAccountTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserRateThrottle]
    pagination_class = ApiPagination
    filter_serializer_class = None

    def filters(self) -> dict:
        """The validated query parameters; bad ones answer 400 naming each parameter."""
        serializer = self.filter_serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}


NOT_FOUND = OpenApiResponse(description="No such record within the caller's scope.")
UNAUTHENTICATED = OpenApiResponse(description="No valid token or session.")


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        parameters=[OrganisationFilterSerializer],
        responses={200: OrganisationSerializer(many=True), 401: UNAUTHENTICATED},
    ),
    retrieve=extend_schema(
        summary="One organisation by ODS code",
        responses={200: OrganisationSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    ),
)
class OrganisationViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Organisations from the directory, with their current parents, oversight segment, latest
    CQC rating and succession links. Any authenticated caller may read every organisation."""

    serializer_class = OrganisationSerializer
    filter_serializer_class = OrganisationFilterSerializer
    lookup_field = "ods_code"
    lookup_value_regex = "[A-Za-z0-9]+"

    def get_queryset(self):
        if self.action == "list":
            params = self.filters()
            params["is_open"] = params.pop("open", None)
            return selectors.organisations_for(self.request.user, **params)
        return selectors.organisation_queryset_for(self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List people in scope",
        parameters=[PersonFilterSerializer],
        responses={200: PersonSerializer(many=True), 401: UNAUTHENTICATED},
    ),
    retrieve=extend_schema(
        summary="One person by person number",
        responses={200: PersonSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    ),
)
class PersonViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """People employed by an organisation the caller is people lead for, each with only their
    employments in those organisations. Anyone else answers 404. Equality monitoring answers
    are never part of any response."""

    serializer_class = PersonSerializer
    filter_serializer_class = PersonFilterSerializer
    lookup_field = "person_number"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_queryset(self):
        if self.action == "list":
            return selectors.people_for(self.request.user, **self.filters())
        return selectors.people_for(self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List employments in scope",
        parameters=[EmploymentFilterSerializer],
        responses={200: EmploymentSerializer(many=True), 401: UNAUTHENTICATED},
    ),
)
class EmploymentViewSet(ApiViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Employments in organisations the caller is people lead for."""

    serializer_class = EmploymentSerializer
    filter_serializer_class = EmploymentFilterSerializer

    def get_queryset(self):
        return selectors.employments_for(self.request.user, **self.filters())


class HealthView(PublicToDjangoMixin, APIView):
    """Whether the service can reach its database. Public, for load balancers and monitoring;
    503 when the database cannot be reached."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Service health",
        auth=[],
        responses={200: HealthSerializer, 503: HealthSerializer},
    )
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            return Response({"status": "error", "database": "unreachable"}, status=503)
        return Response({"status": "ok", "database": "ok"})


class OpenApiDocumentView(PublicToDjangoMixin, SpectacularJSONAPIView):
    # The document is public: a stale or wrong token must not stop anyone reading it.
    authentication_classes = []
    permission_classes = [AllowAny]


@login_not_required
def docs(request):
    return render(
        request,
        "api/docs.jinja",
        {
            "page_title": "carelead API",
            "endpoints": presenters.api_endpoints(),
            "page_size": ApiPagination.page_size,
            "max_page_size": ApiPagination.max_page_size,
        },
    )

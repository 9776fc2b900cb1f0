"""API routes for completions (see the package's __init__).

A training provider's system sends each completion with an ``Idempotency-Key`` header: the
same key and body again answers 200 with the completion recorded first; the same key with a
different body answers 409. Only service accounts holding the training provider role may call
it, and only for their own provider's programmes and cohorts.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from carelead.api.authentication import ServiceAccountTokenAuthentication
from carelead.api.views import ApiPagination, PublicToDjangoMixin
from carelead.learning.models import Completion, Module, Programme
from carelead.learning.selectors import records as selectors
from carelead.learning.services import records as services
from carelead.people.models import Person


class IsProviderServiceAccount(BasePermission):
    message = "Only a training provider's service account may use this endpoint."

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user.is_authenticated
            and user.is_service_account
            and selectors.provider_organisations(user).exists()
        )


class CompletionInSerializer(serializers.Serializer):
    person_number = serializers.CharField(max_length=20)
    programme_code = serializers.CharField(max_length=60)
    module_code = serializers.CharField(max_length=60, required=False, allow_blank=True)
    completed_on = serializers.DateField(help_text="YYYY-MM-DD")


class CompletionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    person_number = serializers.CharField(source="person.person_number")
    programme_code = serializers.CharField(source="programme.code")
    module_code = serializers.SerializerMethodField()
    completed_on = serializers.DateField()
    source = serializers.CharField()
    idempotency_key = serializers.CharField()
    credential_url = serializers.SerializerMethodField(
        help_text="The public page of the credential this completion earned, if any."
    )
    recorded_at = serializers.DateTimeField(source="created_at")

    def get_module_code(self, completion) -> str:
        return completion.module.code if completion.module_id else ""

    def get_credential_url(self, completion) -> str | None:
        from django.urls import reverse

        try:
            credential = completion.credential
        except Completion.credential.RelatedObjectDoesNotExist:
            return None
        url = reverse("learning:credential_verify", kwargs={"public_id": credential.public_id})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    location=OpenApiParameter.HEADER,
    required=True,
    description="Your unique id for this completion (up to 100 characters). Sending it again "
    "with the same body records nothing new.",
)
# Which request field a service error keyed by argument is about.
FIELD_FOR_ARGUMENT = {
    "person": "person_number",
    "programme": "programme_code",
    "module": "module_code",
    "completed_on": "completed_on",
    "idempotency_key": "Idempotency-Key",
}


def _bad_request(field: str, message: str) -> Response:
    return Response({field: [message]}, status=status.HTTP_400_BAD_REQUEST)


class CompletionListView(PublicToDjangoMixin, APIView):
    """A training provider's completions: list them, or record one."""

    authentication_classes = [ServiceAccountTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, IsProviderServiceAccount]
    throttle_classes = [UserRateThrottle]

    def _provider(self):
        return selectors.provider_organisations(self.request.user).order_by("pk").first()

    @extend_schema(
        summary="List your completions",
        responses={200: CompletionSerializer(many=True)},
    )
    def get(self, request):
        paginator = ApiPagination()
        completions = selectors.completions_for_provider(self._provider())
        page = paginator.paginate_queryset(completions, request, view=self)
        data = CompletionSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        summary="Record a completion",
        request=CompletionInSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: CompletionSerializer,
            200: OpenApiResponse(CompletionSerializer, description="Already recorded."),
            400: OpenApiResponse(description="A field is wrong; the message names it."),
            409: OpenApiResponse(description="The key was used for a different completion."),
        },
    )
    def post(self, request):
        provider = self._provider()
        key = (request.headers.get("Idempotency-Key") or "").strip()
        if not key:
            return _bad_request("Idempotency-Key", "Send an Idempotency-Key header.")
        if len(key) > services.IDEMPOTENCY_KEY_MAX:
            return _bad_request(
                "Idempotency-Key",
                f"The Idempotency-Key must be {services.IDEMPOTENCY_KEY_MAX} characters or fewer.",
            )
        body = CompletionInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data

        existing = selectors.completion_by_key(provider, key)
        if existing is not None:
            same = (
                existing.person.person_number == data["person_number"]
                and existing.programme.code == data["programme_code"]
                and (existing.module.code if existing.module_id else "")
                == data.get("module_code", "")
                and existing.completed_on == data["completed_on"]
            )
            if not same:
                return self._conflict(key)
            return Response(CompletionSerializer(existing, context={"request": request}).data)

        # A programme the provider neither owns nor runs a cohort of is answered like one
        # that does not exist, so the API does not reveal other providers' catalogues.
        programme = (
            Programme.objects.filter(
                Q(provider=provider) | Q(cohorts__provider=provider), code=data["programme_code"]
            )
            .distinct()
            .first()
        )
        if programme is None:
            return _bad_request(
                "programme_code",
                f"Your organisation runs no programme with the code {data['programme_code']!r}.",
            )
        module = None
        if data.get("module_code"):
            module = Module.objects.filter(programme=programme, code=data["module_code"]).first()
            if module is None:
                return _bad_request(
                    "module_code",
                    f"{programme.title} has no module with the code {data['module_code']!r}.",
                )
        not_enrolled = f"Nobody with this person number is enrolled on {programme.title}."
        person = Person.objects.filter(person_number=data["person_number"]).first()
        if person is None:
            return _bad_request("person_number", not_enrolled)
        try:
            completion = services.completion_record(
                actor=request.user,
                provider=provider,
                person=person,
                programme=programme,
                module=module,
                completed_on=data["completed_on"],
                source=Completion.Source.API,
                idempotency_key=key,
            )
        except services.CompletionConflict:
            return self._conflict(key)
        except ValidationError as error:
            # Say nothing about a person who is not this provider's learner (not even that
            # the number exists): the service's own message names them.
            if _codes(error) & {"not_enrolled", "not_provider"}:
                return _bad_request("person_number", not_enrolled)
            return Response(_error_body(error), status=status.HTTP_400_BAD_REQUEST)
        completion = selectors.completion_by_key(provider, key)
        return Response(
            CompletionSerializer(completion, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    def _conflict(self, key):
        return Response(
            {
                "detail": f"The Idempotency-Key {key!r} was already used for a different "
                "completion. Use a new key for a new completion."
            },
            status=status.HTTP_409_CONFLICT,
        )


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors if e.code}
    return {e.code for e in error.error_list if e.code}


def _error_body(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            FIELD_FOR_ARGUMENT.get(key, key): messages
            for key, messages in error.message_dict.items()
        }
    return {"detail": " ".join(error.messages)}


urlpatterns = [
    path("completions/", CompletionListView.as_view(), name="completion-list"),
]

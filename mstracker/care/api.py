"""Care team API: the patient's shares and access log, the clinician's accept and panel.

``/api/v1/shares/``, ``/api/v1/access-log/`` (patients), ``/api/v1/clinician/accept/``,
``/api/v1/clinician/patients/`` and ``/api/v1/clinician/patients/{id}/`` with its
``notes/`` (clinicians). Field names are the contract of issue 11.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from mstracker.accounts.models import Role
from mstracker.api.conditional import ETagMixin, VersionedSerializerMixin
from mstracker.versioning import RecordModifiedError

from . import codes, invitations, panel
from .access import SubjectViewSetMixin, display_name, require_two_factor
from .flags import FLAG_SCOPES
from .models import AccessEvent, ClinicalNote, Share, ShareStatus, VisitNote
from .scopes import EXPIRY_DAYS, Scope


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()
    email = serializers.EmailField()
    verified = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return display_name(user)

    def get_verified(self, user) -> bool:
        return hasattr(user, "clinician_verification")


class StatusField(serializers.ChoiceField):
    """``pending``, ``active``, ``expired`` or ``revoked`` (``ShareStatusEnum`` in the schema)."""

    def __init__(self, **kwargs):
        super().__init__(choices=ShareStatus.choices, read_only=True, **kwargs)


class ScopesField(serializers.ListField):
    child = serializers.ChoiceField(choices=Scope.choices)

    def __init__(self, **kwargs):
        super().__init__(allow_empty=False, **kwargs)

    def to_internal_value(self, data):
        chosen = set(super().to_internal_value(data))
        return [scope for scope in Scope.values if scope in chosen]


def expires_field(**kwargs):
    return serializers.ChoiceField(
        choices=EXPIRY_DAYS,
        allow_null=True,
        help_text="30, 182 (6 months) or 365 days from now; null: until revoked.",
        **kwargs,
    )


class ShareSerializer(serializers.ModelSerializer):
    status = StatusField()
    clinician = PersonSerializer(read_only=True, allow_null=True)
    invited_email = serializers.SerializerMethodField()

    class Meta:
        model = Share
        fields = (
            "id",
            "scopes",
            "expires_at",
            "status",
            "clinician",
            "last_viewed_at",
            "created_at",
            "invited_email",
        )
        read_only_fields = fields

    def get_invited_email(self, share) -> str | None:
        invitation = getattr(share, "invitation", None)
        return invitation.email or None if invitation else None


class ShareCreateSerializer(serializers.Serializer):
    scopes = ScopesField()
    expires_in_days = expires_field(required=False, default=None)
    clinician_email = serializers.EmailField(required=False, allow_blank=True, default="")


class ShareCreatedSerializer(ShareSerializer):
    code = serializers.CharField(
        read_only=True, allow_null=True, help_text="The one-time code (15 minutes), once."
    )
    code_expires_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta(ShareSerializer.Meta):
        fields = (*ShareSerializer.Meta.fields, "code", "code_expires_at")
        read_only_fields = fields


class ShareUpdateSerializer(serializers.Serializer):
    scopes = ScopesField(required=False)
    expires_in_days = expires_field(required=False)


class ShareViewSet(
    SubjectViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The patient's shares: invite by email or code, change scopes or expiry, revoke."""

    care_resource = "shares"
    owner_field = "patient"
    queryset = Share.objects.select_related("clinician__clinician_verification", "invitation")
    serializer_class = ShareSerializer

    @extend_schema(request=ShareCreateSerializer, responses={201: ShareCreatedSerializer})
    def create(self, request):
        form = ShareCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        share, code = invitations.create_share(
            self.subject, data["scopes"], data["expires_in_days"], data["clinician_email"]
        )
        share.code = codes.display(code) if code else None
        share.code_expires_at = share.invitation.expires_at if code else None
        return Response(ShareCreatedSerializer(share).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ShareUpdateSerializer, responses=ShareSerializer)
    def partial_update(self, request, pk=None):
        share = self.get_object()
        form = ShareUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        if share.revoked_at is not None:
            raise serializers.ValidationError(
                {"detail": ["A revoked share cannot be changed. Share again instead."]}
            )
        if "scopes" in form.validated_data:
            share.scopes = form.validated_data["scopes"]
        if "expires_in_days" in form.validated_data:
            share.expires_at = invitations.expiry(
                form.validated_data["expires_in_days"], timezone.now()
            )
        share.save(update_fields=["scopes", "expires_at"])
        return Response(ShareSerializer(share).data)

    @extend_schema(responses={204: None}, summary="Revoke a share (effective at once)")
    def destroy(self, request, pk=None):
        self.get_object().revoke()
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccessEventSerializer(serializers.ModelSerializer):
    reader = serializers.SerializerMethodField()

    class Meta:
        model = AccessEvent
        fields = ("id", "reader", "action", "what", "object_id", "at", "ip")

    def get_reader(self, event) -> dict:
        return {"id": event.reader_id, "name": event.reader_name}


class AccessLogViewSet(SubjectViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Who viewed or exported what of the patient's record, and when (newest first)."""

    care_resource = "access-log"
    owner_field = "patient"
    queryset = AccessEvent.objects.all()
    serializer_class = AccessEventSerializer


class IsClinician:
    message = "This part of MS Tracker is for clinicians."

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.role == Role.CLINICIAN

    def has_object_permission(self, request, view, obj):
        return True


class AcceptSerializer(serializers.Serializer):
    code = serializers.CharField(required=False, allow_blank=True, max_length=40)
    token = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def validate(self, attrs):
        if not (attrs.get("code") or attrs.get("token")):
            raise serializers.ValidationError(
                {"code": ["Enter the patient's code, or open the link from their email."]}
            )
        return attrs


class ClinicianShareSerializer(serializers.ModelSerializer):
    patient = PersonSerializer(read_only=True)
    status = StatusField()

    class Meta:
        model = Share
        fields = ("id", "patient", "scopes", "expires_at", "status", "accepted_at")
        read_only_fields = fields


class AcceptView(APIView):
    """A clinician accepts a share with the patient's one-time code or email link token."""

    permission_classes = [IsClinician]
    throttle_scope = "auth"

    @extend_schema(request=AcceptSerializer, responses=ClinicianShareSerializer)
    def post(self, request):
        form = AcceptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            share = invitations.accept(
                request.user,
                code=form.validated_data.get("code", ""),
                token=form.validated_data.get("token", ""),
            )
        except invitations.InvitationError as error:
            headers = {}
            if isinstance(error, invitations.LockedOut):
                headers["Retry-After"] = str(int(error.retry_after.total_seconds()) + 1)
            return Response({"detail": error.message}, status=error.status, headers=headers)
        return Response(ClinicianShareSerializer(share).data)


class FlagSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=sorted(FLAG_SCOPES))
    text = serializers.CharField()


class PanelRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="patient.id")
    name = serializers.CharField()
    flags = FlagSerializer(many=True)
    last_viewed_at = serializers.DateTimeField(allow_null=True)
    scopes = serializers.ListField(child=serializers.CharField(), source="share.scopes")
    expires_at = serializers.DateTimeField(source="share.expires_at", allow_null=True)
    summary_computed_at = serializers.DateTimeField(source="computed_at", allow_null=True)


class ClinicianPatientViewSet(SubjectViewSetMixin, viewsets.GenericViewSet):
    """The clinician's panel (``?sort=flags|name|last_viewed``, ``?flag=<code>``) and,
    per patient, the summary row with its flags."""

    care_resource = "summary"
    patient_url_kwarg = "pk"
    permission_classes = [IsClinician]
    serializer_class = PanelRowSerializer
    queryset = Share.objects.none()
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        if self.action == "list":  # the clinician's own list: no subject, nothing to log
            return super(SubjectViewSetMixin, self).initial(request, *args, **kwargs)
        return super().initial(request, *args, **kwargs)

    def list(self, request):
        require_two_factor(request.user)
        sort = request.query_params.get("sort", "flags")
        if sort not in panel.SORTS:
            raise serializers.ValidationError({"sort": [f"Use one of: {', '.join(panel.SORTS)}."]})
        flag = request.query_params.get("flag") or None
        if flag and flag not in FLAG_SCOPES:
            raise serializers.ValidationError(
                {"flag": [f"Use one of: {', '.join(sorted(FLAG_SCOPES))}."]}
            )
        rows = panel.panel(request.user, sort=sort, flag=flag)
        return Response(PanelRowSerializer(rows, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(PanelRowSerializer(panel.row_for(self.access.share)).data)


class ClinicalNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClinicalNote
        fields = ("id", "clinician_name", "text", "created_at")
        read_only_fields = ("id", "clinician_name", "created_at")


class ClinicalNoteViewSet(
    SubjectViewSetMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Notes for the patient (they see them on their Today page); the clinician's own."""

    care_resource = "notes"
    owner_field = "patient"
    permission_classes = [IsClinician]
    queryset = ClinicalNote.objects.all()
    serializer_class = ClinicalNoteSerializer

    def get_queryset(self):
        return super().get_queryset().filter(clinician=self.request.user)

    def perform_create(self, serializer):
        serializer.save(
            patient=self.subject,
            clinician=self.request.user,
            clinician_name=display_name(self.request.user),
        )


class VisitNoteSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    updated_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="null until the first save."
    )

    class Meta:
        model = VisitNote
        fields = ("text", "updated_at")
        read_only_fields = ("updated_at",)


class VisitNoteView(SubjectViewSetMixin, ETagMixin, generics.RetrieveUpdateAPIView):
    """The patient's "what I want my neurologist to know" note: one per patient.

    Before the first save it reads as empty text with version 0 and no ETag; a
    first PUT with ``If-None-Match: *`` creates it only if no other device did.
    Clinicians with an active share read it (``/clinician/patients/{id}/visit-note/``).
    """

    care_resource = "visit-note"
    owner_field = "patient"
    queryset = VisitNote.objects.all()
    serializer_class = VisitNoteSerializer

    def get_object(self):
        obj = self.get_queryset().first()
        self.etag_object = obj
        if obj is None:
            return VisitNote(patient=self.subject, version=0)
        return obj

    def perform_update(self, serializer):
        stored = serializer.instance if serializer.instance.pk else None
        self.check_preconditions(stored)
        try:
            with transaction.atomic():
                serializer.save(patient=self.subject)
        except IntegrityError:  # created by another request since this one read
            raise RecordModifiedError(target=serializer.instance) from None
        self.etag_object = serializer.instance

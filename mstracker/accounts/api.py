"""API for accounts: token, registration and the signed-in user's profile."""

from django.contrib.auth import authenticate, password_validation, update_session_auth_hash
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from mstracker.api.schema import FIELD_ERRORS
from mstracker.portability.deletion import confirmation_errors, delete_account
from mstracker.reminders.services import create_defaults, reschedule_user

from . import two_factor
from .credentials import issue_token, revoke_all
from .forms import EMAIL_TAKEN
from .models import ApiToken, Role, User, time_zone_names


class MeSerializer(serializers.ModelSerializer):
    time_zone = serializers.ChoiceField(choices=time_zone_names())

    class Meta:
        model = User
        fields = ("id", "username", "email", "role", "time_zone", "ms_course", "diagnosis_year")
        read_only_fields = ("id", "username", "role")

    def validate_email(self, value):
        if User.objects.email_taken(value, exclude=self.instance):
            raise serializers.ValidationError(EMAIL_TAKEN)
        return value

    def update(self, instance, validated_data):
        old_zone = instance.time_zone
        user = super().update(instance, validated_data)
        if user.time_zone != old_zone:
            reschedule_user(user)  # reminders follow the new zone from now on
        return user


class RegisterSerializer(serializers.ModelSerializer):
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    role = serializers.ChoiceField(choices=Role.choices, default=Role.PATIENT)
    time_zone = serializers.ChoiceField(choices=time_zone_names(), default="UTC")

    class Meta:
        model = User
        fields = ("username", "email", "password", "role", "time_zone")

    def validate_username(self, value):
        if User.objects.filter(username__iexact=value).exists():
            raise serializers.ValidationError("This username is taken.")
        return value

    def validate_email(self, value):
        if User.objects.email_taken(value):
            raise serializers.ValidationError(EMAIL_TAKEN)
        return value

    def validate(self, attrs):
        candidate = User(username=attrs["username"], email=attrs["email"])
        try:
            password_validation.validate_password(attrs["password"], candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from None
        return attrs

    def create(self, validated_data):
        user = User.objects.create_user(**validated_data)
        create_defaults(user)
        return user


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="Your username or email address.")
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="With two-factor on: the 6-digit code of your authenticator app, "
        "or one of your recovery codes.",
    )
    device = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="What this token is for (e.g. \"Alice's phone\"); default: the client's "
        "User-Agent.",
    )

    def validate(self, attrs):
        # django-axes counts failures on the Django request, not on DRF's wrapper.
        request = self.context["request"]
        user = authenticate(
            request=getattr(request, "_request", request),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                "Unable to log in with provided credentials.", code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`; shown once.")
    expires_at = serializers.DateTimeField()


def token_body(row, clear):
    return {"token": clear, "expires_at": serializers.DateTimeField().to_representation(row.expiry)}


class TokenView(APIView):
    """Exchange a username (or email) and password for a new API token of this device."""

    permission_classes = [permissions.AllowAny]
    throttle_scope = "auth"

    @extend_schema(
        request=TokenRequestSerializer,
        responses=TokenResponseSerializer,
        examples=[
            OpenApiExample("Log in", value={"username": "alice", "password": "a-long-secret-pass"}),
        ],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        two_factor.check_token_otp(user, serializer.validated_data.get("otp", ""))
        label = serializer.validated_data.get("device") or request.headers.get("User-Agent", "")
        return Response(token_body(*issue_token(user, label)))

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        """Revoke the token used for this request (log out a script)."""
        if isinstance(request.auth, ApiToken):
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()


class TotpStartSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The TOTP key in base32 (RFC 4648).")
    otpauth_uri = serializers.CharField(help_text="`otpauth://totp/...` for a QR code.")


class TotpConfirmSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32, help_text="The 6 digits the app shows now.")


class TotpStartView(APIView):
    """Start two-factor enrolment: a new TOTP key (6 digits, 30 s, SHA-1), not yet on."""

    throttle_scope = "auth"

    @extend_schema(request=None, responses=TotpStartSerializer)
    def post(self, request):
        secret, uri = two_factor.start_totp(request.user)
        return Response({"secret": secret, "otpauth_uri": uri})


class TotpConfirmView(APIView):
    """Turn two-factor on with a first code; answers the recovery codes (shown once).
    Every other token and every session is revoked; the token endpoint then needs `otp`."""

    throttle_scope = "auth"

    @extend_schema(
        request=TotpConfirmSerializer,
        responses=inline_serializer(
            "TotpConfirmResponse",
            {"recovery_codes": serializers.ListField(child=serializers.CharField())},
        ),
    )
    def post(self, request):
        serializer = TotpConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        codes = two_factor.confirm_totp(request.user, serializer.validated_data["code"])
        if codes is None:
            raise serializers.ValidationError({"code": ["This code is wrong or expired."]})
        keep_token = request.auth if isinstance(request.auth, ApiToken) else None
        session = getattr(request._request, "session", None)
        keep_session = session.session_key if keep_token is None and session else None
        revoke_all(request.user, keep_token=keep_token, keep_session=keep_session)
        if keep_session:
            two_factor.mark_session_verified(
                request._request, two_factor.verify_device(request.user)
            )
        return Response({"recovery_codes": codes})


class ApiTokenSerializer(serializers.ModelSerializer):
    device = serializers.CharField(source="label", read_only=True)
    created_at = serializers.DateTimeField(source="created", read_only=True)
    expires_at = serializers.DateTimeField(source="expiry", read_only=True)
    current = serializers.SerializerMethodField(help_text="The token of this request.")

    class Meta:
        model = ApiToken
        fields = ("id", "device", "created_at", "last_used_at", "expires_at", "current")
        read_only_fields = fields

    def get_current(self, row) -> bool:
        auth = self.context["request"].auth
        return isinstance(auth, ApiToken) and auth.pk == row.pk


class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your API tokens, one per device: list them and revoke any (another user's is a 404)."""

    serializer_class = ApiTokenSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user, expiry__gt=timezone.now())


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate_old_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("This is not your password.")
        return value

    def validate(self, attrs):
        try:
            password_validation.validate_password(
                attrs["new_password"], self.context["request"].user
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"new_password": list(exc.messages)}) from None
        return attrs


class PasswordView(APIView):
    """Change your password: every other token and every browser session is revoked."""

    throttle_scope = "auth"

    @extend_schema(request=PasswordChangeSerializer, responses={204: None})
    def post(self, request):
        serializer = PasswordChangeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = request.user
        keep_token = request.auth if isinstance(request.auth, ApiToken) else None
        session = getattr(request._request, "session", None)
        keep_session = session.session_key if session is not None and keep_token is None else None
        user.set_password(serializer.validated_data["new_password"])
        user.keep_credentials = (keep_token, keep_session)
        user.save()
        if keep_session:
            update_session_auth_hash(request._request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegisterView(generics.CreateAPIView):
    """Create an account for a non-browser client and return its token."""

    permission_classes = [permissions.AllowAny]
    throttle_scope = "register"
    serializer_class = RegisterSerializer

    @extend_schema(
        responses={
            201: inline_serializer(
                "RegisterResponse",
                {
                    "id": serializers.IntegerField(),
                    "username": serializers.CharField(),
                    "role": serializers.CharField(),
                    "token": serializers.CharField(),
                    "expires_at": serializers.DateTimeField(),
                },
            )
        }
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        row, clear = issue_token(user, request.headers.get("User-Agent", ""))
        body = {"id": user.id, "username": user.username, "role": user.role, "token": clear}
        body["expires_at"] = token_body(row, clear)["expires_at"]
        return Response(body, status=status.HTTP_201_CREATED)


class DeleteAccountSerializer(serializers.Serializer):
    password = serializers.CharField(
        write_only=True, style={"input_type": "password"}, help_text="Your password, again."
    )
    otp = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="With two-factor on: the code from the app, or a recovery code.",
    )

    def validate(self, attrs):
        errors = confirmation_errors(
            self.context["request"].user, attrs["password"], attrs.get("otp", "")
        )
        if errors:
            raise serializers.ValidationError({f: [m] for f, m in errors.items()})
        return attrs


class MeView(generics.RetrieveUpdateDestroyAPIView):
    """The signed-in user's profile. ``role`` is chosen at registration.

    ``DELETE`` with ``{"password": ...}`` deletes the account and every record in it
    (export it first: ``GET /api/v1/export/``).
    """

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self):
        return self.request.user

    def get_throttles(self):
        if self.request.method == "DELETE":
            self.throttle_scope = "auth"  # a password check: limited like the token view
        return super().get_throttles()

    @extend_schema(
        request=DeleteAccountSerializer,
        responses={
            204: None,
            400: OpenApiResponse(
                FIELD_ERRORS,
                description='The password is missing or wrong: `{"password": [message]}`; '
                'with two-factor on, the code is missing or wrong: `{"otp": [message]}`. '
                'Send `{"password": "...", "otp": "..."}` as the JSON body (OpenAPI 3.0 '
                "cannot describe a DELETE body).",
            ),
        },
    )
    def delete(self, request, *args, **kwargs):
        serializer = DeleteAccountSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        delete_account(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

"""API for accounts: token, registration and the signed-in user's profile."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from mstracker.api.schema import FIELD_ERRORS
from mstracker.portability.deletion import delete_account
from mstracker.reminders.services import create_defaults, reschedule_user

from .forms import EMAIL_TAKEN
from .models import Role, User, time_zone_names


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


class TokenView(APIView):
    """Exchange a username (or email) and password for an API token."""

    permission_classes = [permissions.AllowAny]
    throttle_scope = "auth"
    serializer_class = AuthTokenSerializer

    @extend_schema(
        request=AuthTokenSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        examples=[
            OpenApiExample("Log in", value={"username": "alice", "password": "secret-pass"}),
        ],
    )
    def post(self, request):
        # django-axes marks a lockout on the Django request, not on DRF's wrapper.
        context = {"request": request._request}
        serializer = AuthTokenSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        """Revoke the token used for this request (log out a script)."""
        if not request.user.is_authenticated:
            return Response(status=status.HTTP_401_UNAUTHORIZED)
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()


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
                },
            )
        }
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        token = Token.objects.create(user=user)
        body = {"id": user.id, "username": user.username, "role": user.role, "token": token.key}
        return Response(body, status=status.HTTP_201_CREATED)


class DeleteAccountSerializer(serializers.Serializer):
    password = serializers.CharField(
        write_only=True, style={"input_type": "password"}, help_text="Your password, again."
    )

    def validate_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("This is not your password.")
        return value


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
                description='The password is missing or wrong: `{"password": [message]}`. '
                'Send `{"password": "..."}` as the JSON body (OpenAPI 3.0 cannot describe '
                "a DELETE body).",
            ),
        },
    )
    def delete(self, request, *args, **kwargs):
        serializer = DeleteAccountSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        delete_account(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

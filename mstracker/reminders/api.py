"""``/api/v1/reminders/`` and ``/api/v1/notifications/``: the patient's own rows only."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mstracker.api.conditional import VersionedSerializerMixin
from mstracker.api.fields import ClockTimeField
from mstracker.api.viewsets import OwnedModelViewSet
from mstracker.care.access import SubjectViewSetMixin

from . import schedule
from .models import Kind, Notification, Reminder


class WeekdaysField(serializers.ListField):
    """Weekdays as names (``["mon", "wed"]``), stored as a bit mask."""

    child = serializers.ChoiceField(choices=schedule.WEEKDAY_NAMES)

    def to_representation(self, mask):
        return [schedule.WEEKDAY_NAMES[d] for d in schedule.mask_weekdays(mask)]

    def to_internal_value(self, data):
        names = super().to_internal_value(data)
        return schedule.weekday_mask(schedule.WEEKDAY_NAMES.index(n) for n in set(names))


class ReminderSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    weekdays = WeekdaysField(required=False, help_text="Days it fires: mon … sun.")
    local_time = ClockTimeField(required=False, allow_null=True, help_text="Local time, HH:MM.")
    quiet_start = ClockTimeField(
        required=False, allow_null=True, help_text="Quiet hours from, HH:MM (local time)."
    )
    quiet_end = ClockTimeField(
        required=False, allow_null=True, help_text="Quiet hours until, HH:MM (local time)."
    )
    month_day = serializers.IntegerField(
        required=False, allow_null=True, help_text="Monthly reminders: day 1-31 (else null)."
    )  # range checked by the model, with its message
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Reminder
        fields = (
            "id",
            "kind",
            "kind_label",
            "local_time",
            "weekdays",
            "month_day",
            "channel",
            "enabled",
            "quiet_start",
            "quiet_end",
            "next_fire_at",
        )
        read_only_fields = ("id", "next_fire_at")
        validators = []  # the model's full_clean checks the (user, kind) constraint

    def validate(self, attrs):
        """The model's rules, once: ``full_clean`` on the reminder as it would be saved."""
        if (
            self.instance is not None
            and attrs.get("kind", self.instance.kind) != self.instance.kind
        ):
            raise serializers.ValidationError({"kind": "The kind of a reminder cannot change."})
        reminder = self.instance or Reminder(user=self.context["owner"])
        for name, value in attrs.items():
            setattr(reminder, name, value)
        try:
            reminder.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None
        return attrs

    def save(self, **kwargs):
        reminder = self.instance or Reminder(**kwargs)
        for name, value in {**self.validated_data, **kwargs}.items():
            setattr(reminder, name, value)
        reminder.reschedule()
        reminder.save()
        self.instance = reminder
        return reminder


class ReminderViewSet(OwnedModelViewSet):
    """The patient's reminders: kind, local time, weekdays (or a day of the month),
    channel, on/off and quiet hours. ``next_fire_at`` is when the next one goes out (UTC).
    New patients get one of each kind; a deleted kind can be created again."""

    care_resource = "reminders"

    queryset = Reminder.objects.all()
    serializer_class = ReminderSerializer


@extend_schema_field({"type": "string", "enum": Kind.values})
class NotificationKindField(serializers.CharField):
    """A reminder kind with an enum of its own in the schema.

    Shared by Reminder and Notification, one ``kind`` enum could not be named
    apart from the journal's ``kind`` enums (a drf-spectacular warning, which
    fails the schema and deploy checks); now each is ``<Component>KindEnum``.
    """


class NotificationSerializer(serializers.ModelSerializer):
    kind = NotificationKindField(read_only=True, help_text="The kind of reminder it came from.")
    read = serializers.BooleanField(source="is_read", read_only=True)

    class Meta:
        model = Notification
        fields = ("id", "kind", "title", "body", "url", "created_at", "read", "read_at")
        read_only_fields = fields


class InboxQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(
        required=False, default=False, help_text="true: list unread notifications only."
    )


@extend_schema_view(list=extend_schema(parameters=[InboxQuerySerializer]))
class NotificationViewSet(
    SubjectViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The in-app inbox, newest first; ``?unread=true`` lists unread ones only."""

    care_resource = "notifications"  # the patient's own: never shared
    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            query = InboxQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            if query.validated_data["unread"]:
                qs = qs.filter(read_at__isnull=True)
        return qs

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification read."""
        notification = self.get_object()
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        request=None, responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()})
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark every unread notification read."""
        marked = self.get_queryset().filter(read_at__isnull=True).update(read_at=timezone.now())
        return Response({"marked": marked})

    @extend_schema(responses=inline_serializer("Unread", {"unread": serializers.IntegerField()}))
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        """How many notifications are unread (the badge in the navigation)."""
        return Response({"unread": self.get_queryset().filter(read_at__isnull=True).count()})

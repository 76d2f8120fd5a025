"""``/api/v1/self-tests/``: issue a self-test session, upload it once, list runs with raw data."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from journal import selftest_rules, selftests
from journal.models import SelfTestKind, SelfTestRun
from journal.models.selftests import InputKind
from journal.rules import RuleViolation
from mstracker.care.access import SubjectViewSetMixin

from .base import KindDateFilterSet


class SelfTestRunSerializer(serializers.ModelSerializer):
    input = serializers.ChoiceField(
        choices=InputKind.choices,
        allow_blank=True,
        read_only=True,
        help_text="What the patient answered with; empty until the run is uploaded.",
    )
    status = serializers.SerializerMethodField(
        help_text="counted (the day's measure), practice (one of the first "
        f"{selftest_rules.PRACTICE_RUNS} runs with this input), kept apart (another input "
        "than the trend's, or a second run that day) or not uploaded."
    )

    class Meta:
        model = SelfTestRun
        fields = (
            "id",
            "kind",
            "issued_at",
            "completed_at",
            "date",
            "input",
            "score",
            "errors",
            "median_ms",
            "cv",
            "practice",
            "status",
            "measure",
            "pairing",
            "practice_items",
            "items",
            "practice_trials",
            "trials",
        )
        read_only_fields = fields
        extra_kwargs = {
            "score": {"help_text": "Correct answers in 90 s, or alternate taps in 10 s."},
            "errors": {"help_text": "Wrong digits, or taps off the expected target."},
            "median_ms": {
                "help_text": "Symbol-digit: median response time; tapping: mean interval."
            },
            "cv": {"help_text": "Tapping: coefficient of variation of the tap intervals."},
            "trials": {"help_text": "As uploaded: [digit or target (0, 1, null), ms] pairs."},
        }

    def get_status(self, run) -> str:
        return selftests.status(run)


class StartSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SelfTestKind.choices)


class UploadSerializer(serializers.Serializer):
    input = serializers.ChoiceField(choices=selftest_rules.INPUTS)
    trials = serializers.JSONField(
        help_text="[[digit, ms since the start], ...] or, tapping, [[0|1|null, ms], ...]"
    )
    practice_trials = serializers.JSONField(required=False, default=list)


def _violation(exc: RuleViolation):
    return serializers.ValidationError({exc.field: [exc.message]})


@extend_schema_view(
    create=extend_schema(
        summary="Start a self-test session",
        request=StartSerializer,
        responses={201: SelfTestRunSerializer},
        examples=[OpenApiExample("Symbol-digit", value={"kind": "sdt"}, request_only=True)],
    ),
)
class SelfTestViewSet(
    SubjectViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Self-test runs, newest first; ``?kind=`` filters one test.

    ``POST`` issues a session: for the symbol-digit test a new random key (`pairing`)
    and the symbols to show. ``POST {id}/upload/`` sends its trials once; a replay, an
    expired session or implausible timings are a 400.
    """

    care_resource = "self-tests"
    queryset = SelfTestRun.objects.all()
    serializer_class = SelfTestRunSerializer
    filterset_class = KindDateFilterSet

    def create(self, request, *args, **kwargs):
        start = StartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        run = selftests.issue(self.subject, start.validated_data["kind"])
        return Response(SelfTestRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Upload a session's trials", request=UploadSerializer)
    @action(detail=True, methods=["post"])
    def upload(self, request, *args, **kwargs):
        run = self.get_object()  # another patient's session: a 404
        data = UploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = selftests.Upload(
            input=data.validated_data["input"],
            trials=data.validated_data["trials"],
            practice_trials=data.validated_data.get("practice_trials") or [],
        )
        try:
            run = selftests.submit(run.pk, self.subject, upload)
        except RuleViolation as exc:
            raise _violation(exc) from None
        return Response(SelfTestRunSerializer(run).data)

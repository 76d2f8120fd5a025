"""Browser pages: reminder settings, the inbox, and the two signed links from emails."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView, UpdateView, View

from mstracker.mixins import OwnedObjectMixin, PatientRequiredMixin
from mstracker.stale_forms import StaleEditViewMixin

from . import links, services, sources
from .forms import ReminderForm
from .kinds import SPECS
from .models import Kind, Notification, Reminder


class ReminderListView(OwnedObjectMixin, ListView):
    model = Reminder
    template_name = "reminders/settings.html"
    context_object_name = "reminders"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["help"] = {kind.value: spec.help for kind, spec in SPECS.items()}
        context["zone"] = self.subject.time_zone
        # The dose reminder's own next_fire_at may be an internal re-check: show the
        # next dose itself, or that there is none.
        context["next_dose"] = sources.next_dose_at(self.subject, timezone.now())
        return context


class ReminderUpdateView(StaleEditViewMixin, OwnedObjectMixin, UpdateView):
    model = Reminder
    form_class = ReminderForm
    template_name = "reminders/edit.html"

    def form_valid(self, form):
        messages.success(
            self.request, f"Your “{self.object.get_kind_display()}” reminder is saved."
        )
        super().form_valid(form)
        return redirect("reminders:settings")


class ReminderToggleView(PatientRequiredMixin, View):
    """Switch a reminder on or off from the list (one tap)."""

    def post(self, request, pk):
        reminder = get_object_or_404(Reminder.objects.filter(user=self.subject), pk=pk)
        reminder.enabled = not reminder.enabled
        reminder.reschedule()
        reminder.save()
        state = "on" if reminder.enabled else "off"
        messages.success(request, f"“{reminder.get_kind_display()}” is {state}.")
        return redirect("reminders:settings")


class ReminderTestView(PatientRequiredMixin, View):
    """Send a test message of a reminder now; answers at once, even with the broker down."""

    def post(self, request, pk):
        reminder = get_object_or_404(Reminder.objects.filter(user=self.subject), pk=pk)
        services.send_test(reminder)
        messages.success(request, "A test message is on its way. It arrives within a minute.")
        return redirect("reminders:settings")


class InboxView(PatientRequiredMixin, ListView):
    template_name = "reminders/inbox.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        qs = Notification.objects.filter(user=self.subject)
        if self.request.GET.get("unread"):
            qs = qs.filter(read_at__isnull=True)
        return qs


class NotificationReadView(PatientRequiredMixin, View):
    """Mark one notification read; "open" also follows its link."""

    def post(self, request, pk):
        notification = get_object_or_404(Notification.objects.filter(user=self.subject), pk=pk)
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        target = notification.url if request.POST.get("open") else reverse("reminders:inbox")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("reminders:inbox")
        return redirect(target)


class NotificationReadAllView(PatientRequiredMixin, View):
    def post(self, request):
        count = Notification.objects.filter(user=self.subject, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        messages.success(request, f"Marked {count} as read.")
        return redirect("reminders:inbox")


def dose_taken(request, token):
    """The "I took it" link from a dose email. GET shows the dose; the tap (POST) logs it."""
    context = {"token": token}
    try:
        delivery = links.read_dose_token(token)
        context["delivery"] = delivery
        context["dose"] = delivery.dose
        if request.method == "POST":
            _, result = links.use_dose_link(token)
            context["result"] = result
            context["done"] = True
            status = 200 if result != sources.NOT_FOUND else 404
            return render(request, "reminders/dose_taken.html", context, status=status)
        if delivery.link_used_at:
            raise links.LinkError("used", "This link was already used. Your dose is logged.")
    except links.LinkError as error:
        context["error"] = error
        status = 410 if error.code in ("expired", "used") else 400
        return render(request, "reminders/dose_taken.html", context, status=status)
    return render(request, "reminders/dose_taken.html", context)


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def unsubscribe(request, token):
    """Stop emails of one kind. GET asks; POST (the button, or a mail client's one-click) does."""
    try:
        reminder = links.read_unsubscribe_token(token)
    except links.LinkError as error:
        return render(request, "reminders/unsubscribe.html", {"error": error}, status=400)
    done = False
    if request.method == "POST":
        links.stop_emails(reminder)
        done = True
    return render(
        request,
        "reminders/unsubscribe.html",
        {"reminder": reminder, "done": done, "token": token, "is_dose": reminder.kind == Kind.DOSE},
    )

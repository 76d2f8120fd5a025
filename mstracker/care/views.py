"""Care team pages: the patient's care team, share, access log; the clinician's accept,
invitation, panel and settings pages. Thin: the rules live in ``invitations``,
``access``, ``panel``."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import ListView, UpdateView

from journal.models import Relapse
from journal.progression_definitions import DEFINITIONS
from mstracker.accounts.models import Role, User
from mstracker.portability.downloads import FORMATS
from mstracker.reminders.links import absolute
from mstracker.stale_forms import StaleEditViewMixin
from mstracker.versioning import RecordModifiedError

from . import codes, invitations, panel, patient_page, qr
from .access import SubjectMixin, display_name, require_two_factor
from .flags import FLAG_SCOPES
from .forms import (
    AcceptForm,
    ClinicianEdssForm,
    ClinicianPreferencesForm,
    InviteForm,
    ShareForm,
    VisitNoteForm,
)
from .models import AccessEvent, ClinicalNote, ClinicianPreferences, Share, ShareStatus, VisitNote
from .scopes import scope_labels

SESSION_CODES = "care-codes"  # share id -> the plain code, shown until it runs out


def _remember_code(request, share, code):
    shown = request.session.get(SESSION_CODES, {})
    shown[str(share.pk)] = code
    request.session[SESSION_CODES] = shown


class CareTeamView(SubjectMixin, View):
    """The patient's care team: who sees what until when, and a form to invite."""

    care_resource = "shares"

    def get(self, request, form=None):
        shares = (
            Share.objects.filter(patient=self.subject)
            .select_related("clinician__clinician_verification", "invitation")
            .order_by("revoked_at", "-created_at")
        )
        now = timezone.now()
        rows = [(share, share.status_at(now), scope_labels(share.scopes)) for share in shares]
        return render(
            request,
            "care/care_team.html",
            {"rows": rows, "form": form or InviteForm(), "Status": ShareStatus},
        )

    def post(self, request):
        form = InviteForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        email = data["clinician_email"]
        if email and "confirm" not in request.POST:
            # Clinician accounts are self-declared: show who the address belongs to first.
            known = User.objects.filter(email__iexact=email, role=Role.CLINICIAN).first()
            return render(
                request,
                "care/invite_confirm.html",
                {
                    "form": form,
                    "email": email,
                    "known": known,
                    "known_name": display_name(known) if known else "",
                    "verified": known is not None and hasattr(known, "clinician_verification"),
                    "scopes": scope_labels(data["scopes"]),
                },
            )
        share, code = invitations.create_share(
            self.subject, data["scopes"], data["expires_in_days"], email
        )
        if code:
            _remember_code(request, share, code)
            return redirect("care:share", share.pk)
        messages.success(request, f"Invitation sent to {email}. It is valid for 7 days.")
        return redirect("care:team")


class ShareView(SubjectMixin, View):
    """One share: its code and QR code while pending, and its scope and expiry to change."""

    care_resource = "shares"

    def share(self, pk):
        return get_object_or_404(
            Share.objects.select_related("clinician", "invitation").filter(patient=self.subject),
            pk=pk,
        )

    def get(self, request, pk, form=None):
        share = self.share(pk)
        now = timezone.now()
        context = {
            "share": share,
            "status": share.status_at(now),
            "Status": ShareStatus,
            "scopes": scope_labels(share.scopes),
            "form": form
            or ShareForm(initial={"scopes": share.scopes, "expires_in_days": _days_left(share)}),
        }
        invitation = getattr(share, "invitation", None)
        code = request.session.get(SESSION_CODES, {}).get(str(share.pk))
        if code and invitation and invitation.usable_at(now) and context["status"] == "pending":
            link = absolute(f"{reverse('care:accept')}?code={code}")
            context.update(code=codes.display(code), code_expires_at=invitation.expires_at)
            context["qr_svg"] = qr.svg(link)
        return render(request, "care/share.html", context)

    def post(self, request, pk):
        share = self.share(pk)
        if share.revoked_at is not None:
            messages.error(request, "A revoked share cannot be changed. Share again instead.")
            return redirect("care:team")
        form = ShareForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        share.scopes = form.cleaned_data["scopes"]
        share.expires_at = invitations.expiry(form.cleaned_data["expires_in_days"], timezone.now())
        share.save(update_fields=["scopes", "expires_at"])
        messages.success(request, "Saved. The change applies from the clinician's next visit.")
        return redirect("care:team")


def _days_left(share):
    if share.expires_at is None:
        return ""
    return 182  # the form offers periods from today; this is the usual renewal


class RevokeView(SubjectMixin, View):
    care_resource = "shares"

    def post(self, request, pk):
        share = get_object_or_404(Share.objects.filter(patient=self.subject), pk=pk)
        share.revoke()
        who = display_name(share.clinician) if share.clinician else "The invitation"
        messages.success(request, f"Sharing stopped. {who} can no longer see your record.")
        return redirect("care:team")


class NewCodeView(SubjectMixin, View):
    care_resource = "shares"

    def post(self, request, pk):
        share = get_object_or_404(Share.objects.filter(patient=self.subject), pk=pk)
        try:
            code = invitations.renew_code(share)
        except invitations.InvitationError as error:
            messages.error(request, error.message)
            return redirect("care:team")
        _remember_code(request, share, code)
        return redirect("care:share", share.pk)


class AccessLogView(SubjectMixin, ListView):
    """ "Dr X viewed your summary on 3 Dec at 14:02", newest first, in the patient's zone."""

    care_resource = "access-log"
    template_name = "care/access_log.html"
    paginate_by = 50
    context_object_name = "events"

    def get_queryset(self):
        return AccessEvent.objects.filter(patient=self.subject)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "now": timezone.localtime()}


class ClinicianRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role != Role.CLINICIAN:
            raise PermissionDenied("This page is for clinicians.")
        return super().dispatch(request, *args, **kwargs)


def _accept(request, code="", token=""):
    try:
        share = invitations.accept(request.user, code=code, token=token)
    except invitations.InvitationError as error:
        return None, error.message
    messages.success(request, f"{display_name(share.patient)} now shares their record with you.")
    return share, None


class AcceptView(ClinicianRequiredMixin, View):
    """The clinician types (or scans) the patient's one-time code."""

    def get(self, request):
        return render(
            request, "care/accept.html", {"form": AcceptForm(initial=request.GET or None)}
        )

    def post(self, request):
        form = AcceptForm(request.POST)
        if form.is_valid():
            share, error = _accept(request, code=form.cleaned_data["code"])
            if share:
                return redirect("clinician:panel")
            form.add_error("code", error)
        return render(request, "care/accept.html", {"form": form}, status=400)


class InvitationView(ClinicianRequiredMixin, View):
    """The email link: who invites, what they share; accept with one button."""

    def get(self, request, token):
        invitation = invitations.invitation_for_token(token)
        context = {"invitation": invitation}
        if invitation:
            context.update(
                patient_name=display_name(invitation.share.patient),
                scopes=scope_labels(invitation.share.scopes),
                for_me=invitation.email.lower() == request.user.email.lower(),
            )
        return render(request, "care/invitation.html", context, status=200 if invitation else 404)

    def post(self, request, token):
        share, error = _accept(request, token=token)
        if share:
            return redirect("clinician:panel")
        messages.error(request, error)
        return redirect("care:invitation", token)


class PanelView(ClinicianRequiredMixin, View):
    def get(self, request):
        require_two_factor(request.user)
        sort = request.GET.get("sort", "flags")
        sort = sort if sort in panel.SORTS else "flags"
        flag = request.GET.get("flag") if request.GET.get("flag") in FLAG_SCOPES else None
        rows = panel.panel(request.user, sort=sort, flag=flag)
        return render(
            request,
            "care/panel.html",
            {"rows": rows, "sort": sort, "flag": flag, "flag_codes": sorted(FLAG_SCOPES)},
        )


class ClinicianPatientView(SubjectMixin, View):
    """The clinician's page of one patient: flags, the patient's note for the visit,
    each shared part of the record (the rest says "not shared"), and the clinician's
    actions: record an EDSS, confirm a relapse, leave a note."""

    care_resource = "summary"

    def get(self, request, patient_id, edss_form=None, status=200):
        context = {
            "row": panel.row_for(self.access.share),
            "patient": self.subject,
            "name": display_name(self.subject),
            "scopes": scope_labels(self.access.share.scopes),
            "edss_form": edss_form
            or ClinicianEdssForm(
                user=self.subject,
                auto_id="edss-%s",
                initial={"date": self.subject.local_today()},
            ),
            "export_formats": FORMATS.values(),
            **patient_page.sections(self.access, self.access.reader),
        }
        return render(request, "care/clinician_patient.html", context, status=status)


class ClinicianEdssView(ClinicianPatientView):
    """POST: an EDSS the clinician assessed, kept with ``recorded_by``."""

    care_resource = "measures"
    http_method_names = ["post"]

    def post(self, request, patient_id):
        form = ClinicianEdssForm(request.POST, user=self.subject, auto_id="edss-%s")
        if not form.is_valid():
            return self.get(request, patient_id, edss_form=form, status=400)
        form.instance.recorded_by = self.access.reader
        measure = form.save()
        messages.success(
            request, f"EDSS {measure.value:g} on {measure.date:%-d %b %Y} recorded for the patient."
        )
        return redirect("clinician:patient", patient_id)


class RelapseConfirmView(SubjectMixin, View):
    """POST ``confirmed=1`` or ``0``: the clinician confirms or un-confirms a relapse."""

    care_resource = "relapse-confirmation"
    http_method_names = ["post"]

    def post(self, request, patient_id, pk):
        relapse = get_object_or_404(Relapse.objects.filter(user=self.subject), pk=pk)
        relapse.clinician_confirmed = request.POST.get("confirmed") == "1"
        relapse.confirmed_by = self.access.reader
        try:
            relapse.save()
        except RecordModifiedError:
            messages.error(request, "The patient changed this relapse a moment ago: look again.")
            return redirect("clinician:patient", patient_id)
        state = "confirmed" if relapse.clinician_confirmed else "marked as not confirmed"
        messages.success(request, f"Relapse of {relapse.onset:%-d %b %Y} {state}.")
        return redirect("clinician:patient", patient_id)


class ClinicalNoteView(SubjectMixin, View):
    care_resource = "notes"

    def post(self, request, patient_id):
        text = request.POST.get("text", "").strip()
        if not text or len(text) > 4000:
            messages.error(request, "Write a note of 1 to 4,000 characters.")
        else:
            ClinicalNote.objects.create(
                patient=self.subject,
                clinician=self.access.reader,
                clinician_name=display_name(self.access.reader),
                text=text,
            )
            messages.success(request, "Note saved. The patient sees it on their Today page.")
        return redirect("clinician:patient", patient_id)


class VisitNoteView(SubjectMixin, UpdateView):
    """The patient's "what I want my neurologist to know" note (also a card on Today)."""

    care_resource = "visit-note"
    form_class = VisitNoteForm
    template_name = "care/visit_note.html"

    def get_object(self, queryset=None):
        return VisitNote.objects.filter(patient=self.subject).first() or VisitNote(
            patient=self.subject
        )

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = form.save()
        except (RecordModifiedError, IntegrityError):  # changed or created in another tab
            self.object = VisitNote.objects.get(patient=self.subject)
            form.show_conflict(self.object)
            return self.form_invalid(form)
        messages.success(self.request, "Saved your note for your neurologist.")
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("journal:today")


class ClinicianSettingsView(ClinicianRequiredMixin, StaleEditViewMixin, UpdateView):
    """The clinician's own settings: the PIRA definition used for their patients."""

    form_class = ClinicianPreferencesForm
    template_name = "care/clinician_settings.html"

    def get_object(self, queryset=None):
        return ClinicianPreferences.objects.get_or_create(clinician=self.request.user)[0]

    def form_valid(self, form):
        messages.success(self.request, "Settings saved.")
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("clinician:settings")

    def get_context_data(self, **kwargs):
        return super().get_context_data(definitions=DEFINITIONS.values(), **kwargs)

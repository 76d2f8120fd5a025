"""The patient's "Share a link" pages: the list with a form, one link, revoke. Thin:
the rules are in ``links``."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from mstracker.care.access import SubjectMixin

from . import links, qr
from .forms import HealthLinkForm
from .models import HealthLink, LinkStatus


class LinksView(SubjectMixin, View):
    care_resource = "health-links"

    def get(self, request, form=None):
        now = timezone.now()
        rows = [(link, link.status_at(now)) for link in self.subject.health_links.all()]
        context = {"rows": rows, "form": form or HealthLinkForm(), "Status": LinkStatus}
        return render(request, "health_links/links.html", context)

    def post(self, request):
        form = HealthLinkForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        link, _ = links.create(
            self.subject,
            base=links.base_url(request),
            label=data["label"],
            passcode=data["passcode"],
            expires_in_days=data["expires_in_days"],
            contents=data["contents"],
            period=data["period"],
            snapshot=data["snapshot"],
        )
        messages.success(request, "Your link is ready. Show the QR code or send the link.")
        return redirect("health_links:detail", link.pk)


class LinkView(SubjectMixin, View):
    care_resource = "health-links"

    def get(self, request, pk):
        link = get_object_or_404(HealthLink.objects.filter(patient=self.subject), pk=pk)
        now = timezone.now()
        viewer = links.viewer_url_for(link, now)
        context = {
            "link": link,
            "status": link.status_at(now),
            "Status": LinkStatus,
            "viewer_url": viewer,
            "shlink": links.shlink_for(link, now),
            "qr_svg": qr.svg(viewer) if viewer else "",
        }
        return render(request, "health_links/link.html", context)


class RevokeView(SubjectMixin, View):
    care_resource = "health-links"

    def post(self, request, pk):
        link = get_object_or_404(HealthLink.objects.filter(patient=self.subject), pk=pk)
        links.revoke(link)
        messages.success(request, "Link revoked. It no longer opens, from the next request on.")
        return redirect("health_links:list")

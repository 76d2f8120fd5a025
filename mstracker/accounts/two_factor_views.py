"""Two-factor pages: turn it on (secret, QR code, first code, recovery codes) and the
code after the password."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from mstracker.care.qr import svg
from mstracker.forms import BootstrapFormMixin

from . import two_factor
from .credentials import revoke_all


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6 digits your authenticator app shows now, or a recovery code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
def setup(request):
    """Turn two-factor on. Turning it on revokes every API token (they were issued
    without a code) and every other session; this one is verified."""
    user = request.user
    enabled = two_factor.has_two_factor(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "start" in request.POST:
        two_factor.start_totp(user)
        return redirect(request.get_full_path())
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_totp(user, form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", "This code is wrong or expired. Try the one showing now.")
        else:
            revoke_all(user, keep_session=request.session.session_key)
            two_factor.mark_session_verified(request, two_factor.verify_device(user))
            messages.success(request, "Two-factor authentication is on.")
            context = {"codes": codes, "next": _next(request, "")}
            return render(request, "accounts/two_factor_codes.html", context)
    secret, uri = two_factor.pending_secret(user)
    context = {
        "enabled": enabled,
        "required": two_factor.required_for(user),
        "secret": secret,
        "qr_svg": svg(uri) if uri else "",
        "form": form,
        "next": _next(request, ""),
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
def verify(request):
    """The second step of a log-in (or of opening patient data in an older session)."""
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", "This code is wrong or expired.")
        else:
            two_factor.mark_session_verified(request, device)
            return redirect(_next(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request, "")}
    )

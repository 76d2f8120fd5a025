from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from mstracker.reminders.services import create_defaults, reschedule_user

from .credentials import end_sessions, live_sessions, session_limits
from .forms import ProfileForm, SignupForm
from .models import ApiToken
from .throttles import retry_after

TOO_MANY = "Too many attempts from here. Try again in {minutes} minutes."


def _throttled(form, seconds):
    """Put the rate limit's message on ``form``; the caller answers 429."""
    form.add_error(None, TOO_MANY.format(minutes=max(1, round(seconds / 60))))


@sensitive_post_parameters("password1", "password2")
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    wait = retry_after(request, "register") if request.method == "POST" else None
    if wait:
        _throttled(form, wait)
        response = render(request, "accounts/signup.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        user = form.save()
        create_defaults(user)
        login(request, user, backend="mstracker.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        if user.is_patient:  # a few skippable questions so the journal fits them
            return redirect("journal:welcome")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if "time_zone" in form.changed_data:
            reschedule_user(user)  # reminders follow the new zone from now on
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by email, limited per address and per email typed (no mail flood)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        wait = retry_after(self.request, "password_reset", f"email:{email}")
        if wait:
            _throttled(form, wait)
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's change form; every API token and every other session is revoked."""

    def form_valid(self, form):
        form.user.keep_credentials = (None, self.request.session.session_key)
        return super().form_valid(form)


@login_required
def sessions(request):
    """The user's browser sessions and API tokens; log out everywhere else, revoke a token."""
    if request.method == "POST":
        if "token" in request.POST:
            pk = request.POST["token"]
            if pk.isdigit() and len(pk) < 19:  # anything else is no token of theirs
                ApiToken.objects.filter(user=request.user, pk=int(pk)).delete()
            messages.success(request, "The token is revoked.")
        else:
            ended = end_sessions(request.user, keep_key=request.session.session_key)
            messages.success(request, f"Logged out of {ended} other session(s).")
        return redirect("accounts:sessions")
    idle, absolute = session_limits(request.user)
    context = {
        "idle": _duration(idle),
        "absolute": _duration(absolute),
        "sessions": live_sessions(request.user),
        "current": request.session.session_key,
        "tokens": ApiToken.objects.filter(user=request.user, expiry__gt=timezone.now()),
    }
    return render(request, "accounts/sessions.html", context)


def _duration(delta):
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} minutes"
    if minutes < 48 * 60:
        return f"{minutes // 60} hours"
    return f"{minutes // (24 * 60)} days"

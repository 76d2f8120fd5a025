"""The "Your data" page (download, import) and the account deletion page."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from mstracker.care.access import gate

from .deletion import delete_account
from .downloads import FORMATS
from .forms import DeleteAccountForm, ImportForm
from .importer import ImportRefused, describe, import_account, record_counts


def _subject(request, resource):
    """The patient the page is about, through the access gate (their own account)."""
    return gate(request, None, resource).subject


@login_required
def your_data(request):
    subject = _subject(request, "your-data")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_account(
                subject, form.cleaned_data["file"], merge=form.cleaned_data["merge"]
            )
        except ImportRefused as refused:
            for item in refused.errors:
                form.add_error("file", describe(item))
        else:
            messages.success(request, f"Imported {sum(result.imported.values())} records.")
    counts = record_counts(subject)
    return render(
        request,
        "portability/your_data.html",
        {
            "formats": FORMATS.values(),
            "form": form,
            "result": result,
            "counts": [(name.replace("_", " "), counts[name]) for name in counts],
        },
    )


@sensitive_post_parameters("password")
@login_required
def delete(request):
    subject = _subject(request, "account-deletion")
    form = DeleteAccountForm(request.POST or None, user=subject)
    if request.method == "POST" and form.is_valid():
        logout(request)
        delete_account(subject)
        messages.success(request, "Your account and all its records are deleted.")
        return redirect("home")
    return render(
        request, "portability/delete_account.html", {"form": form, "formats": FORMATS.values()}
    )

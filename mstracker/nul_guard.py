"""Refuse the NUL character in a request's path or query string with a 400.

PostgreSQL cannot compare or store text holding NUL (``\\x00``): a search such as
``/therapies/drugs/?q=%00`` raised a database error, a 500. Form fields already
refuse it (Django's ``ProhibitNullCharactersValidator``) and the API's JSON
parser refuses it in bodies (``mstracker.api.parsers``); this covers what
reaches views through the URL, once for every page and endpoint.
"""

from django.http import JsonResponse
from django.shortcuts import render

from mstracker.api.errors import is_api

MESSAGE = "The NUL character (%00) is not allowed."


def nul_in_url(request):
    """Where the URL holds a NUL: ``"path"``, the query parameter's name, or None."""
    if "\x00" in request.path:
        return "path"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "") or "query"
    return None


class NulGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = nul_in_url(request)
        if where is None:
            return self.get_response(request)
        if is_api(request):
            key = "detail" if where == "path" else where
            return JsonResponse({key: [MESSAGE] if key != "detail" else MESSAGE}, status=400)
        message = f"{MESSAGE} It was found in the address ({where})."
        return render(request, "refused_input.html", {"message": message}, status=400)

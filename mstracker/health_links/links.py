"""Making, showing and revoking a patient's health links (pages and API alike)."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import bundle, jwe, payload, sealing
from .contents import closure
from .models import HealthLink

EXPIRY_DAYS = (1, 7, 30)
EXPIRY_CHOICES = [(1, "1 day"), (7, "7 days"), (30, "30 days"), (None, "Until I revoke it")]
PASSCODE_MIN, PASSCODE_MAX = 4, 64


def digest(manifest_id: str) -> str:
    return hashlib.sha256(manifest_id.encode()).hexdigest()


def base_url(request) -> str:
    """Where recipients reach this server: ``SITE_URL``, else the address the patient
    used (the host Django already checked against ``ALLOWED_HOSTS``)."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def manifest_url(base: str, manifest_id: str) -> str:
    url = base + reverse("health_links:manifest", args=[manifest_id])
    if len(url) > payload.URL_MAX:
        raise ValueError(
            f"The manifest URL would have {len(url)} characters, more than the "
            f"{payload.URL_MAX} the specification allows: shorten SITE_URL."
        )
    return url


def viewer_url(base: str, shlink: str) -> str:
    """Our viewer, with the link after ``#``: browsers never send it to the server."""
    return f"{base}{reverse('health_links:viewer')}#{shlink}"


def create(
    patient,
    *,
    base: str,
    label: str = "",
    passcode: str = "",
    expires_in_days: int | None = None,
    contents=(),
    period: str = "",
    snapshot: bool = False,
    now=None,
) -> tuple[HealthLink, str]:
    """A new link and its ``shlink:/`` text (shown to the patient; never logged)."""
    now = now or timezone.now()
    manifest_id, key = payload.new_secret(), payload.new_secret()
    url = manifest_url(base, manifest_id)
    link = HealthLink(
        patient=patient,
        label=label,
        manifest_digest=digest(manifest_id),
        contents=closure(contents or ()),
        period=period or "",
        created_at=now,
        expires_at=None if expires_in_days is None else now + timedelta(days=expires_in_days),
        passcode_hash=make_password(passcode) if passcode else "",
    )
    link.sealed = sealing.seal({"u": url, "k": key}, link.manifest_digest)
    if snapshot:
        link.frozen = True
        plaintext = bundle.build(patient, link.resource_types, now, link.period)
        link.snapshot = jwe.encrypt(plaintext, payload.b64url_decode(key))
    link.save()
    return link, shlink_for(link)


def secrets_of(link: HealthLink) -> dict | None:
    """``{"u": manifest URL, "k": key}`` of a link that still has them."""
    if not link.sealed:
        return None
    return sealing.unseal(link.sealed, link.manifest_digest)


def shlink_for(link: HealthLink, now=None) -> str | None:
    """The ``shlink:/...`` of an active link; None once it has ended."""
    if not link.is_active_at(now or timezone.now()):
        return None
    values = secrets_of(link)
    if values is None:
        return None
    exp = link.expires_at.timestamp() if link.expires_at else None
    flag = payload.flags(passcode=link.has_passcode, long_term=link.expires_at is None)
    body = payload.build(values["u"], values["k"], exp=exp, flag=flag, label=link.label)
    return payload.encode(body)


def viewer_url_for(link: HealthLink, now=None) -> str | None:
    shlink = shlink_for(link, now)
    if shlink is None:
        return None
    return viewer_url(origin_of(secrets_of(link)["u"]), shlink)


def origin_of(url: str) -> str:
    """The base a manifest URL was made with (its files and viewer share it)."""
    manifest_id = url.rstrip("/").rsplit("/", 1)[1]
    return url[: -len(reverse("health_links:manifest", args=[manifest_id]))]


def revoke(link: HealthLink, now=None) -> None:
    """End the link now and erase its sealed URL and key: the next request is a 404."""
    with transaction.atomic():
        locked = HealthLink.objects.select_for_update().get(pk=link.pk)
        if locked.revoked_at is None:
            locked.revoked_at = now or timezone.now()
        locked.sealed = ""
        locked.snapshot = ""
        locked.save(update_fields=["revoked_at", "sealed", "snapshot"])
    link.revoked_at, link.sealed, link.snapshot = locked.revoked_at, "", ""

"""Creating shares and their invitations, and a clinician accepting one.

The rules in one place for the pages and the API alike: a share starts pending with
one invitation (an email link valid 7 days, or a one-time code valid 15 minutes);
the first clinician to present a usable code, or the invited address's clinician with
the link, accepts it once. Wrong codes count towards a lockout per clinician.
"""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mstracker.accounts.models import Role
from mstracker.reminders.enqueue import enqueue_on_commit
from mstracker.reminders.links import absolute

from . import codes
from .access import display_name
from .models import Invitation, Share, ShareStatus, WrongCode

log = logging.getLogger(__name__)


class InvitationError(Exception):
    """Why an invitation cannot be accepted, in words for the clinician."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvalidInvitation(InvitationError):
    status = 404


class LockedOut(InvitationError):
    status = 429

    def __init__(self, retry_after):
        minutes = max(1, round(retry_after.total_seconds() / 60))
        super().__init__(
            f"Too many wrong codes. Try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )
        self.retry_after = retry_after


def expiry(expires_in_days, now):
    return None if expires_in_days is None else now + timedelta(days=expires_in_days)


def create_share(patient, scopes, expires_in_days, clinician_email="", now=None):
    """A pending share and its invitation. Returns ``(share, code)``; ``code`` (plain, shown
    to the patient once) is None for an email invitation, whose mail is sent after commit."""
    now = now or timezone.now()
    with transaction.atomic():
        share = Share.objects.create(
            patient=patient, scopes=list(scopes), expires_at=expiry(expires_in_days, now)
        )
        if clinician_email:
            invitation = Invitation.objects.create(
                share=share,
                method=Invitation.Method.EMAIL,
                email=clinician_email,
                nonce=codes.new_nonce(),
                expires_at=now + timedelta(days=codes.EMAIL_INVITATION_DAYS),
            )
            from .tasks import send_invitation

            enqueue_on_commit(send_invitation, invitation.pk)
            return share, None
        code = codes.new_code()
        Invitation.objects.create(
            share=share,
            method=Invitation.Method.CODE,
            code_digest=codes.digest(code),
            expires_at=now + codes.CODE_VALID,
        )
    return share, code


def renew_code(share, now=None):
    """A fresh code for a pending code share whose code ran out (the old one stops)."""
    now = now or timezone.now()
    if share.status_at(now) != ShareStatus.PENDING:
        raise InvitationError("Only a share that is still waiting for a clinician gets a new code.")
    code = codes.new_code()
    Invitation.objects.update_or_create(
        share=share,
        defaults={
            "method": Invitation.Method.CODE,
            "code_digest": codes.digest(code),
            "email": "",
            "expires_at": now + codes.CODE_VALID,
            "used_at": None,
        },
    )
    return code


def lockout_left(clinician, now):
    """How long the clinician is still locked out, or None."""
    since = now - codes.LOCKOUT_WINDOW
    wrong = list(
        WrongCode.objects.filter(clinician=clinician, at__gt=since)
        .order_by("-at")
        .values_list("at", flat=True)[: codes.MAX_WRONG_CODES]
    )
    if len(wrong) < codes.MAX_WRONG_CODES:
        return None
    return wrong[-1] + codes.LOCKOUT_WINDOW - now


def accept(clinician, code="", token="", now=None) -> Share:
    """The clinician accepts a pending share by code or by the email link's token."""
    now = now or timezone.now()
    if clinician.role != Role.CLINICIAN:
        raise PermissionDenied("Only clinician accounts can accept a share.")
    if code:
        left = lockout_left(clinician, now)
        if left is not None:
            raise LockedOut(left)
    with transaction.atomic():
        invitation = _find(clinician, code, token, now)
        if invitation is not None:
            share = _accept(invitation, clinician, now)
    if invitation is None:
        if code:  # outside the block above, which a refusal would roll back
            WrongCode.objects.create(clinician=clinician, at=now)
        raise InvalidInvitation(
            "This code or link is not valid: it may be mistyped, used already or "
            "expired. Ask the patient for a new one."
        )
    from .summary_refresh import refresh_after_commit

    transaction.on_commit(lambda: refresh_after_commit(share.patient_id), robust=True)
    return share


def _accept(invitation, clinician, now):
    share = invitation.share
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    # One share per patient and clinician: a new one replaces the one before.
    Share.objects.active(now).filter(patient=share.patient, clinician=clinician).update(
        revoked_at=now
    )
    share.clinician = clinician
    share.accepted_at = now
    share.save(update_fields=["clinician", "accepted_at"])
    return share


def _find(clinician, code, token, now):
    invitations = Invitation.objects.select_for_update().select_related("share__patient")
    if code:
        invitation = invitations.filter(
            method=Invitation.Method.CODE, code_digest=codes.digest(code)
        ).first()
    else:
        invitation = _by_token(invitations, token)
        if invitation and invitation.email.lower() != clinician.email.lower():
            return None  # the link is for another address
    return _pending(invitation, now)


def _by_token(invitations, token):
    """The email invitation a link's signed token names, or None."""
    parsed = codes.read_invitation_token(token)
    if parsed is None:
        return None
    return invitations.filter(pk=parsed[0], nonce=parsed[1], method=Invitation.Method.EMAIL).first()


def _pending(invitation, now):
    """``invitation`` if it can still be accepted (unused, unexpired, its share pending)."""
    if invitation is None or not invitation.usable_at(now):
        return None
    if invitation.share.status_at(now) != ShareStatus.PENDING:
        return None
    return invitation


def invitation_for_token(token, now=None):
    """The pending invitation behind an email link (for the page before accepting)."""
    invitations = Invitation.objects.select_related("share__patient")
    return _pending(_by_token(invitations, token), now or timezone.now())


def send_email(invitation_id):
    """Mail the invitation link (the Celery task's body); nothing for a used or expired one."""
    invitations = Invitation.objects.select_related("share__patient")
    invitation = invitations.filter(pk=invitation_id).first()
    if invitation is None or not invitation.usable_at(timezone.now()):
        return False
    token = codes.sign_invitation(invitation.pk, invitation.nonce)
    context = {
        "patient_name": display_name(invitation.share.patient),
        "link": absolute(reverse("care:invitation", args=[token])),
        "days": codes.EMAIL_INVITATION_DAYS,
        "email": invitation.email,
    }
    send_mail(
        subject=f"{context['patient_name']} invites you to see their MS Tracker record",
        message=render_to_string("care/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return True

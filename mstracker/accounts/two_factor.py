"""Two-factor authentication (placeholder until the TOTP step lands)."""


def check_token_otp(user, otp):
    return None

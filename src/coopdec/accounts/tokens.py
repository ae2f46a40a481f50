"""Single-use links for e-mail verification (Django's reset tokens cover password reset)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class VerificationTokenGenerator(PasswordResetTokenGenerator):
    """Like the reset token, plus the active flag: once the address is verified the link dies."""

    key_salt = "coopdec.accounts.tokens.VerificationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


verification_token = VerificationTokenGenerator()

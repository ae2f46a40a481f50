"""django-axes' throttling backend, for sign-ins that come with an HTTP request.

Sign-ins without a request (``Client.login`` in tests, a Python shell) have no address to
throttle; axes would refuse them outright, this backend lets the next backend decide.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class ThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]
    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)

"""Start the loopback OpenID Connect provider (server.js, node's oidc-provider) for a test run.

Its npm packages are installed here on first use (``npm ci`` from the committed lock file);
node_modules/ is never committed. The signing key is made by the test run, so that the
security tests can also sign tokens that the provider never issued (expired, wrong issuer…).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

HERE = Path(__file__).resolve().parent
CLIENT_ID = "coopdec-test"
CLIENT_SECRET = "coopdec-test-secret-0123456789abcdef"
PASSWORD = "mot-de-passe-de-test"
BREST_SIRET = "21290019500017"  # SIREN 212900195 = commune of Brest (COG)
USERS = {
    "agent.brest": {
        "email": "anne.kerbrat@brest.example.fr",
        "given_name": "Anne",
        "usual_name": "Kerbrat",
        "siret": BREST_SIRET,
    },
    "agent.ailleurs": {
        "email": "paul.martin@example.fr",
        "given_name": "Paul",
        "usual_name": "Martin",
        "siret": "99999999900011",
    },
}


@dataclass
class LoopbackProvider:
    issuer: str
    private_key: Any
    kid: str

    def sign(self, claims: dict[str, Any]) -> str:
        """An ID token signed with the provider's own key (for forged-claim tests)."""
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})

    def environment(self) -> dict[str, str]:
        return {
            "COOPDEC_OIDC_ISSUER": self.issuer,
            "COOPDEC_OIDC_CLIENT_ID": CLIENT_ID,
            "COOPDEC_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        }


def install() -> None:
    """``npm ci`` once (the lock file pins oidc-provider and its dependencies)."""
    if (HERE / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm absent: install node 20+ (scripts/system_deps.sh)")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True, timeout=600
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running(
    workdir: Path, redirect_uris: list[str], post_logout_uris: list[str]
) -> Iterator[LoopbackProvider]:
    install()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key))
    jwk.pop("key_ops", None)  # PyJWT writes ["sign"]: the provider must verify with it too
    jwk.update(kid="coopdec-test-key", alg="RS256", use="sig")
    (workdir / "jwks.json").write_text(json.dumps({"keys": [jwk]}))
    port = _free_port()
    env = dict(
        os.environ,
        PORT=str(port),
        CLIENT_ID=CLIENT_ID,
        CLIENT_SECRET=CLIENT_SECRET,
        REDIRECT_URIS=",".join(redirect_uris),
        POST_LOGOUT_URIS=",".join(post_logout_uris),
        JWKS_FILE=str(workdir / "jwks.json"),
        USERS=json.dumps(USERS),
        PASSWORD=PASSWORD,
        NODE_NO_WARNINGS="1",
    )
    log = (workdir / "provider.log").open("w")
    node = shutil.which("node") or "node"
    process = subprocess.Popen(
        [node, str(HERE / "server.js")], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"{issuer}/.well-known/openid-configuration"
                with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((workdir / "provider.log").read_text()) from None
                time.sleep(0.2)
        yield LoopbackProvider(issuer=issuer, private_key=key, kid="coopdec-test-key")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()

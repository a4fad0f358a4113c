"""A small, real OpenID Connect provider for the single-sign-on tests: the authorization-code
flow with PKCE, RS256-signed ID tokens, discovery, JWKS and userinfo, as an operator's SSO
serves them. It is a separate process speaking HTTP on 127.0.0.1, so the app's sign-in talks
to it exactly as to a real one (Streamlit's st.login, through Authlib).

    python tests/oidc_provider.py PORT CLIENT_ID CLIENT_SECRET

Its sign-in page asks for an e-mail address (any address signs in: who may use the
dashboard is the access file's business, not the provider's).
"""
from __future__ import annotations

import base64
import hashlib
import html
import secrets
import sys
import time
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

KEY = RSAKey.generate_key(2048, private=True, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})


def make_app(issuer: str, client_id: str, client_secret: str) -> Starlette:
    codes: dict[str, dict] = {}
    tokens: dict[str, dict] = {}

    async def discovery(request: Request) -> Response:
        return JSONResponse({
            "issuer": issuer, "authorization_endpoint": f"{issuer}/authorize", "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks", "userinfo_endpoint": f"{issuer}/userinfo",
            "end_session_endpoint": f"{issuer}/logout", "response_types_supported": ["code"],
            "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"], "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]})

    async def jwks(request: Request) -> Response:
        return JSONResponse({"keys": [KEY.as_dict(private=False)]})

    async def authorize(request: Request) -> Response:
        params = dict(request.query_params) if request.method == "GET" else dict(await request.form())
        if params.get("client_id") != client_id or params.get("response_type") != "code":
            return Response("bad authorization request", status_code=400)
        if request.method == "GET":
            hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                             for k, v in params.items())
            return HTMLResponse(f'<!DOCTYPE html><html><body><h1>Test SSO</h1><form method="post">{hidden}'
                                '<label>E-mail <input name="email" id="email"></label>'
                                '<button type="submit">Sign in with SSO</button></form></body></html>')
        email = params.get("email", "").strip()
        code = secrets.token_urlsafe(24)
        codes[code] = {"email": email, "nonce": params.get("nonce"), "redirect_uri": params["redirect_uri"],
                       "challenge": params.get("code_challenge"), "scope": params.get("scope", "")}
        query = urlencode({"code": code, "state": params.get("state", "")})
        return RedirectResponse(f"{params['redirect_uri']}?{query}", status_code=302)

    def client_ok(request: Request, form) -> bool:
        header = request.headers.get("authorization", "")
        if header.startswith("Basic "):
            given_id, _, given_secret = base64.b64decode(header[6:]).decode().partition(":")
        else:
            given_id, given_secret = form.get("client_id"), form.get("client_secret")
        return given_id == client_id and given_secret == client_secret

    async def token(request: Request) -> Response:
        form = await request.form()
        grant = codes.pop(form.get("code", ""), None)
        if not client_ok(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if grant["challenge"]:
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if digest != grant["challenge"]:
                return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, status_code=400)
        now = int(time.time())
        claims = {"iss": issuer, "sub": "sub-" + hashlib.sha256(grant["email"].encode()).hexdigest()[:16],
                  "aud": client_id, "iat": now, "exp": now + 3600, "email": grant["email"], "email_verified": True,
                  "name": grant["email"].split("@")[0]}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        access_token = secrets.token_urlsafe(24)
        tokens[access_token] = claims
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, KEY)
        return JSONResponse({"access_token": access_token, "token_type": "Bearer", "expires_in": 3600,
                             "id_token": id_token, "scope": grant["scope"]}, headers={"Cache-Control": "no-store"})

    async def userinfo(request: Request) -> Response:
        claims = tokens.get(request.headers.get("authorization", "").removeprefix("Bearer "))
        if claims is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse({k: claims[k] for k in ("sub", "email", "email_verified", "name")})

    async def logout(request: Request) -> Response:
        target = request.query_params.get("post_logout_redirect_uri")
        return RedirectResponse(target, status_code=302) if target else HTMLResponse("signed out")

    return Starlette(routes=[
        Route("/.well-known/openid-configuration", discovery), Route("/jwks", jwks),
        Route("/authorize", authorize, methods=["GET", "POST"]), Route("/token", token, methods=["POST"]),
        Route("/userinfo", userinfo), Route("/logout", logout)])


if __name__ == "__main__":
    port, client_id, client_secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    uvicorn.run(make_app(f"http://127.0.0.1:{port}", client_id, client_secret), host="127.0.0.1", port=port,
                log_level="warning")

"""The grading web app: one personal link per grader, one item at a time, blind.

Routes: ``GET /g/{token}`` (to the next item), ``GET|POST /g/{token}/{position}`` (an item and
its grades), ``GET|POST /admin/login`` (an API key with the admin scope, exchanged for a session
cookie: HttpOnly, Secure, SameSite=Strict, so the key never sits in a URL, a form action or the
browser's history), ``GET /admin/{run_id}`` (progress; unblinded results once closed) and ``POST
/admin/{run_id}/close``.

Every POST carries a CSRF token bound to the grader link or the admin session and, when the
browser says where it comes from (Origin, else Referer), must come from this site. Every page
has a Content-Security-Policy (scripts only with the page's nonce), no framing, and no referrer
for other sites (the grader's token is in the path).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from supportllm.errors import (
    AuthenticationError,
    InvalidInputError,
    PermissionDeniedError,
    SupportLLMError,
    UnprocessableRequestError,
)
from supportllm.evals.grading import GradingStore, Score
from supportllm.evals.results import per_model
from supportllm.evals.web.reply_text import LONG_CHARS, shown
from supportllm.store.keys import KeyStore

TEMPLATES = Path(__file__).parent / "templates"
SESSION_COOKIE = "sllm_admin"
SESSION_S = 8 * 3600
MAX_POSITION = 10_000_000  # past any session's size; larger ids are 404 before the database
_RUN_ID_SAFE = "-_."


class _Sessions:
    """Admin sessions in this process's memory: cookie value -> (API key, expiry). The key is
    checked again on every request, so revoking it ends the session at once."""

    def __init__(self) -> None:
        self._by_id: dict[str, tuple[str, float]] = {}

    def open(self, key: str) -> str:
        now = time.monotonic()
        self._by_id = {k: v for k, v in self._by_id.items() if v[1] > now}
        session = secrets.token_urlsafe(32)
        self._by_id[session] = (key, now + SESSION_S)
        return session

    def key(self, session: str | None) -> str | None:
        found = self._by_id.get(session or "")
        if found is None or found[1] <= time.monotonic():
            return None
        return found[0]


def build_grading_app(store: GradingStore, keys: KeyStore) -> FastAPI:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,
    )
    app = FastAPI(title="supportllm grading", docs_url=None, redoc_url=None, openapi_url=None)
    secret = secrets.token_bytes(32)  # CSRF tokens: valid for this process's lifetime
    sessions = _Sessions()

    def csrf(purpose: str) -> str:
        return hmac.new(secret, purpose.encode(), hashlib.sha256).hexdigest()[:40]

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        response = HTMLResponse(
            env.get_template(name).render(nonce=nonce, **context), status_code=status
        )
        response.headers["content-security-policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
            "img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        return response

    def message(status: int, heading: str, text: str) -> HTMLResponse:
        kind = "error" if status >= 400 else ""
        return page("message.html", status, heading=heading, message=text, kind=kind)

    @app.middleware("http")
    async def protect(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method == "POST" and not _same_origin(request):
            response: Response = message(
                403, "Not allowed", "this form was sent from another site; open the page itself"
            )
        else:
            response = await call_next(request)
        response.headers["x-frame-options"] = "DENY"
        # same-origin: no referrer (the grader token is in the path) leaves for other sites,
        # and browsers still send a real Origin with this site's own form posts.
        response.headers["referrer-policy"] = "same-origin"
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["cache-control"] = "no-store"
        return response

    async def form_of(request: Request, purpose: str) -> dict[str, str]:
        """The posted form, after its CSRF token was checked against ``purpose``."""
        raw = (await request.body()).decode("utf-8", "replace")
        form = {k: v[-1] for k, v in parse_qs(raw).items()}
        if not hmac.compare_digest(form.get("csrf", ""), csrf(purpose)):
            raise PermissionDeniedError(
                "this form is out of date or was not sent from this page; reload it and try again"
            )
        return form

    def position_in_range(position: int) -> None:
        if not 1 <= position <= MAX_POSITION:
            raise InvalidInputError(f"there is no item {position}")

    @app.exception_handler(SupportLLMError)
    async def error(_request: Request, exc: SupportLLMError) -> Response:
        if isinstance(exc, PermissionDeniedError | AuthenticationError):
            return message(403, "Not allowed", exc.message)
        if isinstance(exc, InvalidInputError):
            return message(404, "Not found", exc.message)
        return message(exc.status, "Error", exc.message)

    @app.get("/g/{token}")
    def start(token: str) -> Response:
        grader = store.grader(token)
        _done, total, first = store.progress(grader.id)
        if first is None:
            return message(
                200,
                "All done — thank you!",
                f"You graded all {total} items. You can close this page.",
            )
        return RedirectResponse(f"/g/{token}/{first}", status_code=303)

    def show(
        token: str, position: int, status: int = 200, error: str | None = None
    ) -> HTMLResponse:
        position_in_range(position)
        grader = store.grader(token)
        item = store.item(grader.id, position)
        done, _total, _first = store.progress(grader.id)
        texts = [
            shown(r.text, [str(s.get("id") or "") for s in r.sources if isinstance(s, dict)])
            for r in item.replies
        ]
        return page(
            "item.html", status, item=item, texts=texts, long_chars=LONG_CHARS, token=token,
            grader=grader.name, done=done, error=error, csrf=csrf(f"grade:{token}"),
        )  # fmt: skip

    @app.get("/g/{token}/{position}")
    def item(token: str, position: int) -> HTMLResponse:
        return show(token, position)

    @app.post("/g/{token}/{position}")
    async def grade(token: str, position: int, request: Request) -> Response:
        position_in_range(position)
        grader = store.grader(token)
        form = await form_of(request, f"grade:{token}")
        view = store.item(grader.id, position)
        skip = form.get("action") == "skip"
        try:
            scores = [
                Score.checked(
                    form.get(f"tone_{side}"),
                    form.get(f"accuracy_{side}"),
                    form.get(f"send_{side}"),
                    skip,
                    form.get(f"comment_{side}"),
                )
                for side in "ab"[: len(view.replies)]
            ]
        except UnprocessableRequestError as exc:
            return show(token, position, 422, f"Not saved: {exc.message}.")
        store.grade(grader.id, position, scores)
        _done, _total, first = store.progress(grader.id)
        following = position + 1 if position < view.total else first
        target = f"/g/{token}/{following}" if following is not None else f"/g/{token}"
        return RedirectResponse(target, status_code=303)

    def admin_session(request: Request) -> str | None:
        """The session id when it belongs to a key that still has the admin scope."""
        session = request.cookies.get(SESSION_COOKIE)
        key = sessions.key(session)
        if key is None:
            return None
        record = keys.verify(key)  # a revoked or expired key ends the session here
        if "admin" not in record.scopes:
            raise PermissionDeniedError("this key lacks the admin scope")
        return session

    def to_login(run_id: str) -> Response:
        return RedirectResponse(f"/admin/login?next={quote(run_id, safe=_RUN_ID_SAFE)}", 303)

    @app.get("/admin/login")
    def login_page(next: str = "") -> HTMLResponse:
        return page("login.html", next=next, csrf=csrf("login"), error=None)

    @app.post("/admin/login")
    async def login(request: Request) -> Response:
        form = await form_of(request, "login")
        run_id = form.get("next", "")
        try:
            record = keys.verify(form.get("key", "").strip())
        except AuthenticationError as exc:
            return page("login.html", 403, next=run_id, csrf=csrf("login"), error=exc.message)
        if "admin" not in record.scopes:
            error = "this key lacks the admin scope; create one with `supportllm keys create "
            error += "--scopes admin`"
            return page("login.html", 403, next=run_id, csrf=csrf("login"), error=error)
        session = sessions.open(form["key"].strip())
        target = f"/admin/{quote(run_id, safe=_RUN_ID_SAFE)}" if run_id else "/admin/login"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE, session, max_age=SESSION_S, path="/admin",
            httponly=True, secure=True, samesite="strict",
        )  # fmt: skip
        return response

    @app.get("/admin/{run_id}")
    def admin(run_id: str, request: Request) -> Response:
        session_id = admin_session(request)
        if session_id is None:
            return to_login(run_id)
        session = store.session(run_id)
        if session is None:
            raise InvalidInputError(f"no grading for run '{run_id}'")
        results = None
        if session["closed_at"] is not None:
            models = per_model(store.grades(run_id))
            results = [
                {
                    "candidate": name,
                    "tone": _fmt(m["overall"]["tone"]),
                    "accuracy": _fmt(m["overall"]["accuracy"]),
                    "would_send": _pct(m["overall"]["would_send"]),
                    "n": m["overall"]["grades"],
                }
                for name, m in models.items()
            ]
        return page(
            "admin.html", run_id=run_id, session=session, graders=store.overview(run_id),
            results=results, csrf=csrf(f"admin:{session_id}"),
        )  # fmt: skip

    @app.post("/admin/{run_id}/close")
    async def close(run_id: str, request: Request) -> Response:
        session_id = admin_session(request)
        if session_id is None:
            return to_login(run_id)
        await form_of(request, f"admin:{session_id}")
        store.close(run_id)
        return RedirectResponse(f"/admin/{quote(run_id, safe=_RUN_ID_SAFE)}", status_code=303)

    return app


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site (Origin, else Referer);
    True when it says nothing (non-browser clients, which CSRF cannot use anyway)."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if not claimed or claimed == "null":
        return claimed is None
    parts = urlsplit(claimed)
    host = request.headers.get("host", "")
    return parts.netloc == host and parts.scheme in ("http", "https")

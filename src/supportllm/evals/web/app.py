"""The grading web app: one personal link per grader, one item at a time, blind.

Routes: ``GET /g/{token}`` (to the next item), ``GET|POST /g/{token}/{position}`` (an item and
its grades), ``GET /admin/{run_id}?key=…`` (progress; unblinded results once closed) and
``POST /admin/{run_id}/close?key=…``. The key is an API key with the admin scope.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

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
from supportllm.store.keys import KeyStore

TEMPLATES = Path(__file__).parent / "templates"


def build_grading_app(store: GradingStore, keys: KeyStore) -> FastAPI:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,
    )
    app = FastAPI(title="supportllm grading", docs_url=None, redoc_url=None, openapi_url=None)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def message(status: int, heading: str, text: str) -> HTMLResponse:
        kind = "error" if status >= 400 else ""
        return page("message.html", status, heading=heading, message=text, kind=kind)

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
        grader = store.grader(token)
        item = store.item(grader.id, position)
        done, _total, _first = store.progress(grader.id)
        return page(
            "item.html", status, item=item, token=token, grader=grader.name, done=done, error=error
        )

    @app.get("/g/{token}/{position}")
    def item(token: str, position: int) -> HTMLResponse:
        return show(token, position)

    @app.post("/g/{token}/{position}")
    async def grade(token: str, position: int, request: Request) -> Response:
        grader = store.grader(token)
        form = {
            k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()
        }
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

    def admin_check(key: str | None) -> None:
        if not key:
            raise PermissionDeniedError("add ?key=… with an API key that has the admin scope")
        record = keys.verify(key)
        if "admin" not in record.scopes:
            raise PermissionDeniedError("this key lacks the admin scope")

    @app.get("/admin/{run_id}")
    def admin(run_id: str, key: str | None = None) -> HTMLResponse:
        admin_check(key)
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
            results=results, key=key,
        )  # fmt: skip

    @app.post("/admin/{run_id}/close")
    def close(run_id: str, key: str | None = None) -> Response:
        admin_check(key)
        store.close(run_id)
        return RedirectResponse(f"/admin/{run_id}?key={key}", status_code=303)

    return app


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"

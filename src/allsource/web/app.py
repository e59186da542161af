"""The FastAPI app: every page is an HTML route and a JSON twin under /api fed by the same
`Views` method. Handlers are coroutines on purpose: the store's one SQLite connection is then
only ever used from the event loop's thread, one request at a time."""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from allsource.errors import AllsourceError, NotFoundError
from allsource.web.render import render
from allsource.web.views import MAX_GRAPH_NODES, Views
from allsource.workbench import Workbench

DATE = r"^\d{4}(-\d{2}){0,2}$"
SECURITY_HEADERS = {
    # regl (behind plotly's WebGL traces) compiles its drawing code with new Function: hence unsafe-eval;
    # inline scripts stay forbidden, which is what matters against injected markup
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline';"
                               " img-src 'self' data: blob:; worker-src 'self' blob:; object-src 'none';"
                               " base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ErrorDetail(BaseModel):
    code: str = Field(description="not_found, bad_request, invalid_input, forbidden, method_not_allowed…")
    message: str


class ErrorBody(BaseModel):
    """The one shape of every API error."""
    error: ErrorDetail


class UnmergeRequest(BaseModel):
    member: str = Field(min_length=1, max_length=200, description="A member id from the entity's merges")


ERRORS = {status: {"model": ErrorBody} for status in (400, 404, 422)}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (a plain ASGI wrapper: Starlette's
    BaseHTTPMiddleware would add a task and a copy per request)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)
        await self.app(scope, receive, send_with_headers)


def plotly_js_path() -> Path:
    """The minified plotly.js inside the installed plotly wheel."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(db: str | os.PathLike) -> FastAPI:
    kb = Workbench(db)
    views = Views(kb)
    app = FastAPI(title="allsource", version="1", openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  description="The knowledge base behind the allsource web pages: each page's data as JSON.")
    app.state.kb = kb
    _install_error_handlers(app)

    app.add_middleware(SecurityHeaders)

    def twin(path: str, template: str, *, summary: str):
        """Registers `fn` as GET /api{path} (JSON) and as GET {path} (the page)."""
        def register(fn):
            @functools.wraps(fn)
            async def twin_json(**kwargs):
                return json_response(await fn(**kwargs))
            app.add_api_route(f"/api{path}", twin_json, methods=["GET"], responses=ERRORS, summary=summary,
                              name=f"api_{fn.__name__}")

            @functools.wraps(fn)
            async def page(**kwargs):
                return HTMLResponse(render(template, await fn(**kwargs)))
            app.add_api_route(path, page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse,
                              name=fn.__name__)
            return fn
        return register

    @twin("/", "overview.html", summary="Counts, most connected actors, latest documents, conflicts, strongest dyads")
    async def overview():
        return views.overview()

    @twin("/entity/{ref}", "entity.html", summary="An entity's profile")
    async def entity(ref: str = PathParam(description="Entity id, name or alias"),
                     with_: str | None = Query(None, alias="with", description="Actor for the relationship chart")):
        return views.entity(ref, with_)

    @twin("/dyad/{a}/{b}", "dyad.html", summary="Everything linking two actors")
    async def dyad(a: str, b: str):
        return views.dyad(a, b)

    @twin("/document/{doc_id}", "document.html", summary="A document with its mentions and records marked")
    async def document(doc_id: str, focus: str | None = Query(None, description="A record id to emphasise")):
        return views.document(doc_id, focus)

    @twin("/evidence/{record_id}", "evidence.html", summary="The evidence of a statement, event, claim or conflict")
    async def evidence(record_id: str):
        return views.evidence(record_id)

    @twin("/claims", "claims.html", summary="Claims filtered by speaker, about-entity, source and date")
    async def claims(speaker: str | None = Query(None, max_length=200), about: str | None = Query(None, max_length=200),
                     source: str | None = Query(None, max_length=200), since: str | None = Query(None, pattern=DATE),
                     until: str | None = Query(None, pattern=DATE), limit: int = Query(200, ge=1, le=1000)):
        return views.claims(speaker=speaker or None, about=about or None, source=source or None, since=since,
                            until=until, limit=limit)

    @twin("/conflicts", "conflicts.html", summary="Conflicts between sources, both sides with evidence")
    async def conflicts(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10_000_000)):
        return views.conflicts(limit=limit, offset=offset)

    @twin("/timeline", "timeline.html", summary="Dated statements and events")
    async def timeline(actor: str | None = Query(None, max_length=200),
                       predicate: str | None = Query(None, max_length=100),
                       since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                       limit: int = Query(200, ge=1, le=2000), offset: int = Query(0, ge=0, le=10_000_000)):
        return views.timeline(actor=actor or None, predicate=predicate or None, since=since, until=until,
                              limit=limit, offset=offset)

    @twin("/graph", "graph.html", summary="The entity graph, filtered, with positions")
    async def graph(type_: list[str] = Query([], alias="type", description="Entity types to keep"),
                    predicate: list[str] = Query([], description="Predicates to keep"),
                    since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                    expand: list[str] = Query([], description="Entities whose neighbours to show"),
                    max_nodes: int = Query(MAX_GRAPH_NODES, ge=1, le=MAX_GRAPH_NODES)):
        return views.graph(types=[t for t in type_ if t] or None, predicates=[p for p in predicate if p] or None,
                           since=since, until=until, expand=[e for e in expand if e], max_nodes=max_nodes)

    @twin("/search", "search.html", summary="Full-text search over documents, and matching entities")
    async def search(q: str = Query("", max_length=500), limit: int = Query(20, ge=1, le=200)):
        return views.search(q, limit)

    @app.get("/api/graph/edge", responses=ERRORS, summary="The statements behind one graph edge")
    async def graph_edge(source: str, target: str, predicate: str):
        return json_response(views.edge(source, target, predicate))

    @app.post("/api/unmerge", responses={**ERRORS, 403: {"model": ErrorBody}},
              summary="Split a member out of its entity (as `allsource unmerge`)")
    async def unmerge(body: UnmergeRequest, request: Request):
        _same_origin(request)
        return views.unmerge(body.member)

    static = resources.files("allsource.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/plotly.min.js", include_in_schema=False)
    async def plotly_js():
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)

    return app


def json_response(data: dict) -> Response:
    """Plain dicts and lists straight to JSON: FastAPI's generic encoder walks every value in
    Python first, which costs more than the query behind a large page."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def _same_origin(request: Request) -> None:
    """A page on another site must not make a browser change the knowledge base."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise PermissionError(f"refusing a change requested from {origin}")


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return HTMLResponse(render("error.html", {"status": status, "code": code, "message": message}), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request, exc):
        return _error(request, 404, "not_found", str(exc))

    @app.exception_handler(AllsourceError)  # ConfigError and every other deliberate error
    async def bad_request(request, exc):
        return _error(request, 400, "bad_request", str(exc))

    @app.exception_handler(PermissionError)
    async def forbidden(request, exc):
        return _error(request, 403, "forbidden", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request, exc):
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return _error(request, 422, "invalid_input", "; ".join(problems) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc):
        codes = {404: "not_found", 405: "method_not_allowed"}
        return _error(request, exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

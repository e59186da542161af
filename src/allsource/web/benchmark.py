"""`allsource benchmark-web`: latency of every page and API route against its store query.

The app runs in uvicorn on a free loopback port in a background thread; a plain HTTP client
(keep-alive) requests each route once (reported as "first": it pays for the corpus-wide
aggregates the app caches per data version, such as the strongest pairs and the graph layout)
and then `repeat` times. For the same route, in the same run, the `Views` method behind it
(every store query the page makes, plus the small amount of shaping around them) is timed
directly on its own connection to the same file, as many times, after one untimed call; page
and query runs alternate, so that a change in the machine's load weighs on both alike.
Reported: p50 and p95 of both, and page/query ratios of the p50s and of the p95s. The
difference is what the web layer adds: routing, validation, JSON encoding or template
rendering, HTTP. A query under a millisecond makes the ratio large whatever the page does:
a loopback HTTP round trip through uvicorn alone takes about that long.
"""

from __future__ import annotations

import functools
import http.client
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from allsource.bench import DEFAULT_ALLSIDES, locate, write_allsides_sample
from allsource.errors import ConfigError
from allsource.web.views import Views
from allsource.workbench import Workbench

PAGE_TARGET_RATIO = 5.0
PAGE_TARGET_P95_MS = 300.0
Progress = Callable[[str], None]


@dataclass
class RouteResult:
    route: str
    path: str
    first_ms: float
    page_p50_ms: float
    page_p95_ms: float
    query_p50_ms: float
    query_p95_ms: float

    @property
    def ratio_p50(self) -> float:
        return self.page_p50_ms / max(self.query_p50_ms, 1e-6)

    @property
    def ratio_p95(self) -> float:
        return self.page_p95_ms / max(self.query_p95_ms, 1e-6)

    @property
    def meets_targets(self) -> bool:
        return self.ratio_p50 < PAGE_TARGET_RATIO and self.page_p95_ms < PAGE_TARGET_P95_MS


@dataclass
class WebBenchReport:
    db: str
    counts: dict
    repeat: int
    floor_ms: float          # p50 of a request to a route that does nothing
    routes: list[RouteResult]

    def format(self) -> str:
        counts = ", ".join(f"{v:,} {k}" for k, v in self.counts.items() if k != "failed")
        lines = [f"knowledge base {self.db}: {counts}",
                 f"{self.repeat} timed requests per route after a first, untimed-in-percentiles one; times in ms",
                 f"{'route':<17} {'first':>7} {'page p50':>9} {'p95':>7} {'query p50':>10} {'p95':>7} {'ratio p50':>10}"
                 f" {'ratio p95':>10}  targets (<{PAGE_TARGET_RATIO:g}x, p95 <{PAGE_TARGET_P95_MS:g} ms)"]
        for r in self.routes:
            lines.append(f"{r.route:<17} {r.first_ms:>7.1f} {r.page_p50_ms:>9.1f} {r.page_p95_ms:>7.1f} {r.query_p50_ms:>10.1f}"
                         f" {r.query_p95_ms:>7.1f} {r.ratio_p50:>9.2f}x {r.ratio_p95:>9.2f}x  "
                         f"{'met' if r.meets_targets else 'MISSED'}")
        met = sum(r.meets_targets for r in self.routes)
        lines.append(f"{met} of {len(self.routes)} routes meet both targets; a request that does no work"
                     f" (GET /favicon.ico, 204) takes {self.floor_ms:.1f} ms at p50")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"db": self.db, "counts": self.counts, "repeat": self.repeat, "floor_ms": self.floor_ms,
                "routes": [{**asdict(r), "ratio_p50": r.ratio_p50, "ratio_p95": r.ratio_p95,
                            "meets_targets": r.meets_targets} for r in self.routes]}


def build_allsides_kb(db: Path, *, allsides: str | None, sample: int, workers: int | None, say: Progress) -> None:
    folder = locate(allsides, DEFAULT_ALLSIDES)
    if folder is None:
        raise ConfigError(f"no allsides-news-scale folder at {allsides or DEFAULT_ALLSIDES}; pass --allsides or --db")
    with tempfile.TemporaryDirectory(prefix="allsource-webbench-") as scratch:
        written = write_allsides_sample(folder, sample, Path(scratch))
        say(f"building {db} from {written} AllSides articles (this takes a while)")
        started = time.perf_counter()
        with Workbench(db) as kb:
            report = kb.add(scratch, workers=workers)
        say(f"built in {time.perf_counter() - started:.0f} s: {len(report.added)} added, {len(report.failed)} failed")


def _routes(views: Views) -> list[tuple[str, str, dict, Callable[[], object]]]:
    """(name, path, query parameters, the Views call behind it) for every page, chosen from the
    knowledge base itself: its best-connected actor, its strongest pair, a document of theirs…"""
    store = views.store
    top = store.most_connected(2)
    if len(top) < 2:
        raise ConfigError("the knowledge base links fewer than two actors; build it from more articles")
    actor, other = top[0]["id"], top[1]["id"]
    statement = store.statement_rows(entity=actor, limit=1)[0]
    conflicts = store.conflict_page(1)
    word = store.find_entity(actor)["name"].split()[0]
    routes = [
        ("overview", "/", {}, views.overview),
        ("entity", f"/entity/{quote(actor)}", {}, lambda: views.entity(actor)),
        ("dyad", f"/dyad/{quote(actor)}/{quote(other)}", {}, lambda: views.dyad(actor, other)),
        ("document", f"/document/{quote(statement['doc'])}", {"focus": statement["id"]},
         lambda: views.document(statement["doc"], statement["id"])),
        ("evidence", f"/evidence/{quote(statement['id'])}", {}, lambda: views.evidence(statement["id"])),
        ("claims", "/claims", {}, views.claims),
        ("claims-filter", "/claims", {"about": actor}, lambda: views.claims(about=actor)),
        ("conflicts", "/conflicts", {}, views.conflicts),
        ("timeline", "/timeline", {"actor": actor}, lambda: views.timeline(actor=actor)),
        # the page serves the unfiltered graph from a cache kept per data version; its
        # underlying store query is the edge query the cache was filled from
        ("graph", "/graph", {}, store.graph_edges),
        ("graph-expand", "/graph", {"expand": actor}, lambda: views.graph(expand=[actor])),
        ("search", "/search", {"q": word}, lambda: views.search(word)),
    ]
    if conflicts:
        conflict = conflicts[0]["id"]
        routes.append(("conflict", f"/evidence/{quote(conflict)}", {}, lambda: views.evidence(conflict)))
    return routes


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _timed(call: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _interleaved(page: Callable[[], object], query: Callable[[], object], repeat: int) -> tuple[list, list]:
    """Alternates the two, so that a change in the machine's load weighs on both alike."""
    pages, queries = [], []
    for _ in range(repeat):
        pages += _timed(page, 1)
        queries += _timed(query, 1)
    return pages, queries


def run_web_benchmark(db: str | Path | None = None, *, allsides: str | None = None, sample: int = 2000,
                      repeat: int = 20, workers: int | None = None,
                      progress: Progress = lambda line: None) -> WebBenchReport:
    import uvicorn

    from allsource.web.app import create_app

    with tempfile.TemporaryDirectory(prefix="allsource-webbench-kb-") as scratch:
        path = Path(db) if db else Path(scratch) / f"allsides-{sample}.db"
        if not path.exists():
            build_allsides_kb(path, allsides=allsides, sample=sample, workers=workers, say=progress)
        port = _free_port()
        # the client keeps one connection open while the store queries are timed in between
        server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning",
                                               timeout_keep_alive=3600))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        kb = Workbench(path)
        try:
            views = Views(kb)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

            def fetch(url: str) -> None:
                connection.request("GET", url)
                response = connection.getresponse()
                response.read()
                if response.status >= 300:
                    raise ConfigError(f"{url} answered {response.status}")
            # a route that does nothing (204): what any request costs before a page does any work
            floor = _percentile(_timed(lambda: fetch("/favicon.ico"), repeat * 5), .5)
            results = []
            for name, route_path, params, query in _routes(views):
                for twin, prefix in ((name, ""), (f"api:{name}", "/api")):
                    fetch_page = functools.partial(fetch, prefix + route_path + ("?" + urlencode(params) if params else ""))
                    cold = _timed(fetch_page, 1)[0]  # the first request pays for aggregates cached per data version
                    query()
                    page, store_query = _interleaved(fetch_page, query, repeat)
                    results.append(RouteResult(twin, fetch_page.args[0], cold, _percentile(page, .5), _percentile(page, .95),
                                               _percentile(store_query, .5), _percentile(store_query, .95)))
                    progress(f"{twin}: page p50 {results[-1].page_p50_ms:.1f} ms")
            counts = kb.counts()
        finally:
            kb.close()
            server.should_exit = True
            thread.join()
            server.config.app.state.kb.close()
        return WebBenchReport(str(path), counts, repeat, floor, results)

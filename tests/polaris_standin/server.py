#!/usr/bin/env python3
"""TEST DOUBLE: a tiny Iceberg REST catalog that stands in for Apache Polaris.

This is NOT Polaris and NOT production code. It exists only so floe-lint's
`connect` tests have a real Iceberg REST catalog process on 127.0.0.1 that
answers the way Polaris does for the calls floe-lint and DuckDB's iceberg
extension make:

  POST /api/catalog/v1/oauth/tokens                       OAuth2 client_credentials
  GET  /api/catalog/v1/config?warehouse=W                 prefix override = W
  GET  /api/catalog/v1/{prefix}/namespaces                (?parent=...)
  GET  /api/catalog/v1/{prefix}/namespaces/{ns}           404 NoSuchNamespaceException
  HEAD /api/catalog/v1/{prefix}/namespaces/{ns}
  POST /api/catalog/v1/{prefix}/namespaces                create (handy for tests)
  GET  /api/catalog/v1/{prefix}/namespaces/{ns}/tables
  GET  /api/catalog/v1/{prefix}/namespaces/{ns}/tables/{t} LoadTableResult
  HEAD /api/catalog/v1/{prefix}/namespaces/{ns}/tables/{t}
  GET  /api/catalog/v1/{prefix}/namespaces/{ns}/views     always empty

Storage: pyiceberg's SqlCatalog (sqlite file) with a local-filesystem
warehouse in a temporary directory, so every location is a file:// URI.

Every request is logged to stderr as `REQ <METHOD> <path>[?query] -> <status>`
and, with --request-log FILE, appended as one JSON object per line.

CLI (see --help):
  python server.py --port 0 --warehouse W --client-id X --client-secret Y \
                   --namespace N --seed
  prints `LISTENING <port>` (one line, flushed) on stdout once it accepts
  requests. `--hang` accepts TCP connections and never answers (timeout tests).
Stops on SIGTERM / SIGINT and removes its temporary directory.
"""

# NB: no `from __future__ import annotations` here: FastAPI must see the real
# `Request` annotations, and Request is imported inside build_app().
import argparse
import json
import os
import secrets
import signal
import socket
import sys
import threading
import time

ROOT = "/api/catalog"
NS_SEP = "\x1f"  # Iceberg REST multi-level namespace separator (%1F in URLs)


# --------------------------------------------------------------------------- #
# CLI
# --------------------------------------------------------------------------- #
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(description="TEST DOUBLE standing in for a Polaris Iceberg REST catalog")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1; keep it on loopback)")
    p.add_argument("--port", type=int, default=int(env("POLARIS_STANDIN_PORT", "0")),
                   help="port; 0 picks a free one (printed as `LISTENING <port>`)")
    p.add_argument("--warehouse", default=env("POLARIS_STANDIN_WAREHOUSE", "floe_warehouse"),
                   help="the one known warehouse (catalog) name; also the REST prefix")
    p.add_argument("--client-id", default=env("POLARIS_STANDIN_CLIENT_ID", "floe-client"))
    p.add_argument("--client-secret", default=env("POLARIS_STANDIN_CLIENT_SECRET", "floe-secret"))
    p.add_argument("--namespace", default=env("POLARIS_STANDIN_NAMESPACE", "demo"),
                   help="namespace created by --seed (dots make a nested namespace)")
    p.add_argument("--seed", action="store_true",
                   help="create the namespace and table `orders` (3 rows) through pyiceberg")
    p.add_argument("--data-dir", default=None,
                   help="directory for sqlite + warehouse files (default: a fresh temp dir, removed on exit)")
    p.add_argument("--bad-credentials-error", choices=("unauthorized_client", "invalid_client"),
                   default="unauthorized_client",
                   help="OAuth2 `error` for a wrong client id/secret, always HTTP 401 "
                        "(real Polaris: unauthorized_client)")
    p.add_argument("--token-path", default=f"{ROOT}/v1/oauth/tokens",
                   help="where the OAuth2 token endpoint is served (an external identity provider's "
                        "path, e.g. /realms/floe/protocol/openid-connect/token; then "
                        f"{ROOT}/v1/oauth/tokens is not served)")
    p.add_argument("--token-ttl", type=int, default=3600, help="expires_in of issued tokens, seconds")
    p.add_argument("--request-log", default=env("POLARIS_STANDIN_REQUEST_LOG"),
                   help="append one JSON line per request to this file")
    p.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    p.add_argument("--hang", action="store_true",
                   help="accept TCP connections but never answer HTTP (for timeout tests)")
    return p.parse_args(argv)


def bind_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def announce(sock: socket.socket) -> None:
    sys.stdout.write(f"LISTENING {sock.getsockname()[1]}\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- #
# --hang: accept, read nothing, answer nothing
# --------------------------------------------------------------------------- #
def run_hang(args: argparse.Namespace) -> int:
    sock = bind_socket(args.host, args.port)
    held: list[socket.socket] = []
    stop = threading.Event()

    def on_signal(signum, frame):  # noqa: ARG001
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sock.settimeout(0.2)
    announce(sock)
    while not stop.is_set():
        try:
            conn, _ = sock.accept()
        except (socket.timeout, InterruptedError):
            continue
        except OSError:
            break
        held.append(conn)  # keep it open, never read or write
        if not args.quiet:
            print(f"HANG accepted connection #{len(held)}", file=sys.stderr, flush=True)
    for c in held:
        c.close()
    sock.close()
    return 0


# --------------------------------------------------------------------------- #
# The catalog server
# --------------------------------------------------------------------------- #
def error_body(status: int, err_type: str, message: str) -> dict:
    """Iceberg REST ErrorModel, as Polaris returns it."""
    return {"error": {"message": message, "type": err_type, "code": status}}


def seed_catalog(catalog, namespace: tuple[str, ...]) -> None:
    import pyarrow as pa
    from pyiceberg.schema import Schema
    from pyiceberg.types import DoubleType, LongType, NestedField, StringType

    for i in range(1, len(namespace) + 1):
        catalog.create_namespace_if_not_exists(namespace[:i], {"comment": "seeded by the Polaris stand-in"})
    schema = Schema(
        NestedField(1, "order_id", LongType(), required=False),
        NestedField(2, "customer", StringType(), required=False),
        NestedField(3, "amount", DoubleType(), required=False),
    )
    ident = (*namespace, "orders")
    if catalog.table_exists(ident):
        return
    table = catalog.create_table(ident, schema=schema)
    table.append(pa.table({
        "order_id": pa.array([1, 2, 3], pa.int64()),
        "customer": pa.array(["alice", "bob", "carol"], pa.string()),
        "amount": pa.array([10.5, 20.0, 31.25], pa.float64()),
    }))


def build_app(args: argparse.Namespace, catalog, data_dir: str):
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, Response
    from pyiceberg.exceptions import NoSuchNamespaceError, NoSuchTableError

    app = FastAPI(title="Polaris stand-in (TEST DOUBLE)", docs_url=None, redoc_url=None, openapi_url=None)
    tokens: dict[str, float] = {}  # token -> expiry (epoch seconds)
    log_lock = threading.Lock()
    warehouse_location = "file://" + os.path.join(data_dir, "warehouse")

    def err(status: int, err_type: str, message: str) -> JSONResponse:
        return JSONResponse(error_body(status, err_type, message), status_code=status)

    # ---- request log + bearer-token check ------------------------------- #
    @app.middleware("http")
    async def log_and_auth(request: Request, call_next):
        path = request.url.path
        # raw (still percent-encoded) path for logs: shows a nested namespace as demo%1Fbronze
        raw_path = request.scope.get("raw_path", b"").decode("latin-1") or path
        # Only the catalog API needs a token. Paths outside ROOT/v1/ (e.g. a `uri`
        # missing `/api/catalog`) get a plain 404 so a wrong root path is not
        # mistaken for a credentials problem.
        public = path == args.token_path or not path.startswith(f"{ROOT}/v1/")
        if not public:
            auth = request.headers.get("authorization", "")
            scheme, _, tok = auth.partition(" ")
            if scheme.lower() != "bearer" or not tok:
                response = err(401, "NotAuthorizedException", "Authorization header with a Bearer token is required")
            elif tokens.get(tok, 0) < time.time():
                response = err(401, "NotAuthorizedException", "Bearer token is invalid or expired")
            else:
                response = await call_next(request)
        else:
            response = await call_next(request)
        entry = {
            "method": request.method,
            "path": raw_path,
            "query": request.url.query,
            "status": response.status_code,
            "user_agent": request.headers.get("user-agent", ""),
            "access_delegation": request.headers.get("x-iceberg-access-delegation"),
            "has_bearer": request.headers.get("authorization", "").lower().startswith("bearer "),
        }
        if not args.quiet:
            q = f"?{entry['query']}" if entry["query"] else ""
            extra = ""
            if entry["access_delegation"] is not None:
                extra = f" [X-Iceberg-Access-Delegation: {entry['access_delegation']}]"
            print(f"REQ {request.method} {raw_path}{q} -> {response.status_code}{extra}", file=sys.stderr, flush=True)
        if args.request_log:
            with log_lock, open(args.request_log, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry) + "\n")
        return response

    # ---- OAuth2 token endpoint (Polaris: /api/catalog/v1/oauth/tokens) -- #
    oauth_descriptions = {  # Polaris OAuthTokenErrorResponse.Error
        "invalid_request": "The request is invalid",
        "invalid_client": "The Client is invalid",
        "invalid_grant": "The grant is invalid",
        "unauthorized_client": "The client is not authorized",
        "unsupported_grant_type": "The grant type is invalid",
        "invalid_scope": "The scope is invalid",
    }

    def oauth_error(code: str, status: int = 400) -> JSONResponse:
        # Polaris answers 401 only for unauthorized_client, 400 for everything else.
        return JSONResponse({"error": code, "error_description": oauth_descriptions[code], "error_uri": None},
                            status_code=401 if code == "unauthorized_client" else status)

    @app.post(args.token_path)
    async def oauth_tokens(request: Request):
        form = await request.form()
        grant_type = form.get("grant_type")
        client_id = form.get("client_id")
        client_secret = form.get("client_secret")
        # Also accept client_secret_basic (Authorization: Basic base64(id:secret)).
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("basic ") and client_id is None:
            import base64
            try:
                client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
            except Exception:  # noqa: BLE001
                client_id = client_secret = None
        if not args.quiet:
            print(f"TOKEN grant_type={grant_type!r} client_id={client_id!r} scope={form.get('scope')!r} "
                  f"content-type={request.headers.get('content-type')!r}", file=sys.stderr, flush=True)
        # Same checks, order, statuses and bodies as Polaris' DefaultOAuth2ApiService /
        # TokenRequestValidator / OAuthUtils.getResponseFromError.
        if grant_type not in ("client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"):
            return oauth_error("unsupported_grant_type")
        if not client_id or not client_secret:
            return oauth_error("invalid_client")  # 400 in Polaris
        scope = form.get("scope")
        if not scope or not all(s.startswith("PRINCIPAL_ROLE:") for s in scope.split()):
            return oauth_error("invalid_scope")
        if client_id != args.client_id or client_secret != args.client_secret:
            return oauth_error(args.bad_credentials_error, status=401)
        token = "standin-" + secrets.token_urlsafe(24)
        tokens[token] = time.time() + args.token_ttl
        return {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": args.token_ttl,
            "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
        }

    # ---- config --------------------------------------------------------- #
    endpoints = [
        "GET /v1/{prefix}/namespaces",
        "POST /v1/{prefix}/namespaces",
        "GET /v1/{prefix}/namespaces/{namespace}",
        "HEAD /v1/{prefix}/namespaces/{namespace}",
        "GET /v1/{prefix}/namespaces/{namespace}/tables",
        "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "GET /v1/{prefix}/namespaces/{namespace}/views",
    ]

    @app.get(f"{ROOT}/v1/config")
    async def get_config(warehouse: str | None = None):
        if not warehouse:
            return err(400, "BadRequestException", "Please specify a warehouse")
        if warehouse != args.warehouse:
            return err(404, "NotFoundException", f"Unable to find warehouse {warehouse}")
        return {
            "defaults": {"default-base-location": warehouse_location},
            "overrides": {"prefix": args.warehouse},
            "endpoints": endpoints,
        }

    # ---- helpers -------------------------------------------------------- #
    def check_prefix(prefix: str) -> JSONResponse | None:
        if prefix != args.warehouse:
            return err(404, "NotFoundException", f"Unable to find warehouse {prefix}")
        return None

    def parse_ns(ns: str) -> tuple[str, ...]:
        return tuple(ns.split(NS_SEP))

    def no_such_ns(ns: tuple[str, ...]) -> JSONResponse:
        return err(404, "NoSuchNamespaceException", f"Namespace does not exist: {'.'.join(ns)}")

    # ---- namespaces ----------------------------------------------------- #
    @app.get(f"{ROOT}/v1/{{prefix}}/namespaces")
    async def list_namespaces(prefix: str, parent: str | None = None):
        if (r := check_prefix(prefix)) is not None:
            return r
        parent_ns = parse_ns(parent) if parent else ()
        if parent_ns and not catalog.namespace_exists(parent_ns):
            return no_such_ns(parent_ns)
        return {"namespaces": [list(n) for n in catalog.list_namespaces(parent_ns)], "next-page-token": None}

    @app.post(f"{ROOT}/v1/{{prefix}}/namespaces")
    async def create_namespace(prefix: str, request: Request):
        if (r := check_prefix(prefix)) is not None:
            return r
        body = await request.json()
        ns = tuple(body.get("namespace") or ())
        props = body.get("properties") or {}
        if not ns:
            return err(400, "BadRequestException", "namespace is required")
        if catalog.namespace_exists(ns):
            return err(409, "AlreadyExistsException", f"Namespace already exists: {'.'.join(ns)}")
        catalog.create_namespace(ns, props)
        return {"namespace": list(ns), "properties": props}

    @app.get(f"{ROOT}/v1/{{prefix}}/namespaces/{{ns}}")
    async def load_namespace(prefix: str, ns: str):
        if (r := check_prefix(prefix)) is not None:
            return r
        n = parse_ns(ns)
        try:
            props = catalog.load_namespace_properties(n)
        except NoSuchNamespaceError:
            return no_such_ns(n)
        return {"namespace": list(n), "properties": {k: v for k, v in props.items() if k != "exists"}}

    @app.head(f"{ROOT}/v1/{{prefix}}/namespaces/{{ns}}")
    async def namespace_exists(prefix: str, ns: str):
        if prefix != args.warehouse:
            return Response(status_code=404)
        return Response(status_code=204 if catalog.namespace_exists(parse_ns(ns)) else 404)

    # ---- tables --------------------------------------------------------- #
    @app.get(f"{ROOT}/v1/{{prefix}}/namespaces/{{ns}}/tables")
    async def list_tables(prefix: str, ns: str):
        if (r := check_prefix(prefix)) is not None:
            return r
        n = parse_ns(ns)
        if not catalog.namespace_exists(n):
            return no_such_ns(n)
        idents = catalog.list_tables(n)
        return {"identifiers": [{"namespace": list(i[:-1]), "name": i[-1]} for i in idents],
                "next-page-token": None}

    @app.get(f"{ROOT}/v1/{{prefix}}/namespaces/{{ns}}/views")
    async def list_views(prefix: str, ns: str):
        if (r := check_prefix(prefix)) is not None:
            return r
        n = parse_ns(ns)
        if not catalog.namespace_exists(n):
            return no_such_ns(n)
        return {"identifiers": [], "next-page-token": None}

    def table_config() -> dict:
        # Data lives on the local filesystem (file:// locations): no S3 settings
        # and no vended credentials are needed or returned.
        return {}

    @app.get(f"{ROOT}/v1/{{prefix}}/namespaces/{{ns}}/tables/{{table}}")
    async def load_table(prefix: str, ns: str, table: str):
        if (r := check_prefix(prefix)) is not None:
            return r
        n = parse_ns(ns)
        if not catalog.namespace_exists(n):
            return no_such_ns(n)
        try:
            tbl = catalog.load_table((*n, table))
        except NoSuchTableError:
            return err(404, "NoSuchTableException", f"Table does not exist: {'.'.join((*n, table))}")
        loc = tbl.metadata_location
        path = loc[len("file://"):] if loc.startswith("file://") else loc
        with open(path, encoding="utf-8") as fh:
            metadata = json.load(fh)  # the exact metadata file, as Polaris serves it
        return {"metadata-location": loc, "metadata": metadata, "config": table_config()}

    @app.head(f"{ROOT}/v1/{{prefix}}/namespaces/{{ns}}/tables/{{table}}")
    async def table_exists(prefix: str, ns: str, table: str):
        if prefix != args.warehouse:
            return Response(status_code=404)
        return Response(status_code=204 if catalog.table_exists((*parse_ns(ns), table)) else 404)

    # ---- anything else: log it loudly so missing endpoints are visible -- #
    @app.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"])
    async def unhandled(rest: str, request: Request):
        print(f"UNHANDLED {request.method} /{rest}", file=sys.stderr, flush=True)
        return err(404, "NotFoundException", f"Stand-in does not implement {request.method} /{rest}")

    return app


def run_server(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    t0 = time.monotonic()
    own_dir = args.data_dir is None
    data_dir = tempfile.mkdtemp(prefix="polaris-standin-") if own_dir else os.path.abspath(args.data_dir)
    os.makedirs(os.path.join(data_dir, "warehouse"), exist_ok=True)
    try:
        sock = bind_socket(args.host, args.port)  # bind first: a busy port fails fast

        import uvicorn
        from pyiceberg.catalog.sql import SqlCatalog

        catalog = SqlCatalog(
            args.warehouse,
            uri=f"sqlite:///{os.path.join(data_dir, 'catalog.db')}",
            warehouse="file://" + os.path.join(data_dir, "warehouse"),
        )
        if args.seed:
            seed_catalog(catalog, tuple(args.namespace.split(".")))
        app = build_app(args, catalog, data_dir)

        class Server(uvicorn.Server):
            async def startup(self, sockets=None):
                await super().startup(sockets=sockets)
                if not self.should_exit:
                    if not args.quiet:
                        print(f"READY in {time.monotonic() - t0:.2f}s data_dir={data_dir} "
                              f"warehouse={args.warehouse} uri=http://{args.host}:{sock.getsockname()[1]}{ROOT}",
                              file=sys.stderr, flush=True)
                    announce(sock)

        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=2, timeout_keep_alive=5)
        # uvicorn captures SIGTERM/SIGINT, shuts down gracefully, then re-raises the
        # signal with the previous handler restored; make that handler a clean exit
        # so the `finally` below still removes the temp dir.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        Server(config).run(sockets=[sock])
        return 0
    finally:
        if own_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_hang(args) if args.hang else run_server(args)


if __name__ == "__main__":
    sys.exit(main())

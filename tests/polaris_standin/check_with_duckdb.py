#!/usr/bin/env python3
"""Developer check: run real DuckDB (Python, 1.5.5) against the Polaris TEST DOUBLE.

Not used by the Rust tests; it shows that server.py answers the way DuckDB's
iceberg extension needs, with the exact ATTACH floe's dbt plugin runs
(spec floe-schema.md §4.2), and what DuckDB says for each failure mode.

Setup (once):
    python3 -m venv /tmp/standin-venv
    /tmp/standin-venv/bin/pip install -r tests/polaris_standin/requirements-check.txt
Run:
    /tmp/standin-venv/bin/python tests/polaris_standin/check_with_duckdb.py

It starts server.py itself (same interpreter, --port 0 --seed) unless --uri is
given, builds an extension directory <tmp>/v1.5.5/<platform>/<name>.duckdb_extension
from the duckdb-extension-* wheels (no network install), and exits non-zero
if any check fails. Last line: `N passed, N failed`.
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "server.py")
EXTENSIONS = ("iceberg", "httpfs", "avro", "parquet")


def build_extension_dir(duckdb_version: str, platform: str) -> str:
    """Copy the wheel-shipped extension files into DuckDB's directory layout."""
    root = tempfile.mkdtemp(prefix="duckdb-ext-")
    dest = os.path.join(root, duckdb_version, platform)
    os.makedirs(dest)
    for name in EXTENSIONS:
        spec = importlib.util.find_spec(f"duckdb_extension_{name}")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"duckdb-extension-{name} is not installed (pip install -r requirements-check.txt)")
        pkg = list(spec.submodule_search_locations)[0]
        src = os.path.join(pkg, "extensions", duckdb_version, f"{name}.duckdb_extension")
        if not os.path.exists(src):
            raise SystemExit(f"missing {src}: the wheel's version must match DuckDB {duckdb_version}")
        shutil.copy(src, os.path.join(dest, f"{name}.duckdb_extension"))
    return root


def start_server(extra: list[str]) -> tuple[subprocess.Popen, int, float]:
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, SERVER, "--port", "0", *extra],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # blocks until `LISTENING <port>` (or EOF on failure)
    if not line.startswith("LISTENING "):
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}")
    return proc, int(line.split()[1]), time.monotonic() - t0


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", help="use a running stand-in, e.g. http://127.0.0.1:8181/api/catalog")
    ap.add_argument("--warehouse", default="floe_warehouse")
    ap.add_argument("--client-id", default="floe-client")
    ap.add_argument("--client-secret", default="floe-secret")
    ap.add_argument("--namespace", default="demo")
    ap.add_argument("--skip-hang", action="store_true", help="skip the timeout check")
    args = ap.parse_args()

    import duckdb

    version = "v" + duckdb.__version__
    platform = duckdb.connect().execute("PRAGMA platform").fetchone()[0]
    ext_dir = build_extension_dir(version, platform)
    print(f"DuckDB {duckdb.__version__} ({platform}); extension_directory={ext_dir}")
    for f in sorted(os.listdir(os.path.join(ext_dir, version, platform))):
        print(f"  {version}/{platform}/{f}")

    procs = []
    results: list[tuple[str, bool, str]] = []

    def check(name: str, ok: bool, detail: str) -> None:
        results.append((name, ok, detail))
        print(f"[{'PASS' if ok else 'FAIL'}] {name}: {detail}")

    try:
        if args.uri:
            uri = args.uri.rstrip("/")
        else:
            proc, port, secs = start_server(["--seed", "--warehouse", args.warehouse, "--namespace",
                                             args.namespace, "--client-id", args.client_id,
                                             "--client-secret", args.client_secret])
            procs.append(proc)
            uri = f"http://127.0.0.1:{port}/api/catalog"
            print(f"stand-in up in {secs:.2f}s at {uri}")

        def connect():
            con = duckdb.connect()
            con.execute(f"SET extension_directory='{ext_dir}'")
            con.execute("SET autoinstall_known_extensions=false")  # never download
            con.execute("SET autoload_known_extensions=true")
            return con

        def attach_sql(warehouse=args.warehouse, secret=args.client_secret, endpoint=uri, alias="polaris_catalog"):
            # Exactly the floe dbt plugin's ATTACH (floe-schema.md §4.2).
            return (f"ATTACH IF NOT EXISTS '{warehouse}' AS {alias} (\n"
                    f"    TYPE ICEBERG,\n"
                    f"    CLIENT_ID '{args.client_id}',\n"
                    f"    CLIENT_SECRET '{secret}',\n"
                    f"    OAUTH2_SERVER_URI '{endpoint}/v1/oauth/tokens',\n"
                    f"    ENDPOINT '{endpoint}'\n)")

        # ---- happy path ------------------------------------------------ #
        con = connect()
        sql = attach_sql()
        print(sql.replace(args.client_secret, "***"))
        t = time.monotonic()
        con.execute(sql)
        check("attach", True, f"{time.monotonic() - t:.2f}s")
        schemas = [r[0] for r in con.execute(
            "SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'polaris_catalog' ORDER BY 1").fetchall()]
        check("schemas", args.namespace in schemas, f"{schemas}")
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                             "WHERE database_name = 'polaris_catalog' ORDER BY 1, 2").fetchall()
        check("tables", (args.namespace, "orders") in tables, f"{tables}")
        n = con.execute(f'SELECT count(*) FROM polaris_catalog."{args.namespace}".orders').fetchone()[0]
        check("count(*) orders", n == 3, f"{n}")
        con.execute("DETACH polaris_catalog")
        check("detach", True, "ok")

        # ---- failure modes floe-lint reports --------------------------- #
        def expect_error(name: str, sql: str, needle: str, settings=()) -> None:
            c = connect()
            for s in settings:
                c.execute(s)
            t = time.monotonic()
            try:
                c.execute(sql)
            except duckdb.Error as e:
                msg = str(e)
                check(name, needle in msg, f"{type(e).__name__} after {time.monotonic() - t:.2f}s: {msg}")
                return
            check(name, False, "no error raised")

        expect_error("wrong secret -> 401 at token", attach_sql(secret="wrong-secret"),
                     "OAuth2 token request failed (Unauthorized_401): unauthorized_client")
        expect_error("unknown warehouse -> 404 at config", attach_sql(warehouse="no_such_warehouse"),
                     "config?warehouse=no_such_warehouse' returned a non-200 status code (NotFound_404)")
        c = connect()
        c.execute(attach_sql())
        try:
            c.execute("SELECT count(*) FROM polaris_catalog.no_such_ns.orders")
            check("missing namespace", False, "no error raised")
        except duckdb.Error as e:
            check("missing namespace", 'schema "no_such_ns" does not exist' in str(e), f"{type(e).__name__}: {e}")

        # ---- hanging server: DuckDB honours http_timeout / http_retries  #
        if not args.skip_hang:
            hproc, hport, _ = start_server(["--hang", "--quiet"])
            procs.append(hproc)
            huri = f"http://127.0.0.1:{hport}/api/catalog"
            expect_error("hanging server -> timeout", attach_sql(endpoint=huri), "Timeout was reached",
                         settings=("SET http_timeout=2", "SET http_retries=0"))
    finally:
        for p in procs:
            stop_server(p)
        shutil.rmtree(ext_dir, ignore_errors=True)

    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

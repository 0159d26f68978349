# floe-lint's DuckDB step through the `duckdb` Python package (server/connect/python.rs runs this
# with `python -c`; it is compiled into the binary). Protocol, version 1:
#   stdin:  one JSON object {"protocol": 1, "setup": [sql, ...], "attach": sql, "schemas": sql,
#           "detach": sql}; the ATTACH carries the credentials, so they never appear in argv or
#           the environment.
#   stdout: one JSON line {"protocol": 1, "ok": true, "duckdb": version, "schemas": [...]} or
#           {"protocol": 1, "ok": false, "stage": "import"|"input"|"setup"|"attach",
#            "duckdb": version or null, "error": message}.
# Nothing else is printed: floe-lint scrubs secrets from `error` and decides what the user sees.
import json
import sys

# `python -c` puts the working directory first on sys.path: a stray duckdb.py there must not
# stand in for the real package.
sys.path[:] = [p for p in sys.path if p not in ("", ".")]


def answer(**fields):
    fields["protocol"] = 1
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def main():
    try:
        import duckdb
    except Exception as error:  # ImportError, or a broken install
        answer(ok=False, stage="import", duckdb=None, error=str(error))
        return
    version = getattr(duckdb, "__version__", "unknown")
    try:
        request = json.loads(sys.stdin.read())
        setup = [str(s) for s in request["setup"]]
        statements = [request["attach"], request["schemas"], request["detach"]]
    except Exception as error:
        answer(ok=False, stage="input", duckdb=version, error="bad request: %s" % error)
        return
    try:
        connection = duckdb.connect(":memory:")
        for statement in setup:
            connection.execute(statement)
    except Exception as error:
        answer(ok=False, stage="setup", duckdb=version, error=str(error))
        return
    try:
        connection.execute(statements[0])
        schemas = [row[0] for row in connection.execute(statements[1]).fetchall()]
        connection.execute(statements[2])
    except Exception as error:
        answer(ok=False, stage="attach", duckdb=version, error=str(error))
        return
    answer(ok=True, duckdb=version, schemas=schemas)


main()

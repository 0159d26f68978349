#!/usr/bin/env python3
"""The install figures in the README ("Installation"), measured, with the commands that produce them.

    python3 .ci/measure-install.py --wheel-dir dist --cargo-built PATH [--runs 20]

- wheel size: the .whl file in --wheel-dir;
- installed size: what `pip install --no-index --find-links DIR floe-lint` adds to a fresh venv;
- pip install time: that command in a fresh venv, median of --installs runs;
- cold `floe-lint check examples/lakehouse` (the demo pair): a new process each run, from the
  installed wheel and from --cargo-built (e.g. `cargo build --release --no-default-features`),
  first run and median of --runs, interleaved so both see the same machine load.

Standard library only. Not run by CI (its numbers depend on the machine's load); .ci/run runs
the same installs as tests.
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tree_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            full = os.path.join(root, name)
            if not os.path.islink(full):
                total += os.path.getsize(full)
    return total


def fresh_venv(parent):
    venv = os.path.join(parent, "venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    return venv


def pip_install(venv, wheel_dir):
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    started = time.perf_counter()
    subprocess.run(
        [os.path.join(venv, "bin", "pip"), "install", "--quiet", "--no-index", "--find-links", wheel_dir, "floe-lint"],
        check=True,
        env=env,
    )
    return time.perf_counter() - started


def check_once(binary):
    started = time.perf_counter()
    result = subprocess.run(
        [binary, "check", "examples/lakehouse", "--color", "never"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_COLOR="1"),
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 1:
        raise SystemExit(f"{binary} check exited {result.returncode}, expected 1 (the example's findings)")
    return elapsed


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def mib(size):
    return f"{size / 1048576:.2f} MiB ({size:,} bytes)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel-dir", default=os.path.join(REPO, "dist"))
    parser.add_argument("--cargo-built", required=True, help="a cargo-built floe-lint to compare with")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--installs", type=int, default=5)
    args = parser.parse_args()

    wheels = glob.glob(os.path.join(args.wheel_dir, "floe_lint-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one floe_lint wheel in {args.wheel_dir}, found {wheels}")
    wheel = wheels[0]
    print(f"wheel: {os.path.basename(wheel)}")
    print(f"  wheel size: {mib(os.path.getsize(wheel))}")

    times = []
    with tempfile.TemporaryDirectory() as keep:
        venv = fresh_venv(keep)
        before = tree_size(venv)
        times.append(pip_install(venv, args.wheel_dir))
        installed = tree_size(venv) - before
        binary = os.path.join(venv, "bin", "floe-lint")
        print(f"  installed size (what pip adds to a fresh venv): {mib(installed)}")
        for _ in range(args.installs - 1):
            with tempfile.TemporaryDirectory() as other:
                times.append(pip_install(fresh_venv(other), args.wheel_dir))
        print(
            f"  pip install --no-index --find-links {args.wheel_dir} floe-lint: median {ms(statistics.median(times))} "
            f"of {len(times)} fresh venvs (min {ms(min(times))}, max {ms(max(times))})"
        )

        cargo_built = os.path.abspath(args.cargo_built)
        print(f"  binary sizes: wheel's {mib(os.path.getsize(binary))}, cargo-built {mib(os.path.getsize(cargo_built))}")
        firsts = {"wheel": check_once(binary), "cargo": check_once(cargo_built)}
        runs = {"wheel": [], "cargo": []}
        for _ in range(args.runs):
            runs["wheel"].append(check_once(binary))
            runs["cargo"].append(check_once(cargo_built))
        print(f"  floe-lint check examples/lakehouse (new process each run; first, then median of {args.runs}):")
        for name, label in (("wheel", binary), ("cargo", cargo_built)):
            print(f"    {name:6} first {ms(firsts[name])}, median {ms(statistics.median(runs[name]))}  ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

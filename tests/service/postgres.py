"""A real PostgreSQL server for the tests: a temporary cluster on a Unix socket.

The server refuses to run as root, so as root it is set up and run as the ``postgres``
user (``runuser``); as anyone else, as that user. It listens on no TCP port, only on a
socket in its own temporary directory, and every step has a bounded wait.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

BINARIES = ("/usr/local/bin", "/usr/lib/postgresql/15/bin")


def binary(name: str) -> str | None:
    """The PostgreSQL program `name`, from PATH or the usual places."""
    found = shutil.which(name)
    if found:
        return found
    for directory in BINARIES:
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    return None


def missing() -> str | None:
    """Why no server can be started here, or `None` when one can."""
    absent = [name for name in ("initdb", "pg_ctl", "postgres") if binary(name) is None]
    if absent:
        return "no PostgreSQL server binary on this machine: " + ", ".join(absent) + " not found"
    return None


def _run(command: list[str], timeout: float) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        msg = f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        raise RuntimeError(msg)


@contextlib.contextmanager
def server() -> Iterator[str]:
    """Start a PostgreSQL server; yield the directory of its socket; stop it and remove
    everything at the end, whatever happened in between."""
    initdb, pg_ctl = binary("initdb"), binary("pg_ctl")
    assert initdb is not None, missing()
    assert pg_ctl is not None, missing()
    prefix: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="jiceng-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, log = root / "data", root / "server.log"
    started = False
    try:
        _run(
            [
                *prefix,
                initdb,
                "-D",
                str(data),
                "-U",
                "jiceng",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            timeout=120,
        )
        options = f"-k {root} -c listen_addresses='' -c fsync=off -c max_connections=60"
        _run(
            [
                *prefix,
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            timeout=90,
        )
        started = True
        yield str(root)
    finally:
        if started:
            with contextlib.suppress(Exception):
                _run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "-t", "30", "stop"], 45)
        shutil.rmtree(root, ignore_errors=True)

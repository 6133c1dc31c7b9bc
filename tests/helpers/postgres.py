"""A real PostgreSQL server for the test suite.

CI (.ci/run) starts one on loopback and passes FIBROMAP_TEST_POSTGRES_URL; without it
the suite starts its own from the server binaries, or skips the PostgreSQL tests
with a printed reason when there are none. FIBROMAP_REQUIRE_POSTGRES=1 turns that
skip into a failure, so CI can never pass without PostgreSQL.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field

import pytest

_counter = itertools.count()


@dataclass
class PostgresServer:
    base_url: str  # postgresql+psycopg://user@host:port
    data_dir: str | None = None
    pg_ctl: str | None = None
    owner: str | None = None
    created: list[str] = field(default_factory=list)

    def _admin(self):
        import psycopg

        return psycopg.connect(self.base_url.replace("postgresql+psycopg", "postgresql")
                               + "/postgres", autocommit=True)

    def create_database(self) -> str:
        name = f"fibromap_test_{os.getpid()}_{next(_counter)}"
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{self.base_url}/{name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.data_dir and self.pg_ctl:
            _run_as(self.owner, [self.pg_ctl, "-D", self.data_dir, "-m", "fast", "stop"])
            shutil.rmtree(self.data_dir, ignore_errors=True)


def _run_as(owner: str | None, command: list[str]) -> subprocess.CompletedProcess:
    if owner:
        command = ["runuser", "-u", owner, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unavailable(reason: str):
    if os.environ.get("FIBROMAP_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here but {reason}")
    print(f"\nSkipping PostgreSQL tests: {reason}")
    pytest.skip(reason)


def start_postgres() -> PostgresServer:
    if url := os.environ.get("FIBROMAP_TEST_POSTGRES_URL"):
        return PostgresServer(url.rstrip("/"))
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = shutil.which("initdb") or (binaries[-1] if binaries else None)
    if not initdb:
        _unavailable("no PostgreSQL server binaries (initdb) were found")
    pg_ctl = os.path.join(os.path.dirname(initdb), "pg_ctl")
    # PostgreSQL refuses to run as root: run it as the postgres user then.
    owner = "postgres" if os.geteuid() == 0 else None
    data_dir = tempfile.mkdtemp(prefix="fibromap-pg-")
    if owner:
        shutil.chown(data_dir, user=owner)
    result = _run_as(owner, [initdb, "-D", data_dir, "--auth=trust", "-U", "fibromap",
                             "--encoding=UTF8", "--locale=C"])
    if result.returncode:
        _unavailable(f"initdb failed: {result.stderr.strip()[:300]}")
    port = _free_port()
    result = _run_as(owner, [pg_ctl, "-D", data_dir, "-l", os.path.join(data_dir, "server.log"),
                             "-o", f"-p {port} -k {data_dir} -c listen_addresses=127.0.0.1 "
                                   "-c fsync=off", "-w", "start"])
    if result.returncode:
        _unavailable(f"the PostgreSQL server did not start: {result.stderr.strip()[:300]}")
    return PostgresServer(f"postgresql+psycopg://fibromap@127.0.0.1:{port}", data_dir, pg_ctl, owner)

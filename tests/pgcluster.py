"""A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, a free port, gone after.

Debian's server refuses to run as root, so as root the cluster runs as the unprivileged
``postgres`` user (``runuser``). The cluster trusts local connections, listens on a unix
socket in its own folder (and 127.0.0.1 on a free port), and skips fsync: it holds nothing
worth keeping. Its default collation is ICU Japanese where the server has ICU, so tests see
the non-binary text order a real ward server has.

Each test gets its own database, copied from a template that already holds the schema and the
reference data (``CREATE DATABASE … TEMPLATE``), which is much faster than migrating anew.
"""

from __future__ import annotations

import glob
import itertools
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SUPERUSER = "mj"
TEMPLATE = "mj_template"
ENV_BINDIR = "MEGURO_JUKYO_PG_BINDIR"


class ClusterUnavailable(Exception):
    """No server could be started here; the message says why."""


def find_bindir() -> Path:
    candidates = []
    if os.environ.get(ENV_BINDIR):
        candidates.append(os.environ[ENV_BINDIR])
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)  # Debian/Ubuntu
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(str(Path(found).parent))
    for c in candidates:
        if (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    raise ClusterUnavailable(
        "PostgreSQL server programs (initdb, pg_ctl) not found: install the `postgresql` package "
        f"or set {ENV_BINDIR}"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _short_tempdir() -> Path:
    # a unix socket path must stay under ~100 bytes, so avoid long TMPDIRs
    base = tempfile.gettempdir()
    if len(base) > 40 and Path("/tmp").is_dir():
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix="mj-pg-", dir=base))


class Cluster:
    def __init__(self, *, durable: bool = False) -> None:
        """``durable`` keeps fsync and synchronous commit on, as a real server has them
        (benchmarks); tests go without."""
        self.durable = durable
        self.bindir = find_bindir()
        self.port = free_port()
        self.root = _short_tempdir()
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.log = self.root / "server.log"
        self._as: list[str] = []
        self._counter = itertools.count()
        self.running = False
        self._watcher: subprocess.Popen | None = None
        if os.geteuid() == 0:
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                raise ClusterUnavailable(
                    "running as root and there is no unprivileged `postgres` user to run the server"
                ) from None
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self.sockets.mkdir()
        if self._as:
            os.chown(self.sockets, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120, cwd=self.root)

    def start(self) -> "Cluster":
        try:
            self._initdb()
            options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c max_connections=200"
            if not self.durable:
                options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                             "-w", "-t", "60", "-o", options, "start")
            if done.returncode != 0:
                log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
                raise ClusterUnavailable(f"pg_ctl start failed: {done.stderr.strip()} {log.strip()}")
            self.running = True
            self._watch()
            self._make_template()
        except BaseException:
            self.stop()
            raise
        return self

    def _watch(self) -> None:
        """Stop and remove the cluster if this process dies without tearing down (killed by a
        timeout, say): a detached shell polls for it."""
        stop = " ".join(shlex.quote(a) for a in [*self._as, str(self.bindir / "pg_ctl"), "-D",
                                                  str(self.data), "-m", "immediate", "stop"])
        script = (f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
                  f"{stop}; rm -rf {shlex.quote(str(self.root))}")
        self._watcher = subprocess.Popen(["sh", "-c", script], start_new_session=True,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _initdb(self) -> None:
        base = [str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                "-E", "UTF8", "--no-sync"]
        done = self._run(*base, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=ja-JP")
        if done.returncode != 0:  # a server built without ICU: its libc collation will do
            shutil.rmtree(self.data, ignore_errors=True)
            done = self._run(*base)
        if done.returncode != 0:
            raise ClusterUnavailable(f"initdb failed: {(done.stderr or done.stdout).strip()[-2000:]}")

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{dbname}?host={self.sockets}&port={self.port}"

    def tcp_url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(host=str(self.sockets), port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as con:
            con.execute(sql)

    def _make_template(self) -> None:
        from meguro_jukyo.core.db import Store

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        Store.open(self.url(TEMPLATE), create=True, device_name="テンプレート").close()

    def create_database(self, *, empty: bool = False) -> str:
        """A fresh database holding a new store (or nothing, with ``empty``); returns its URL."""
        name = f"t{os.getpid()}_{next(self._counter)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {'template1' if empty else TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.kill()
            self._watcher.wait()
            self._watcher = None
        if self.running:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)


# --------------------------------------------------------------------------- pytest


def _must_run() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory):
    """The session's cluster; a skip with the reason where none can start (a failure on CI)."""
    from meguro_jukyo.core.workstation import ENV_WORKSTATION

    # server stores keep this workstation's identity in the user data folder: not the tester's
    os.environ[ENV_WORKSTATION] = str(tmp_path_factory.mktemp("workstation") / "workstation.json")
    try:
        cluster = Cluster().start()
    except ClusterUnavailable as exc:
        if _must_run():
            pytest.fail(f"CI=true but no PostgreSQL server could be started: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL tests not run: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh database holding a new store, dropped after the test."""
    url = pg_cluster.create_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def pg_empty_url(pg_cluster):
    """A fresh empty database (no store yet), dropped after the test."""
    url = pg_cluster.create_database(empty=True)
    yield url
    pg_cluster.drop_database(url)

"""Every command in the README's table works right after `make demo`, exactly as written, and
`make demo` serves the product as a user meets it.

A demo-like environment is made once a run: a fresh var/ folder (with the GOV.UK assets `make
vendor` copied) and `alongside demo --no-serve`, as `make demo` runs it, copied for each
pytest-xdist worker. The commands then run
as a newcomer types them: no ALONGSIDE_MODE, no SECRET_KEY, no DATABASE_URL.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# `make demo` is SQLite by definition (no DATABASE_URL is passed to these commands), so running
# this again on the PostgreSQL leg would prove nothing new: it runs with the slow set, once.
pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
ALONGSIDE = ".venv/bin/alongside"
SECRET = "Zq8pW3xY7vK2mN5bR9tL"
# How long a server may take to answer its first request on a busy 2-core machine.
READY_WITHIN = 90


def readme_commands() -> list[str]:
    """The commands in the README's table, in order."""
    text = (ROOT / "README.md").read_text()
    return re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)


# Run by CI itself (make check is its first step), or too long for a test: make bench and
# make thorough (which make bench ends with) take many minutes.
RUN_ELSEWHERE = {"make check", "make bench", "make thorough"}
BLOCKING = {f"{ALONGSIDE} serve", f"{ALONGSIDE} worker"}
RUN_TO_THE_END = {
    f"{ALONGSIDE} audit verify": [],
    f"{ALONGSIDE} budget verify --all": [],
    f"{ALONGSIDE} governance verify": [],
    f"{ALONGSIDE} credits verify": [],
    f"{ALONGSIDE} budget tally FILE.pb --rule mes": [
        "docs/examples/riverside-youth-budget-2026.pb"
    ],
}


@dataclass
class Demo:
    var: Path
    env: dict[str, str]


def _plain_env(var: Path) -> dict[str, str]:
    """A newcomer's shell: none of the settings the test run itself uses."""
    unset = {"ALONGSIDE_MODE", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["ALONGSIDE_VAR_DIR"] = str(var)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _build_demo(var: Path) -> None:
    """As `make demo` runs it, without serving."""
    result = subprocess.run(
        [ALONGSIDE, "demo", "--no-serve", "--young-people", "3"],
        cwd=ROOT,
        env={**_plain_env(var), "ALONGSIDE_MODE": "demo"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (var / "demo-secret-key").exists()


def _demo_built_once(var: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> None:
    """Under pytest-xdist the first worker here builds the demo under a lock and the others
    copy its folder (database, key, static files): each has its own copy to change, and the
    half-minute build is paid once a run. The workers' temporary folders share a parent that
    is new for every run, so no run reuses another's build."""
    if worker_id == "master":
        _build_demo(var)
        return
    run = tmp_path_factory.getbasetemp().parent
    built = run / "readme-demo"
    with (run / "readme-demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (built / "demo-secret-key").exists():
            building = run / "readme-demo-building"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            (building / "vendor").symlink_to(ROOT / "var" / "vendor")
            _build_demo(building)
            building.rename(built)
    shutil.copytree(built, var, ignore=shutil.ignore_patterns("vendor"), dirs_exist_ok=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Demo:
    vendor = ROOT / "var" / "vendor"
    if not (ROOT / ALONGSIDE).exists() or not vendor.is_dir():
        pytest.fail(f"{ALONGSIDE} or var/vendor is missing: run `make install` first")
    var = tmp_path_factory.mktemp("var")
    (var / "vendor").symlink_to(vendor)
    _demo_built_once(var, tmp_path_factory, worker_id)
    return Demo(var=var, env=_plain_env(var))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_until_ready(process: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        assert process.poll() is None, f"it stopped: {output_of(process)}"
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {READY_WITHIN}s")


@pytest.fixture
def started(demo: Demo) -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts; each is stopped (and its output read) however the test ends."""
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def start(started: list[subprocess.Popen[str]], args: list[str], env: dict[str, str]):
    # Output goes to a file, not a pipe: a pipe nobody reads fills up and the server stalls.
    log = tempfile.NamedTemporaryFile("w+", prefix="alongside-", suffix=".log")  # noqa: SIM115
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
    )
    process.log = log  # type: ignore[attr-defined]
    started.append(process)
    return process


def output_of(process: subprocess.Popen[str]) -> str:
    log = process.log  # type: ignore[attr-defined]
    log.seek(0)
    return log.read()


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    return output_of(process)


# The table --------------------------------------------------------------------------------


def test_every_command_in_the_readme_is_tried_here():
    tried = RUN_ELSEWHERE | BLOCKING | set(RUN_TO_THE_END)
    assert set(readme_commands()) == tried


@pytest.mark.parametrize("command", sorted(RUN_TO_THE_END))
def test_a_readme_command_works_as_written_after_make_demo(demo, command):
    args = (
        command.replace("FILE.pb", RUN_TO_THE_END[command][0]).split()
        if "FILE.pb" in command
        else command.split()
    )
    result = subprocess.run(
        args, cwd=ROOT, env=demo.env, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_audit_verify_reads_the_demo_trail(demo):
    result = subprocess.run(
        [ALONGSIDE, "audit", "verify"],
        cwd=ROOT,
        env=demo.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "intact" in result.stdout
    assert "using the demo set up by `make demo`" in result.stderr


def test_serve_answers_and_its_access_log_holds_no_secret_or_search(demo, started):
    # Given `alongside serve` on a free port
    port = free_port()
    server = start(started, [ALONGSIDE, "serve"], {**demo.env, "PORT": str(port)})
    base = f"http://127.0.0.1:{port}"
    wait_until_ready(server, f"{base}/healthz")
    # When a consent link, a reset link and a search are asked for
    get(f"{base}/consent/{SECRET}/")
    get(f"{base}/account/password/reset/key/3b-{SECRET}/")
    get(f"{base}/orgs/riverside/people/?q=Ruby+Okafor")
    # Then the server answered them without its version, and its log says where, not what
    status, headers, _body = get(f"{base}/healthz")
    assert status == 200
    assert headers["Server"] == "gunicorn"
    log = stop(server)
    assert '"GET /consent/:token/ HTTP/1.1"' in log
    assert '"GET /account/password/reset/key/:token-:token/ HTTP/1.1"' in log
    assert '"GET /orgs/riverside/people/ HTTP/1.1"' in log
    for secret in (SECRET, "Ruby", "Okafor", "q="):
        assert secret not in log


def test_worker_starts_and_stops(demo, started):
    worker = start(started, [ALONGSIDE, "worker"], demo.env)
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline and "Starting worker" not in output_of(worker):
        assert worker.poll() is None, output_of(worker)
        time.sleep(0.2)
    assert "Starting worker" in output_of(worker)
    stop(worker)
    assert worker.returncode == 0


def test_a_missing_setting_is_one_plain_line_and_exit_2(demo):
    env = {**demo.env, "ALONGSIDE_MODE": "production"}
    result = subprocess.run(
        [ALONGSIDE, "audit", "verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "alongside: Set the SECRET_KEY environment variable (50 or more random characters)."
    ]


# make demo --------------------------------------------------------------------------------


def test_the_demo_serves_our_pages_and_delivers_email(demo, started):
    # Given `alongside demo` as `make demo` starts it
    port = free_port()
    process = start(
        started,
        [ALONGSIDE, "demo", "--port", str(port), "--young-people", "3"],
        {**demo.env, "ALONGSIDE_MODE": "demo"},
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_ready(process, f"{base}/healthz")
    # Then a missing page is our own 404, not a debug page, from a server without a version
    status, headers, body = get(f"{base}/no-such-page/")
    assert status == 404
    assert "Page not found" in body
    assert "DEBUG = True" not in body
    assert "URLconf" not in body
    assert headers["Server"] == "gunicorn"
    # When a worker asks for a parent's consent by email
    queue = (
        "from alongside.accounts import services;"
        "from alongside.accounts.actor import actor_for_person;"
        "from alongside.accounts.models import Person;"
        "worker = Person.objects.get(user__username='worker@riverside.example');"
        "child = Person.objects.get(user__username='robin');"
        "org = child.memberships.get().organisation;"
        "services.parent_consent_email_request(actor=actor_for_person(worker),"
        " organisation=org, person=child, email='parent@example.org',"
        f" base_url='{base}/')"
    )
    result = subprocess.run(
        [ALONGSIDE, "shell", "-c", queue],
        cwd=ROOT,
        env=demo.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # Then the demo's own worker sends it, and the mail page shows the link
    deadline = time.monotonic() + READY_WITHIN
    body = ""
    while time.monotonic() < deadline and "parent@example.org" not in body:
        time.sleep(0.5)
        _status, _headers, body = get(f"{base}/demo/mail/")
    assert "parent@example.org" in body
    assert re.search(rf'href="{re.escape(base)}/consent/[\w-]+/"', body)
    # And when the demo stops, its server and worker stop with it
    output = stop(process)
    assert process.returncode == 0, output
    assert "Shutting down: Master" in output
    assert "shutting down gracefully" in output
    with pytest.raises(urllib.error.URLError):
        get(f"{base}/healthz")

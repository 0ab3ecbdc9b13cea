"""No command opens a network connection or starts a program that could.

An audit hook (PEP 578) watches the interpreter's socket, name-resolution and network-library events and its
process launches. It is installed once, when this module is imported (audit hooks cannot be removed), and
acts only inside `guard()`: there it records the event and raises before the call goes out. Every command the
typer app defines runs under it through CliRunner, and two run in a child interpreter through the real entry
point with the same hook installed before modelpick is imported.
"""

from __future__ import annotations

import contextlib
import ftplib
import http.client
import imaplib
import os
import poplib
import shutil
import smtplib
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from modelpick import cli
from modelpick.schemas import SCHEMA_KINDS

# https://docs.python.org/3/library/audit_events.html; each one the tests below can trigger safely is proven
# to fire by test_the_guard_catches_each_kind_of_network_call.
NETWORK_EVENTS = frozenset({
    "socket.__new__", "socket.bind", "socket.connect", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
    "urllib.Request", "http.client.connect", "http.client.send", "ftplib.connect", "imaplib.open",
    "nntplib.connect", "poplib.connect", "smtplib.connect", "telnetlib.Telnet.open", "webbrowser.open",
})
# A child process is outside the hook's sight, so launching one counts too (unless a case allows it).
PROCESS_EVENTS = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.spawn", "os.posix_spawn",
                            "os.fork", "os.forkpty"})
WATCHED = NETWORK_EVENTS | PROCESS_EVENTS

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
TICKET_TRIAGE = REPO_ROOT / "examples" / "ticket-triage.yaml"
FOREIGN = FIXTURES / "foreign"
AS_OF = "2026-11-21"


class NetworkBlocked(RuntimeError):
    """Raised by the audit hook inside `guard()`; not an OSError, so no `except OSError` swallows it."""


@dataclass
class Guard:
    allow: Callable[[str, tuple[Any, ...]], bool] = lambda event, args: False
    events: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    allowed: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


_GUARDS: list[Guard] = []


def _install_hook() -> None:
    guards = _GUARDS  # bound here: the hook outlives this module's globals at interpreter exit

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event not in WATCHED or not guards:
            return
        current = guards[-1]
        if current.allow(event, args):
            current.allowed.append((event, args))
            return
        current.events.append((event, args))
        raise NetworkBlocked(f"audit event {event} {args!r}")

    sys.addaudithook(hook)


_install_hook()


@contextlib.contextmanager
def guard(allow: Callable[[str, tuple[Any, ...]], bool] | None = None) -> Iterator[Guard]:
    """Inside: every watched event is recorded and raises NetworkBlocked, unless `allow(event, args)`."""
    current = Guard(allow) if allow else Guard()
    _GUARDS.append(current)
    try:
        yield current
    finally:
        _GUARDS.remove(current)


def git_show_only(event: str, args: tuple[Any, ...]) -> bool:
    """`check --baseline` reads modelpick.yaml at a ref with `git show`, a local read of the repository."""
    if event != "subprocess.Popen":
        return False
    argv = [os.fsdecode(a) for a in args[1]]
    return Path(argv[0]).name == "git" and argv[1:2] == ["show"]


# Cases -----------------------------------------------------------------------------------------------------

TMP = "<tmp>"  # replaced by the case's temporary folder


@dataclass(frozen=True)
class Case:
    command: str  # the command path as typed: "recommend", "registry export"
    args: tuple[str, ...]
    exit_code: int = 0
    setup: Callable[[Path], None] | None = None
    allow: Callable[[str, tuple[Any, ...]], bool] | None = None

    @property
    def id(self) -> str:
        return " ".join([self.command, *self.args]).replace(str(REPO_ROOT) + "/", "")


def _scan_tree(tmp: Path) -> None:
    (tmp / "src").mkdir()
    (tmp / "src" / "app.py").write_text('MODEL = "gpt-5.4-nano-2026-03-17"\n')  # active on AS_OF


def _git_repo_with_config(tmp: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    shutil.copy(FIXTURES / "check" / "modelpick.yaml", tmp / "modelpick.yaml")
    ident = ["-c", "user.email=t@example.invalid", "-c", "user.name=t", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "modelpick.yaml"], [*ident, "commit", "-qm", "config"]):
        subprocess.run(["git", *args], cwd=tmp, check=True, capture_output=True)


CHECK = ("--config", str(FIXTURES / "check" / "modelpick.yaml"), "--registry", str(FIXTURES / "registry"),
         "--as-of", "2025-12-01")

CASES = [
    Case("recommend", (str(TICKET_TRIAGE), "--as-of", AS_OF)),
    Case("recommend", (str(TICKET_TRIAGE), "--as-of", AS_OF, "--format", "table", "--show-excluded")),
    Case("recommend", (str(TICKET_TRIAGE), "--as-of", AS_OF, "--format", "json")),
    Case("recommend", ("--task", "coding", "--input-tokens", "12000", "--prefer", "quality", "--as-of", AS_OF,
                       "--format", "csv")),
    Case("compare", ("gpt-4.1-nano", "gpt-5-nano", str(TICKET_TRIAGE), "--as-of", AS_OF,
                     "--format", "markdown")),
    Case("cost", ("gpt-4.1-nano", str(TICKET_TRIAGE), "--as-of", AS_OF, "--format", "json")),
    Case("show", ("gpt-4.1-nano", "--sources", "--as-of", AS_OF)),
    Case("models", ("--as-of", AS_OF, "--format", "table")),
    Case("tasks", ()),
    Case("cascade", (str(TICKET_TRIAGE), "--chain", "gpt-4.1-nano", "gpt-4.1", "--escalation-rate", "0.2",
                     "--as-of", AS_OF, "--format", "json")),
    *[Case("frontier", (str(TICKET_TRIAGE), "--as-of", AS_OF, "--format", fmt)) for fmt in ("table", "svg")],
    Case("breakeven", (str(TICKET_TRIAGE), "--between", "gpt-4.1-nano", "gpt-5-nano", "--as-of", AS_OF,
                       "--format", "json")),
    Case("replay", (str(FIXTURES / "replay" / "generic.csv"), "--models", "gpt-4.1-nano", "--as-of", AS_OF,
                    "--format", "json")),
    Case("replay", ("usage_log", "--sql", "bigquery", "--models", "gpt-4.1-nano")),
    Case("profile", (str(FIXTURES / "replay" / "openai.jsonl"), "-o", f"{TMP}/workload.yaml")),
    *[Case("check", (*CHECK, "--format", fmt), 1) for fmt in ("plain", "json", "github", "junit")],
    Case("check", ("--config", f"{TMP}/modelpick.yaml", "--registry", str(FIXTURES / "registry"), "--as-of",
                   "2025-12-01", "--baseline", "HEAD"), 1, setup=_git_repo_with_config, allow=git_show_only),
    Case("init", ("--path", f"{TMP}/modelpick.yaml", "--model", "gpt-4.1-nano", "--as-of", AS_OF)),
    Case("init", ("--path", f"{TMP}/modelpick.yaml", "--from-scan", f"{TMP}/src", "--as-of", AS_OF),
         setup=_scan_tree),
    Case("scan", (f"{TMP}/src", "--as-of", AS_OF, "--format", "json"), setup=_scan_tree),
    Case("registry validate", ("--as-of", AS_OF, "--max-age", "3650")),
    *[Case("registry import", ("--from", fmt, str(FOREIGN / file), "-o", f"{TMP}/imported"))
      for fmt, file in [("litellm", "litellm-model-prices.json"), ("models.dev", "models-dev-resolved.json"),
                        ("openrouter", "openrouter-models.json")]],
    *[Case("registry audit", ("--against", str(FOREIGN / file), "--from", fmt, "--format", "json"))
      for fmt, file in [("litellm", "litellm-model-prices.json"), ("models.dev", "models-dev-resolved.json"),
                        ("openrouter", "openrouter-models.json")]],
    *[Case("registry export", ("--format", fmt, "--as-of", AS_OF)) for fmt in ("csv", "jsonl", "sql")],
    Case("registry diff", ("bundled", str(FIXTURES / "registry"), "--workload", str(TICKET_TRIAGE),
                           "--as-of", AS_OF)),
    *[Case("schema", (kind,)) for kind in SCHEMA_KINDS],
]


def leaf_commands(command: Any, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    """Every runnable command path of a click command tree: "recommend", "registry export", ..."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield " ".join(prefix)
        return
    for name, sub in subcommands.items():
        yield from leaf_commands(sub, (*prefix, name))


def run_guarded(argv: list[str], allow: Callable[[str, tuple[Any, ...]], bool] | None = None
                ) -> tuple[Result, Guard]:
    with guard(allow) as current:
        result = CliRunner().invoke(cli.app, argv)
    return result, current


# Tests -----------------------------------------------------------------------------------------------------


def test_every_command_has_a_no_network_case() -> None:
    """A command added to the app without a case here fails, by name."""
    defined = set(leaf_commands(typer.main.get_command(cli.app)))
    covered = {case.command for case in CASES}
    assert not defined - covered, f"commands without a case in CASES of {Path(__file__).name}: " \
                                  f"{sorted(defined - covered)}"
    assert not covered - defined, f"CASES name commands the app does not define: {sorted(covered - defined)}"
    assert {"recommend", "registry import", "schema"} <= defined  # the walk reaches groups and late additions


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_command_does_its_work_without_the_network(case: Case, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The command exits with its usual code, and no network or process event fired while it ran."""
    monkeypatch.chdir(tmp_path)  # a command that writes by default writes here
    if case.setup:
        case.setup(tmp_path)
    argv = [*case.command.split(), *(arg.replace(TMP, str(tmp_path)) for arg in case.args)]
    result, seen = run_guarded(argv, case.allow)
    assert seen.events == [], f"{case.command} fired {seen.events}"
    assert result.exit_code == case.exit_code, (result.stderr, result.exception)
    assert result.stdout or result.stderr.startswith("modelpick: wrote")  # it did produce its output
    if case.allow:
        assert seen.allowed, "the allowed launch never happened: the case does not test what it says"


@pytest.mark.parametrize("call, first_event", [
    pytest.param(lambda: socket.getaddrinfo("example.com", 80), "socket.getaddrinfo", id="getaddrinfo"),
    pytest.param(lambda: socket.gethostbyname("example.com"), "socket.gethostbyname", id="gethostbyname"),
    pytest.param(lambda: socket.gethostbyaddr("127.0.0.1"), "socket.gethostbyaddr", id="gethostbyaddr"),
    pytest.param(lambda: socket.getnameinfo(("127.0.0.1", 80), 0), "socket.getnameinfo", id="getnameinfo"),
    pytest.param(lambda: socket.create_connection(("127.0.0.1", 9), timeout=1), "socket.getaddrinfo",
                 id="create_connection"),
    pytest.param(lambda: socket.socket(), "socket.__new__", id="socket"),
    pytest.param(lambda: urllib.request.urlopen("http://127.0.0.1:9/", timeout=1), "urllib.Request",
                 id="urlopen"),
    pytest.param(lambda: http.client.HTTPConnection("127.0.0.1", 9, timeout=1).connect(),
                 "http.client.connect", id="http.client"),
    pytest.param(lambda: smtplib.SMTP("127.0.0.1", 9, timeout=1), "smtplib.connect", id="smtplib"),
    pytest.param(lambda: ftplib.FTP().connect("127.0.0.1", 9, timeout=1), "ftplib.connect", id="ftplib"),
    pytest.param(lambda: imaplib.IMAP4("127.0.0.1", 9, timeout=1), "imaplib.open", id="imaplib"),
    pytest.param(lambda: poplib.POP3("127.0.0.1", 9, timeout=1), "poplib.connect", id="poplib"),
    pytest.param(lambda: subprocess.run(["true"], check=False), "subprocess.Popen", id="subprocess"),
    pytest.param(lambda: os.system("true"), "os.system", id="os.system"),
    pytest.param(lambda: os.posix_spawn("/bin/true", ["true"], {}), "os.posix_spawn", id="os.posix_spawn"),
    pytest.param(lambda: os.spawnv(os.P_WAIT, "/bin/true", ["true"]), "os.fork", id="os.spawnv"),
])
def test_the_guard_catches_each_kind_of_network_call(call: Callable[[], Any], first_event: str) -> None:
    """The guard is not vacuous: each call is stopped at its first audit event, before it goes out."""
    assert first_event in WATCHED
    with pytest.raises(NetworkBlocked), guard() as seen:
        call()
    assert [event for event, _ in seen.events] == [first_event]


@pytest.mark.parametrize("kind, call, event", [
    (socket.SOCK_STREAM, lambda sock: sock.connect(("127.0.0.1", 9)), "socket.connect"),
    (socket.SOCK_STREAM, lambda sock: sock.bind(("127.0.0.1", 0)), "socket.bind"),
    (socket.SOCK_DGRAM, lambda sock: sock.sendto(b"x", ("127.0.0.1", 9)), "socket.sendto"),
    (socket.SOCK_DGRAM, lambda sock: sock.sendmsg([b"x"], [], 0, ("127.0.0.1", 9)), "socket.sendmsg"),
], ids=["connect", "bind", "sendto", "sendmsg"])
def test_the_guard_catches_a_socket_made_before_it(kind: int, call: Callable[[socket.socket], Any],
                                                   event: str) -> None:
    """A socket that already exists (so socket.__new__ is not seen) is still stopped before it is used."""
    with socket.socket(socket.AF_INET, kind) as sock:
        with pytest.raises(NetworkBlocked), guard() as seen:
            call(sock)
    assert [e for e, _ in seen.events] == [event]


def test_the_guard_catches_a_command_that_goes_online(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that resolved a host name would fail its case, although CliRunner swallows the exception."""
    from modelpick import service

    def online_tasks() -> Any:
        socket.getaddrinfo("models.example.com", 443)

    monkeypatch.setattr(service, "tasks", online_tasks)
    result, seen = run_guarded(["tasks"])
    assert [event for event, _ in seen.events] == ["socket.getaddrinfo"]
    assert isinstance(result.exception, NetworkBlocked) and result.exit_code != 0


def test_the_guard_is_off_outside_its_block() -> None:
    """Outside `guard()` the hook does nothing, so the rest of the suite is unaffected."""
    socket.getaddrinfo("127.0.0.1", 9, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    socket.socket().close()


# The real entry point, in a child interpreter ------------------------------------------------------------

PRELUDE = """\
import sys
WATCHED = frozenset(%r)
def _hook(event, args):
    if event in WATCHED:
        sys.__stderr__.write(f"AUDIT-BLOCKED {event} {args!r}\\n")
        raise RuntimeError(f"audit event {event}")
sys.addaudithook(_hook)
sys.argv[0] = "modelpick"
""" % sorted(WATCHED)
ENTRY_POINT = "from modelpick.cli import main\nmain()\n"


@pytest.fixture(scope="module")
def child_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment without the user's registry layers or cache (see _private_cache in conftest.py)."""
    env = {k: v for k, v in os.environ.items() if k != "MODELPICK_REGISTRY"}
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("child-cache"))
    env["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("child-config"))
    return env


def run_child(body: str, args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PRELUDE + body, *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


@pytest.mark.parametrize("args", [
    ["recommend", str(TICKET_TRIAGE), "--format", "json", "--as-of", AS_OF],
    ["registry", "import", "--from", "litellm", str(FOREIGN / "litellm-model-prices.json"), "-o", "out",
     "--format", "json"],
], ids=["recommend", "registry-import"])
def test_the_entry_point_stays_offline(args: list[str], child_env: dict[str, str], tmp_path: Path) -> None:
    """modelpick.cli.main(), imports included, under a hook installed before modelpick is imported."""
    child = run_child(ENTRY_POINT, args, child_env, tmp_path)
    assert "AUDIT-BLOCKED" not in child.stderr, child.stderr
    assert child.returncode == 0, child.stderr
    assert child.stdout.startswith("{")


def test_the_child_hook_catches_a_connection(child_env: dict[str, str], tmp_path: Path) -> None:
    """The prelude is not vacuous either: a name lookup in the child is reported and fails it."""
    child = run_child("import socket\nsocket.getaddrinfo('example.com', 80)\n", [], child_env, tmp_path)
    assert child.returncode != 0
    assert "AUDIT-BLOCKED socket.getaddrinfo ('example.com', 80" in child.stderr

"""Programs started to be killed: each says on its standard output when it is ready, and the
test kills it only after that line, so a slow start on a busy machine never turns a kill
"while writing" into a kill before anything was written."""

from __future__ import annotations

import signal
import subprocess
import time


def start(argv: list[str], env: dict, ready: str) -> subprocess.Popen:
    """Start ``argv`` and wait, however long it takes, until it prints the line ``ready``."""
    child = subprocess.Popen(argv, env=env, text=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    line = child.stdout.readline()
    if line != ready + "\n":
        child.kill()
        _out, err = child.communicate(timeout=60)
        raise AssertionError(f"the program said {line!r} instead of {ready!r}: {err}")
    return child


def kill_after(child: subprocess.Popen, seconds: float) -> str:
    """SIGKILL ``child`` ``seconds`` after it said it was ready; what it printed after that."""
    time.sleep(seconds)
    child.send_signal(signal.SIGKILL)
    return finish(child)


def finish(child: subprocess.Popen) -> str:
    """What ``child`` printed after its ready line, once it has ended."""
    # Read through the same buffered file as the ready line: nothing already read is lost.
    out = child.stdout.read()
    err = child.stderr.read()
    child.wait(timeout=60)
    child.stdout.close()
    child.stderr.close()
    assert child.returncode in (0, -signal.SIGKILL), err
    return out

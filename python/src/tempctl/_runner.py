"""Finding and running the tempctl binary; its one-line errors become `TempctlError`."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence


class TempctlError(RuntimeError):
    """A failure reported by tempctl. `str(error)` is tempctl's one-line message."""

    def __init__(self, message: str, command: Sequence[str], returncode: int):
        super().__init__(message)
        self.message = message
        self.command = list(command)
        self.returncode = returncode


def binary() -> str:
    """The tempctl binary: $TEMPCTL_BINARY, else the one bundled with this package, else `tempctl` on PATH."""
    env = os.environ.get("TEMPCTL_BINARY")
    if env:
        return env
    bundled = Path(__file__).resolve().parent / "bin" / "tempctl"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("tempctl")
    if found:
        return found
    raise TempctlError("no tempctl binary: reinstall the package (pip install ./python builds it) or set TEMPCTL_BINARY",
                       [], 127)


def run(args: Sequence[str], *, cwd: Optional[str] = None, progress: bool = False) -> str:
    """Runs tempctl with `args`; returns standard output. Progress (standard error) is shown
    only when `progress` is true; an error raises `TempctlError` with tempctl's message."""
    command = [binary(), *args]
    proc = subprocess.run(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=None if progress else subprocess.PIPE, text=True)
    if proc.returncode != 0:
        lines = [l for l in (proc.stderr or "").splitlines() if l.strip()]
        errors = [l[len("Error: "):] for l in lines if l.startswith("Error: ")]
        message = errors[-1] if errors else (lines[-1] if lines else f"tempctl exited with status {proc.returncode}")
        raise TempctlError(message, command, proc.returncode)
    return proc.stdout


def records(args: Sequence[str], **kwargs: Any) -> List[Dict[str, Any]]:
    """Runs a table command with `--format json` and parses its JSON Lines."""
    out = run([*args, "--format", "json"], **kwargs)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def options(values: Dict[str, Any]) -> List[str]:
    """Python keyword arguments as command-line options: `max_iterations=500` → `--max-iterations 500`,
    lists joined by commas, `True` → the flag alone, `False`/`None` → left out."""
    out: List[str] = []
    for key, value in values.items():
        flag = "--" + key.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            out.append(flag)
        elif isinstance(value, (list, tuple)):
            out += [flag, ",".join(str(v) for v in value)]
        else:
            out += [flag, str(value)]
    return out

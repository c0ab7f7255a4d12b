"""Starting and stopping an identity provider process for a test."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings


def start(module: str, config: dict, workdir: Path, timeout: float = 60) -> tuple:
    """Run `python -m module CONFIG` and wait for its "READY <url>" line."""
    config = {**config, "dir": str(workdir)}
    path = workdir / "config.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, "-m", module, str(path)],
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR)},
    )
    found: list[str] = []
    output: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if line.startswith("READY ") and not found:
                found.append(line.split(" ", 1)[1].strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = timeout
    step = 0.1
    while not found and deadline > 0 and process.poll() is None:
        threading.Event().wait(step)
        deadline -= step
    if not found:
        process.kill()
        raise RuntimeError("identity provider did not start:\n" + "".join(output))
    return process, found[0]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()

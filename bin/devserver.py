"""Serve the app for development: Django's runserver, a Celery worker and beat.

Started by `make run`. One Ctrl-C (or SIGTERM) stops all three; if one of
them dies, the others are stopped too, so nothing keeps running unnoticed.
"""

import os
import signal
import subprocess
import sys
import time

PYTHON = sys.executable
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")

COMMANDS = {
    "web": [PYTHON, "manage.py", "runserver", f"{HOST}:{PORT}"],
    # The filesystem broker has no broadcast channel for mingle and gossip.
    "worker": [
        PYTHON, "-m", "celery", "-A", "mhap", "worker",
        "--loglevel=INFO", "--concurrency=2", "--without-mingle", "--without-gossip",
    ],
    "beat": [PYTHON, "-m", "celery", "-A", "mhap", "beat", "--loglevel=INFO"],
}  # fmt: skip


def main() -> int:
    processes = {
        name: subprocess.Popen(command, start_new_session=True)  # noqa: S603 -- fixed commands
        for name, command in COMMANDS.items()
    }
    print(f"MHAP Hub: http://{HOST}:{PORT}/ (web, worker and beat running; Ctrl-C stops all)")

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with code {process.returncode}; stopping the others.")
                exit_code = process.returncode or 1
                stopping = True
        time.sleep(0.5)
    # SIGINT to each process group, as a terminal's Ctrl-C would send: runserver's
    # reloader child and Celery's pool shut down the way they expect to.
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
    deadline = time.monotonic() + 10
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())

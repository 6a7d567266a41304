"""A local SMTP server for the sweep's figure: `python -m bench.smtpsink`.

It runs in its own process, so receiving costs the senders no interpreter
time, prints its port, then answers commands on stdin: `take PATH` writes
the messages received since the last take to PATH (one JSON line each:
envelope sender, recipients, the message's bytes as latin-1 text) and
prints how many; `take -` forgets them and prints how many."""

import json
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def take(self) -> list:
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    print(controller.port, flush=True)
    try:
        for line in sys.stdin:
            command, _, path = line.strip().partition(" ")
            if command != "take":
                continue
            taken = sink.take()
            if path != "-":
                with open(path, "w", encoding="utf-8") as spool:
                    for sender, recipients, content in taken:
                        data = content.decode("latin-1") if isinstance(content, bytes) else content
                        spool.write(json.dumps([sender, recipients, data]) + "\n")
            print(len(taken), flush=True)
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

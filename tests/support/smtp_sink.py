#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd), on loopback.

Each accepted message is written to DIR/<n>.eml with an `X-Sink-Rcpt:` line per recipient, so a
test can count what every recipient received. Faults for the fault tests:
  --fail-first N   answer the first N DATA commands with 451 (transient)
  --drop-first N   close the connection in the middle of the first N messages (no reply)
  --reject ADDR    answer RCPT TO:<ADDR> with 550 (permanent)
  --delay-ms MS    wait before answering each RCPT (lets a test kill the client mid-send)
  --auth USER:PASS require AUTH with these credentials (535 otherwise)
  --tls-cert F --tls-key F  offer STARTTLS with this certificate and require it
Prints READY when listening.
"""
import argparse
import asyncio
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, fail_first, drop_first, reject, delay_ms=0):
        self.delay = delay_ms / 1000.0
        self.dir = directory
        self.fail_left = fail_first
        self.drop_left = drop_first
        self.reject = {r.lower() for r in reject}
        # A sink restarted on the same folder (a mail server back after an outage) numbers on
        # after what it kept before, so nothing received earlier is overwritten.
        self.count = max(
            (int(n[:-4]) for n in os.listdir(directory) if n.endswith(".eml") and n[:-4].isdigit()),
            default=0,
        )

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.delay:
            await asyncio.sleep(self.delay)
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop_left > 0:
            self.drop_left -= 1
            # Drop the connection without a reply, as a crashing relay would.
            server.transport.close()
            return "421 closing"
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 try again later"
        self.count += 1
        path = os.path.join(self.dir, f"{self.count:05d}.eml")
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            for r in envelope.rcpt_tos:
                f.write(f"X-Sink-Rcpt: {r}\r\n".encode())
            f.write(envelope.content)
        os.rename(tmp, path)
        return "250 Message accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--fail-first", type=int, default=0)
    p.add_argument("--drop-first", type=int, default=0)
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--delay-ms", type=int, default=0)
    p.add_argument("--auth", default=None)
    p.add_argument("--tls-cert", default=None)
    p.add_argument("--tls-key", default=None)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    handler = Sink(a.dir, a.fail_first, a.drop_first, a.reject, a.delay_ms)
    options = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == user
                and auth_data.password.decode() == password
            )
            # handled=False: aiosmtpd then answers 535 itself.
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticator, auth_required=True)
        if not a.tls_cert:
            options.update(auth_require_tls=False)
    if a.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.tls_cert, a.tls_key)
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(handler, hostname="127.0.0.1", port=a.port, **options)
    controller.start()
    print("READY", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())

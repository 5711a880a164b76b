#!/usr/bin/env python3
"""An HTTPS source for the tests, on loopback: serves one file at any path.

  --port N --cert F --key F --file F   the server certificate and the file to serve
  --client-ca F                        require a client certificate signed by this CA
Prints READY when listening.
"""
import argparse
import http.server
import ssl
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--client-ca", default=None)
    a = p.parse_args()
    body = open(a.file, "rb").read()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    if a.client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(a.client_ca)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print("READY", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())

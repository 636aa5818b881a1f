"""A test HTTP server for the archive catalog, bound to 127.0.0.1 on a free port.

It serves DIRECTORY as python's http.server does (files and directory indexes). Under a mode prefix,
files (not directory indexes) are served badly, as hostile or broken servers do:

  /drop/<path>     the file's full Content-Length, half of the body, then the connection closes
  /cut/<path>      no Content-Length, half of the body, then the connection closes (looks whole)
  /html/<path>     an HTML error page with status 200
  /huge/<path>     Content-Length of 20 GB, then zeros until the client goes
  /endless/<path>  no Content-Length, zeros until the client goes
  /trickle/<path>  one byte every 5 seconds
  /slow/<path>     the file at 4 bytes a second

It prints the port, then serves until killed.
"""
import functools
import http.server
import os
import sys
import time

MODES = ("drop", "cut", "html", "huge", "endless", "trickle", "slow")


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        parts = self.path.split("/", 2)
        mode = parts[1] if len(parts) > 2 else ""
        if mode not in MODES:
            return super().do_GET()
        rest = "/" + parts[2]
        if rest.endswith("/"):
            # Directory listings stay sound, so that a file can be resolved before it is fetched.
            self.path = rest
            return super().do_GET()
        path = os.path.join(self.directory, rest.lstrip("/"))
        try:
            if mode in ("drop", "cut"):
                with open(path, "rb") as source:
                    body = source.read()
                self.send_response(200)
                if mode == "drop":
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
            elif mode == "html":
                body = b"<!DOCTYPE html>\n<html><body><h1>Service unavailable</h1></body></html>\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif mode in ("huge", "endless"):
                self.send_response(200)
                if mode == "huge":
                    self.send_header("Content-Length", str(20 * 1024 ** 3))
                self.end_headers()
                block = bytes(1 << 16)
                while True:
                    self.wfile.write(block)
            elif mode == "trickle":
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(1000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(5)
            elif mode == "slow":
                with open(path, "rb") as source:
                    body = source.read()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for start in range(0, len(body), 4):
                    self.wfile.write(body[start:start + 4])
                    self.wfile.flush()
                    time.sleep(1)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def log_message(self, *args):
        pass


def main():
    directory = sys.argv[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=directory))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

"""A test HTTP server for the archive catalog, bound to 127.0.0.1 on a free port.

It serves DIRECTORY as python's http.server does (files and directory indexes), and under
/drop/<path> sends a file's headers with its full Content-Length, then half of the body, then
closes the connection: a download dropped mid-file. It prints the port, then serves until killed.
"""
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/drop/"):
            path = os.path.join(self.directory, self.path[len("/drop/"):])
            with open(path, "rb") as source:
                body = source.read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def main():
    directory = sys.argv[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=directory))
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

"""A local stand-in for the LinkedIn pages the opt-out bot drives (served on 127.0.0.1 only).

    with serve(accounts=[AccountSpec("ana.example@example.com", "secret")]) as sb:
        ...  # drive a browser at sb.url; look at sb.state()

See docs/sandbox.md for the pages, the control endpoints and the faults.
"""

from sandbox.server import Sandbox, serve
from sandbox.state import AccountExists, AccountSpec

__all__ = ["AccountExists", "AccountSpec", "Sandbox", "serve"]

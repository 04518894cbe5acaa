"""``casefile serve``: the REST API and the web UI, thin over casefile/api."""

from __future__ import annotations

import gc
import ipaddress
from typing import Annotated

import typer

from ..errors import AuthError
from ..store import Store
from .state import err, settings


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback needs users.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tiles: Annotated[
        str | None,
        typer.Option(
            envvar="CASEFILE_TILES",
            help="Map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
            "[env: CASEFILE_TILES; default: none, a map without tiles].",
        ),
    ] = None,
    attribution: Annotated[str, typer.Option(help="Attribution the tile server asks for.")] = "",
    secure_cookies: Annotated[
        bool,
        typer.Option("--secure-cookies", help="Send cookies over HTTPS only (behind a TLS proxy)."),
    ] = False,
) -> None:
    """Serve the REST API (/api/v1) and the web UI for investigators."""
    import uvicorn

    from ..api import ServeConfig, create_app

    store = Store(settings().db)
    users = store.view.count_users()
    if not is_loopback(host) and users == 0:
        raise AuthError(
            f"refusing to listen on {host} with no users defined: anyone who can "
            "reach it could read the record; create one first with `casefile "
            "users add NAME --role admin`"
        )
    _ = store.audit.key  # a bad CASEFILE_SECRET stops here, not at the first change
    if users == 0:
        err.print("no users yet: create one with `casefile users add NAME --role admin`")
    config = ServeConfig(tiles=tiles, tiles_attribution=attribution, secure_cookies=secure_cookies)
    app = create_app(store, config)
    # All loaded so far lives as long as the server: keep it out of the collector's full
    # passes, which would walk its 100,000+ objects (70 ms with every request stopped).
    gc.collect()
    gc.freeze()
    err.print(f"casefile serves http://{host}:{port}/ ({users} users)", highlight=False)
    uvicorn.run(
        app,
        host=host,
        port=port,
        server_header=False,
        proxy_headers=False,
        log_level="info",
    )


def register(app: typer.Typer) -> None:
    app.command()(serve)

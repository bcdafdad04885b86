"""`indexer serve`: the app under waitress, a production WSGI server with a thread pool."""
from __future__ import annotations

import threading

from waitress import serve as waitress_serve

from indexer import analytics, search
from indexer.store import IndexMissing

from . import create_app


def serve(index_dir: str, host: str = "127.0.0.1", port: int = 8000, threads: int = 4) -> None:
    """Serve the index at `index_dir` until interrupted; each request opens its own searcher."""
    app = create_app({"INDEX_DIR": index_dir})
    threading.Thread(target=_warm, args=(app.extensions["imr_index"],), daemon=True).start()
    print(f"serving {index_dir} on http://{host}:{port}/ ({threads} threads)", flush=True)
    waitress_serve(app, host=host, port=port, threads=threads, ident="imr-search")


def _warm(handle) -> None:
    """Fill the per-build caches (facet sets, analytics) in the background; requests never wait on it."""
    try:
        live = handle.live()
    except IndexMissing:
        return
    search.warm(live)
    analytics.warm(live)

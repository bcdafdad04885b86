"""The Flask front end: `create_app()` builds an app over one index directory (nothing happens at import)."""
from __future__ import annotations

import os

from flask import Flask

from indexer.store.live import IndexHandle


def create_app(test_config: dict | None = None) -> Flask:
    """An app serving the index at INDEX_DIR (default "index", env IMR_INDEX, or test_config)."""
    app = Flask(__name__)
    app.config.from_mapping(INDEX_DIR=os.environ.get("IMR_INDEX", "index"), JSON_SORT_KEYS=False)
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False
    # One handle per app: it re-resolves the `current` build, so rebuilds show up without a restart.
    app.extensions["imr_index"] = IndexHandle(app.config["INDEX_DIR"])

    from . import api, cache, errors, precedent_pages, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(precedent_pages.bp)
    errors.init_app(app)
    cache.init_app(app)  # after errors: an undecodable query is refused before it is looked up
    return app

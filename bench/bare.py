"""The yardstick of ``bench.http``: bare Flask + SQLAlchemy reading one row by primary key.

Nothing of Kontora runs here: no plugins, sessions, permissions or templates; one engine
with the same driver and pool as Kontora's, one ``SELECT`` by primary key of
``parties_client`` on the same database, answered as JSON. Every Kontora row of the
benchmark table is compared with this route, so the ratio shows what the framework adds
on top of the bare stack.

    gunicorn --workers 2 'bench.bare:create_app()'   # KONTORA_DATABASE_URL names the database
"""

from __future__ import annotations

import os

from flask import Flask, abort, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import create_engine, text


def create_app() -> Flask:
    engine = create_engine(os.environ["KONTORA_DATABASE_URL"], pool_pre_ping=True)
    query = text("SELECT id, name, status, country, email FROM parties_client WHERE id = :id")
    app = Flask(__name__)

    @app.get("/row/<int:row_id>")
    def row(row_id: int) -> ResponseReturnValue:
        with engine.connect() as conn:
            found = conn.execute(query, {"id": row_id}).mappings().first()
        if found is None:
            abort(404)
        return jsonify(dict(found))

    return app

"""Cruddur backend: a tiny Flask API. `flask run` finds this file as the default app module."""

import os
from datetime import datetime, timezone

from flask import Flask, jsonify
from flask_cors import CORS

app = Flask(__name__)

frontend = os.getenv("FRONTEND_URL", "http://localhost:3000")
backend = os.getenv("BACKEND_URL", "http://localhost:4567")
CORS(
    app,
    resources={r"/api/*": {"origins": [frontend, backend]}},
    allow_headers=["Content-Type", "Authorization"],
    methods=["GET", "POST", "OPTIONS"],
)


@app.route("/api/health")
def health():
    return jsonify({"status": "ok", "time": datetime.now(timezone.utc).isoformat()}), 200


@app.route("/api/activities/home")
def home_activities():
    now = datetime.now(timezone.utc).isoformat()
    return jsonify(
        [
            {
                "uuid": "68f126b0-1ceb-4a33-88be-d90fa7109eee",
                "handle": "andrew",
                "message": "Cloud is fun!",
                "created_at": now,
                "likes_count": 5,
                "replies_count": 1,
            }
        ]
    )


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.getenv("PORT", "4567")), debug=True)

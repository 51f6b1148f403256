from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Every random walk of every machine also checks snapshot + later events (tests/snapshot_walks.py).
from tests import snapshot_walks  # noqa: E402

snapshot_walks.install()

"""TEST DOUBLE for floe's `floe_dbt.plugins.polaris` dbt-duckdb plugin (see ../../README.md).

Accepts the config keys upstream's plugin reads, rejects anything else, and records what it got.
"""

import json
import os
from typing import Any, Dict

from dbt.adapters.duckdb.plugins import BasePlugin

# The keys upstream's `initialize()` reads (spec §4.2), and whether it requires them.
KEYS = {
    "catalog_uri": True,
    "warehouse": True,
    "client_id": False,
    "client_secret": False,
    "scope": False,
    "s3_endpoint": False,
    "s3_region": False,
    "s3_access_key_id": False,
    "s3_secret_access_key": False,
    "storage_mapping": False,
}


class Plugin(BasePlugin):
    def initialize(self, plugin_config: Dict[str, Any]) -> None:
        unknown = sorted(set(plugin_config) - set(KEYS))
        if unknown:
            raise ValueError(f"floe_dbt.plugins.polaris (test double): unknown config keys {unknown}")
        missing = sorted(k for k, required in KEYS.items() if required and not plugin_config.get(k))
        if missing:
            raise ValueError(f"floe_dbt.plugins.polaris (test double): missing config keys {missing}")
        for key, value in plugin_config.items():
            if key == "storage_mapping":
                if not isinstance(value, dict) or not all(
                    isinstance(v, dict) and {"bucket", "endpoint", "region"} <= set(v) for v in value.values()
                ):
                    raise ValueError("floe_dbt.plugins.polaris (test double): storage_mapping must map schemas to {bucket, endpoint, region}")
            elif not isinstance(value, str):
                raise ValueError(f"floe_dbt.plugins.polaris (test double): {key} must be a string, got {type(value).__name__}")
        self.config = plugin_config
        record = os.environ.get("FLOE_DBT_STANDIN_RECORD")
        if record:
            with open(record, "w", encoding="utf-8") as f:
                json.dump(plugin_config, f, sort_keys=True)

    def configure_connection(self, conn) -> None:
        # Upstream ATTACHes the Polaris catalog here; the double checks the connection is usable.
        conn.execute("SELECT 1").fetchall()

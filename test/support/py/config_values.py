"""Prints what botocore reads from the AWS config file: every profile's and sso-session's keys and values.

{"profiles": {name: {key: value}}, "sso_sessions": {name: {key: value}}}, or {"load_error": "..."} when the
file does not load (botocore is strict: one duplicate section or key fails the whole file).
"""
import json

import botocore.session

try:
    config = botocore.session.Session().full_config
except Exception as e:  # noqa: BLE001 - report, the test decides
    print(json.dumps({"load_error": f"{type(e).__name__}: {e}"}))
else:
    print(
        json.dumps(
            {
                "profiles": config.get("profiles", {}),
                "sso_sessions": config.get("sso_sessions", {}),
            }
        )
    )

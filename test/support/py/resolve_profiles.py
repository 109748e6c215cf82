"""Resolves credentials for every SSO profile in the config through boto3, using only the token cache.

Prints one JSON object: {"profiles": N, "ok": [...], "failed": {name: error}}. Exit code 0 even on
failures; the test decides.
"""
import json
import sys

import boto3
import botocore.session

names = sys.argv[1:]
if not names:
    s = botocore.session.Session()
    profiles = s.full_config.get("profiles", {})
    names = sorted(n for n, p in profiles.items() if "sso_account_id" in p)
ok, failed = [], {}
# One data loader for every session: each boto3.Session would otherwise re-read the sso service model from
# disk, which dominates the run time with hundreds of profiles. Resolution itself is untouched.
shared_loader = botocore.session.Session().get_component("data_loader")
for name in names:
    try:
        core = botocore.session.Session(profile=name)
        core.register_component("data_loader", shared_loader)
        creds = boto3.Session(botocore_session=core).get_credentials()
        frozen = creds.get_frozen_credentials()
        if frozen.access_key and frozen.secret_key and frozen.token:
            ok.append(name)
        else:
            failed[name] = "incomplete credentials"
    except Exception as e:  # noqa: BLE001 - report every failure to the test
        failed[name] = f"{type(e).__name__}: {e}"
print(json.dumps({"profiles": len(names), "ok": ok, "failed": failed}))

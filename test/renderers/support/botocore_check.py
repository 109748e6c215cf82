# Loads an AWS config file the way the AWS CLI and boto3 do and reports what they make of it:
# configloader.load_config raises on a duplicate section or key (strict), boto3 lists the profiles, and
# botocore's SSO provider resolves each SSO profile's settings (it refuses a profile whose inline
# sso_start_url / sso_region disagree with its sso-session's). Prints JSON.
import json
import sys

import boto3
import botocore.session
from botocore import configloader
from botocore.credentials import SSOProvider

path = sys.argv[1]
try:
    configloader.load_config(path)
except Exception as e:  # noqa: BLE001 - report, the test decides
    print(json.dumps({"load_error": f"{type(e).__name__}: {e}"}))
    sys.exit(0)

profiles = boto3.Session().available_profiles
errors = {}
resolved = {}
for name in profiles:
    session = botocore.session.Session(profile=name)
    provider = SSOProvider(
        load_config=lambda s=session: s.full_config,
        client_creator=session.create_client,
        profile_name=name,
        cache={},
        token_cache={},
    )
    try:
        cfg = provider._load_sso_config()
        if cfg is not None:
            resolved[name] = cfg
    except Exception as e:  # noqa: BLE001
        errors[name] = f"{type(e).__name__}: {e}"
print(json.dumps({"profiles": profiles, "errors": errors, "resolved": resolved}))

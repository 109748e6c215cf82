"""Resolves credentials for a profile the way boto3 users do (Session(profile).get_credentials()).

Reads ~/.aws/config and the SSO token cache under $HOME, refreshing the token through the sso-oidc
endpoint when it is close to expiry. Prints JSON facts only (never secrets).
Usage: botocore_credentials.py PROFILE
"""
import json
import sys

import botocore.session

session = botocore.session.Session(profile=sys.argv[1])
creds = session.get_credentials()
if creds is None:
    sys.exit("no credentials resolved")
frozen = creds.get_frozen_credentials()
expiry = getattr(creds, "_expiry_time", None)
print(json.dumps({
    "method": creds.method,
    "accessKeyPrefix": frozen.access_key[:4],
    "hasSessionToken": bool(frozen.token),
    "expiry": expiry.isoformat() if expiry else None,
}))

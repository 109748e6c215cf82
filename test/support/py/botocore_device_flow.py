"""Device-code login, refresh and GetRoleCredentials with botocore's own sso-oidc and sso clients.

Endpoints come from the environment (AWS_ENDPOINT_URL_SSO[_OIDC] or AWS_DATA_PATH rulesets). Prints one
JSON object of facts for the test to check; never prints a token or secret.
"""
import json
import sys
import time

import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

START_URL = sys.argv[1] if len(sys.argv) > 1 else "https://d-1234567890.awsapps.com/start"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"

session = botocore.session.Session()
config = Config(signature_version=UNSIGNED)
oidc = session.create_client("sso-oidc", region_name="us-east-1", config=config)
sso = session.create_client("sso", region_name="us-east-1", config=config)

reg = oidc.register_client(clientName="botocore-test", clientType="public", scopes=["sso:account:access"])
creds = {"clientId": reg["clientId"], "clientSecret": reg["clientSecret"]}
auth = oidc.start_device_authorization(startUrl=START_URL, **creds)

pending = 0
token = None
for _ in range(30):
    try:
        token = oidc.create_token(grantType=DEVICE_GRANT, deviceCode=auth["deviceCode"], **creds)
        break
    except oidc.exceptions.AuthorizationPendingException:
        pending += 1
        time.sleep(auth.get("interval", 1))
if token is None:
    sys.exit("device login did not complete")

refreshed = oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **creds)
try:
    oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **creds)
    reuse_code = None
except ClientError as e:
    reuse_code = e.response["Error"]["Code"]

access = refreshed["accessToken"]
accounts = []
for page in sso.get_paginator("list_accounts").paginate(accessToken=access, PaginationConfig={"PageSize": 2}):
    accounts += [a["accountId"] for a in page["accountList"]]
roles = sso.list_account_roles(accessToken=access, accountId=accounts[0])["roleList"]
role_creds = sso.get_role_credentials(accessToken=access, accountId=accounts[0], roleName=roles[0]["roleName"])
rc = role_creds["roleCredentials"]

try:
    sso.list_accounts(accessToken="not-a-token")
    unauthorized = None
except ClientError as e:
    unauthorized = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

print(json.dumps({
    "registrationSeconds": reg["clientSecretExpiresAt"] - reg["clientIdIssuedAt"],
    "interval": auth["interval"],
    "pendingPolls": pending,
    "expiresIn": token["expiresIn"],
    "hadRefreshToken": "refreshToken" in token,
    "rotated": refreshed.get("refreshToken") not in (None, token["refreshToken"]),
    "reuseCode": reuse_code,
    "accounts": accounts,
    "account": accounts[0],
    "role": roles[0]["roleName"],
    "accessKeyPrefix": rc["accessKeyId"][:4],
    "expiration": rc["expiration"],
    "now": int(time.time() * 1000),
    "unauthorized": unauthorized,
}))

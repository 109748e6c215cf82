# Writes a profile and its sso-session the way `aws configure sso` does at its end: through the AWS CLI's
# own ConfigFileWriter, the profile section first, then the session (awscli customizations/configure/sso.py
# _write_new_config). Run with the Python that carries the AWS CLI v2 (Debian: /usr/bin/python3).
# argv: config file, profile name, session name, start URL, SSO region, account id, role name.
import sys

from awscli.customizations.configure.writer import ConfigFileWriter

path, profile, session, start_url, sso_region, account, role = sys.argv[1:8]
writer = ConfigFileWriter()
writer.update_config(
    {
        "__section__": f"profile {profile}",
        "sso_session": session,
        "sso_account_id": account,
        "sso_role_name": role,
        "region": sso_region,
        "output": "json",
    },
    path,
)
writer.update_config(
    {
        "__section__": f"sso-session {session}",
        "sso_start_url": start_url,
        "sso_region": sso_region,
        "sso_registration_scopes": "sso:account:access",
    },
    path,
)

// AWS CLI v2 / SDK config in the sso-session form (docs/internals/consumers.md 1): one [sso-session] per
// configured session and one [profile] per account × role. Only this form gets a refreshable token.
import { awsConfigFile } from "../../core/paths.ts";
import { defineRenderer } from "../../core/render/contract.ts";

export const awsConfig = defineRenderer({
  id: "aws-config",
  description: "AWS CLI and SDK profiles ([sso-session] + [profile …]) in ~/.aws/config",
  template: "aws-config.hbs",
  defaultFile: (env) => awsConfigFile(env),
  mode: { kind: "region", comment: "#", format: "ini" },
});

// The granted renderer's options. Keys this renderer writes itself cannot be extra keys: a second copy in
// a section makes botocore refuse the whole file.
import { z } from "zod";
import { template } from "../../core/config/rules.ts";
import { extraKeysOption } from "../extra-keys.ts";
import { GRANTED_DEFAULT_TEMPLATE } from "./naming.ts";

/** Every key either form of the template writes. */
export const GRANTED_WRITTEN_KEYS: ReadonlySet<string> = new Set([
  "granted_sso_start_url",
  "granted_sso_region",
  "granted_sso_account_id",
  "granted_sso_role_name",
  "granted_sso_registration_scopes",
  "common_fate_generated_from",
  "credential_process",
  "sso_start_url",
  "sso_region",
  "sso_account_id",
  "sso_role_name",
  "sso_session",
  "region",
]);

export const grantedOptions = z.strictObject({
  prefix: z
    .string()
    .regex(
      /^[A-Za-z0-9_\-@+.%:/]*$/,
      "may only use letters, digits and '_-@+.%:/' (Granted's --prefix rule, plus the JS SDK's)",
    )
    .default("")
    .describe("Put before every profile name, like `granted sso populate --prefix`."),
  profileTemplate: template()
    .default(GRANTED_DEFAULT_TEMPLATE)
    .describe(
      "Profile name template (Handlebars; account.name has spaces replaced by '-', as Granted does).",
    ),
  names: z
    .enum(["portable", "granted"])
    .default("portable")
    .describe(
      "portable: replace characters the JS SDK refuses by '-', so every tool sees every profile. granted: keep Granted's exact name, and leave a profile whose exact name the JS SDK refuses to `granted sso populate`.",
    ),
  credentialProcess: z
    .boolean()
    .default(true)
    .describe("false: write plain sso_* keys without credential_process (`--no-credential-process`)."),
  registrationScopes: z
    .boolean()
    .default(false)
    .describe(
      "Write granted_sso_registration_scopes (the session's scopes), so the token Granted gets when it logs in itself can be refreshed.",
    ),
  extraKeys: extraKeysOption(GRANTED_WRITTEN_KEYS, "granted", "granted_color: red"),
});
export type GrantedOptions = z.output<typeof grantedOptions>;

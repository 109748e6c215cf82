// Field-level rules shared by the schema parts. Every message is "<rule> (<fix>)" and reads after the
// offending value: `"a b" must use only letters, digits, '_' and '-' (rename the session, e.g. acme)`.
import { z } from "zod";
import Handlebars from "handlebars";
import { validate as validateCron } from "node-cron";
import { cronStepProblem } from "./cron-steps.ts";
import picomatch from "picomatch";

export const NAME_RE = /^[A-Za-z0-9_-]+$/;
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const RENDERER_ID_RE = /^[a-z][a-z0-9-]*$/;
export const INI_KEY_RE = /^[a-z][a-z0-9_]*$/;
/** Profile names that both botocore and the JS SDK accept (docs/internals/consumers.md 2). */
export const PROFILE_NAME_RE = /^[A-Za-z0-9_.\-/]+$/;
const ACCOUNT_ID_RE = /^\d{12}$/;

/** Keys the aws-config renderer writes itself; a second copy would make botocore reject the whole file. */
export const RESERVED_INI_KEYS = [
  "sso_session",
  "sso_account_id",
  "sso_role_name",
  "sso_start_url",
  "sso_region",
  "sso_registration_scopes",
  "region",
] as const;

export const name = (what: string, example: string) =>
  z
    .string()
    .regex(NAME_RE, `must use only letters, digits, '_' and '-' (rename the ${what}, e.g. ${example})`);

export const region = () =>
  z
    .string()
    .regex(REGION_RE, "is not an AWS region name (write it like eu-north-1 or us-gov-west-1)")
    .meta({ examples: ["eu-north-1"] });

/** picomatch never throws; it returns a regex that matches nothing for a pattern it cannot parse. */
function isValidGlob(pattern: string): boolean {
  return pattern.length > 0 && picomatch.makeRe(pattern).source !== "$^";
}

export const glob = (what: string) =>
  z
    .string()
    .min(1)
    .refine(isValidGlob, `is not a valid glob (check brackets and braces; match ${what} with * and ?)`);

/** An account id (exactly 12 digits) or a glob on the account name. */
export const accountRef = () =>
  glob("account names")
    .refine(
      (v) => !/^\d+$/.test(v) || ACCOUNT_ID_RE.test(v),
      "looks like an account id but is not 12 digits (account ids have exactly 12 digits, keep leading zeros)",
    )
    .meta({ examples: ["123456789012", "prod-*"] });

function handlebarsError(source: string): string | undefined {
  try {
    Handlebars.parse(source);
    return undefined;
  } catch (err) {
    // Handlebars' parse errors read "Parse error on line N:", the text near it, a caret line, and a list
    // of expected tokens that means nothing to a user; keep the first two.
    const lines = (err instanceof Error ? err.message : String(err)).split("\n").filter(Boolean);
    return lines.length > 2 ? `${lines[0]} ${lines[1]}` : (lines[0] ?? "parse error");
  }
}

export const template = () =>
  z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const problem = handlebarsError(value);
      if (problem !== undefined)
        ctx.addIssue({
          code: "custom",
          message: `is not a valid Handlebars template: ${problem} (check that every {{ has its }} and every {{#block}} its {{/block}})`,
        });
    });

export const cron = () =>
  z
    .string()
    .refine(
      (v) => validateCron(v),
      "is not a valid cron expression (use 5 fields, or 6 with seconds first: e.g. */30 * * * *)",
    )
    .superRefine((v, ctx) => {
      const problem = cronStepProblem(v);
      if (problem !== undefined)
        ctx.addIssue({ code: "custom", message: `${problem} (e.g. */30 * * * * for every 30 minutes)` });
    });

export const noNewline = (what: string) =>
  z.string().regex(/^[^\r\n]*$/, `must be a single line (remove the line break from the ${what})`);

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}

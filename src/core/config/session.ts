// One `sessions` entry: an IAM Identity Center instance, written as an [sso-session] in ~/.aws/config.
import { z } from "zod";
import { accountRef, glob, isHttpsUrl, name, region } from "./rules.ts";

const filter = (what: string, item: z.ZodType<string>) =>
  z
    .strictObject({
      include: z.array(item).default([]).describe(`Only these ${what}; empty means all.`),
      exclude: z.array(item).default([]).describe(`Never these ${what}; exclude wins over include.`),
    })
    .prefault({});

export const sessionSchema = z
  .strictObject({
    name: name("session", "acme")
      .describe("The sso-session name, used in ~/.aws/config and for the token cache file.")
      .meta({ examples: ["acme"] }),
    startUrl: z
      .string()
      .refine(
        isHttpsUrl,
        "is not an https URL (copy the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start)",
      )
      .describe("The AWS access portal URL (sso_start_url).")
      // The pattern is for editors only (the refine above is the real check).
      .meta({ pattern: "^https://", examples: ["https://d-1234567890.awsapps.com/start"] }),
    region: region().describe("The Identity Center region (sso_region)."),
    scopes: z
      .array(
        z.string().regex(/^\S+$/, "must be one word without spaces (write scopes as a list, one per item)"),
      )
      .min(1)
      .default(["sso:account:access"])
      .describe(
        "OAuth scopes to register (sso_registration_scopes). Scopes are what make the token refreshable.",
      ),
    flow: z
      .enum(["auto", "device-code", "pkce"])
      .default("auto")
      .describe(
        "Login flow: pkce opens the browser with an authorization code (AWS CLI >= 2.22 style), device-code shows a code to confirm, auto picks pkce when a browser can be opened.",
      ),
    defaultRegion: region()
      .optional()
      .describe(
        "Region written into this session's profiles (profile `region`). Default: the session's region.",
      ),
    accounts: filter("accounts: 12-digit ids or account-name globs", accountRef()).describe(
      "Which accounts to generate profiles for.",
    ),
    roles: filter("roles: role-name globs", glob("role names")).describe(
      "Which roles to generate profiles for.",
    ),
  })
  .transform((s) => ({ ...s, defaultRegion: s.defaultRegion ?? s.region }));

// The config schema: the single source of the TypeScript types, defaults, descriptions, the JSON Schema
// (schema/config.schema.json) and the reference (docs/configuration.md). Regenerate both: npm run docs.
import { z } from "zod";
import { outputSchema } from "./outputs.ts";
import { sessionSchema } from "./session.ts";
import {
  INI_KEY_RE,
  PROFILE_NAME_RE,
  RESERVED_INI_KEYS,
  accountRef,
  cron,
  glob,
  name,
  noNewline,
  region,
  template,
} from "./rules.ts";

const reserved: ReadonlySet<string> = new Set(RESERVED_INI_KEYS);

const profilesSchema = z
  .strictObject({
    name: template()
      .default("{{slug account.name}}.{{role.name}}")
      .describe("Handlebars template for each generated profile's name (see docs/templates.md)."),
    regions: z
      .array(
        z.strictObject({
          session: name("session", "acme").optional().describe("Only profiles of this session."),
          account: accountRef().optional().describe("Account id or account-name glob."),
          role: glob("role names").optional().describe("Role-name glob."),
          region: region().describe("The region to write into matching profiles."),
        }),
      )
      .default([])
      .describe(
        "Per-profile region overrides; every rule that matches applies in order, so the last match wins.",
      ),
    aliases: z
      .array(
        z.strictObject({
          name: z
            .string()
            .regex(PROFILE_NAME_RE, "is not a safe profile name (use letters, digits and '_', '-', '.', '/')")
            .describe("The extra profile's name."),
          account: accountRef().describe("Account id or account name (must match exactly one account)."),
          role: glob("role names").describe("Role name."),
          session: name("session", "acme").optional().describe("Session to look in. Default: every session."),
        }),
      )
      .default([])
      .describe("Extra friendly profiles, each a copy of one account/role profile under another name."),
    extraKeys: z
      .record(
        z
          .string()
          .regex(INI_KEY_RE, "is not an INI key (use lowercase letters, digits and '_', e.g. cli_pager)")
          .refine(
            (k) => !reserved.has(k),
            "is written by aws-sso-sync itself (use profiles.regions for regions)",
          ),
        z.union([noNewline("value"), z.number(), z.boolean()]).transform(String),
      )
      .prefault({})
      .describe(
        "Keys added to every profile in ~/.aws/config, e.g. output: json or cli_pager: ''. Values are one line; numbers and true/false are written as text. Keys aws-sso-sync writes itself (sso_*, region) are not allowed.",
      ),
  })
  .prefault({})
  .describe("How profiles are named and what they contain.");

export const discoverySchema = z
  .strictObject({
    concurrency: z
      .int()
      .min(1)
      .max(64)
      .default(8)
      .describe("Requests in flight at the start; adapts to throttling."),
    maxConcurrency: z.int().min(1).max(128).default(32).describe("Upper bound for the adaptive concurrency."),
    pageSize: z
      .int()
      .min(1)
      .max(100)
      .default(100)
      .describe("maxResults per ListAccounts/ListAccountRoles page."),
    deadlineSeconds: z
      .int()
      .min(10)
      .max(3600)
      .default(600)
      .describe("Overall time limit for one session's discovery."),
    maxAttempts: z
      .int()
      .min(1)
      .max(20)
      .default(8)
      .describe("Attempts per request on throttling and 5xx errors."),
    backgroundShare: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe(
        "Share of the portal's request rate the daemon's own syncs (scheduled, after a file change, a reload or a new token) may use: the portal's limit is shared with every AWS tool of the user, such as the AWS CLI fetching role credentials. The daemon's first run after it starts uses the whole rate and learns the limit from throttling; later runs stay at this share of it and back off further when they are throttled anyway. A sync run by hand uses the whole rate.",
      ),
  })
  .prefault({})
  .describe("Account and role discovery tuning.");

const timeoutsSchema = z
  .strictObject({
    requestSeconds: z
      .number()
      .min(0.1)
      .max(600)
      .default(30)
      .describe(
        "Time limit for one HTTP request to IAM Identity Center (portal or OIDC), from connecting to the last byte of the answer. A request with no answer in time is retried like a 5xx.",
      ),
    connectSeconds: z
      .number()
      .min(0.1)
      .max(120)
      .default(10)
      .describe("Time limit for opening the connection of one request."),
    oidcDeadlineSeconds: z
      .number()
      .min(0.5)
      .max(900)
      .default(60)
      .describe(
        "Overall time limit for one OIDC call with its retries: a token refresh, a client registration, a device authorization or one sign-in poll. A refresh that runs out uses the current token while it is still valid and is tried again later.",
      ),
  })
  .prefault({})
  .describe(
    "Network time limits, so a server that accepts a request and never answers cannot hold up a sync or the daemon. One session's whole discovery is bounded by discovery.deadlineSeconds.",
  );

export const configSchema = z
  .strictObject({
    sessions: z
      .array(sessionSchema)
      .min(1)
      .describe("IAM Identity Center instances to log in to. Names must be unique."),
    profiles: profilesSchema,
    outputs: z
      .array(outputSchema)
      .prefault([{ renderer: "aws-config" }])
      .describe("Where profiles are written. Each entry has exactly one of renderer, template or module."),
    schedule: cron()
      .meta({ examples: ["*/15 * * * *", "0 0 */2 * * *"] })
      .default("*/30 * * * *")
      .describe("When the daemon syncs: a node-cron expression (5 fields, or 6 with seconds first)."),
    refreshLeadSeconds: z
      .int()
      .min(60)
      .max(3300)
      .default(900)
      .describe("Refresh the access token this many seconds before it expires."),
    discovery: discoverySchema,
    confirmRemovalsAbove: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        "Share of a session's profiles one sync may remove. A discovery that would remove more (below 1, that includes one removing all of them) is applied only when the next sync finds the same, or with sync --confirm-removals; until then the profiles stay. 1 turns the guard off.",
      ),
    hookTimeoutSeconds: z
      .number()
      .min(0.1)
      .max(600)
      .default(10)
      .describe(
        "Time limit for each call into a renderer (context, check, inspect, defaultFile, the template). An output that exceeds it fails and is not written.",
      ),
    timeouts: timeoutsSchema,
    log: z
      .strictObject({
        level: z.enum(["error", "warn", "info", "debug"]).default("info").describe("Log level."),
        file: z.boolean().default(true).describe("Also write a rotating log file under the state directory."),
      })
      .prefault({})
      .describe("Logging."),
    notify: z.boolean().default(true).describe("Show a desktop notification when a login is needed."),
    notifyChanges: z
      .boolean()
      .default(true)
      .describe(
        'The daemon shows a desktop notification when profiles are added or removed ("+1 profile: prod.Admin"); the log says so either way. Set false to keep the log only.',
      ),
    files: z
      .strictObject({
        allowReadOnly: z
          .boolean()
          .default(false)
          .describe(
            "Replace output files whose owner write bit is off (chmod a-w). By default such a file is left as it is and its output fails with a message: a read-only file usually means 'do not touch'.",
          ),
      })
      .prefault({})
      .describe("How output files are written."),
  })
  .meta({ title: "aws-sso-sync configuration", description: "Configuration file of aws-sso-sync (YAML)." });

export type Config = z.output<typeof configSchema>;
export type SessionConfig = Config["sessions"][number];
export type OutputConfig = Config["outputs"][number];

/** The schema's own defaults for discovery and the network (benchmarks and tests that run discovery alone). */
export function tuningDefaults(): Pick<Config, "discovery" | "timeouts"> {
  return { discovery: discoverySchema.parse(undefined), timeouts: timeoutsSchema.parse(undefined) };
}

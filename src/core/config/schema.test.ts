// Defaults and the validation of every field, through parseConfig (YAML text in, problems out).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { ConfigError } from "../errors.ts";
import { parseConfig, type Config } from "./index.ts";
import { MINIMAL_EXAMPLE } from "./docs.ts";

type Raw = Record<string, unknown> & { sessions: Array<Record<string, unknown>> };
const base = (): Raw => ({
  sessions: [{ name: "acme", startUrl: "https://d-1234567890.awsapps.com/start", region: "eu-north-1" }],
});

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(stringify(raw), "cfg.yaml");
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

function parse(raw: unknown): Config {
  return parseConfig(stringify(raw), "cfg.yaml").config;
}

test("the minimal file loads and gets every default", () => {
  const { config, warnings } = parseConfig(MINIMAL_EXAMPLE, "cfg.yaml");
  assert.deepEqual(warnings, []);
  assert.deepEqual(config, {
    sessions: [
      {
        name: "acme",
        startUrl: "https://d-1234567890.awsapps.com/start",
        region: "eu-north-1",
        scopes: ["sso:account:access"],
        flow: "auto",
        defaultRegion: "eu-north-1",
        accounts: { include: [], exclude: [] },
        roles: { include: [], exclude: [] },
      },
    ],
    profiles: { name: "{{slug account.name}}.{{role.name}}", regions: [], aliases: [], extraKeys: {} },
    outputs: [{ renderer: "aws-config", name: "aws-config", enabled: true, options: {} }],
    schedule: "*/30 * * * *",
    refreshLeadSeconds: 900,
    discovery: {
      concurrency: 8,
      maxConcurrency: 32,
      pageSize: 100,
      deadlineSeconds: 600,
      maxAttempts: 8,
      backgroundShare: 0.5,
    },
    confirmRemovalsAbove: 0.5,
    hookTimeoutSeconds: 10,
    timeouts: { requestSeconds: 30, connectSeconds: 10, oidcDeadlineSeconds: 60 },
    log: { level: "info", file: true },
    notify: true,
    notifyChanges: true,
    files: { allowReadOnly: false },
  });
});

test("derived defaults: defaultRegion, output names, template output settings", () => {
  const raw = base();
  raw.outputs = [
    { template: "/t/steampipe.hbs", file: "/out/aws.spc" },
    { template: "/t/folder/", file: "/out/x" },
    { module: "/m/my-renderer.mjs", enabled: false },
    { renderer: "aws-config", name: "main" },
  ];
  const config = parse(raw);
  assert.deepEqual(
    config.outputs.map((o) => o.name),
    ["steampipe", "folder", "my-renderer", "main"],
  );
  assert.deepEqual(config.outputs[0], {
    template: "/t/steampipe.hbs",
    file: "/out/aws.spc",
    mode: "region",
    comment: "#",
    format: "text",
    enabled: true,
    options: {},
    name: "steampipe",
  });
  assert.equal(
    parse({ sessions: [{ ...base().sessions[0], defaultRegion: "us-east-1" }] }).sessions[0]?.defaultRegion,
    "us-east-1",
  );
});

test("values that are valid", () => {
  const raw = base();
  Object.assign(raw.sessions[0] ?? {}, {
    region: "us-gov-west-1",
    flow: "device-code",
    scopes: ["sso:account:access", "codewhisperer:completions"],
    accounts: { include: ["012345678901", "prod-*", "{a,b}-?"], exclude: ["*sandbox*"] },
  });
  raw.schedule = "0 */5 * * * *";
  raw.profiles = { extraKeys: { output: "json", max_attempts: 5, cli_auto_prompt: false, cli_pager: "" } };
  const config = parse(raw);
  assert.deepEqual(config.profiles.extraKeys, {
    output: "json",
    max_attempts: "5",
    cli_auto_prompt: "false",
    cli_pager: "",
  });
  assert.equal(config.schedule, "0 */5 * * * *");
  assert.deepEqual(config.sessions[0]?.accounts.include, ["012345678901", "prod-*", "{a,b}-?"]);
});

type Case = [label: string, mutate: (raw: Raw) => void, path: string, fragment: string];
const s0 = (raw: Raw) => raw.sessions[0] as Record<string, unknown>;
const out = (raw: Raw, entry: Record<string, unknown>) => (raw.outputs = [entry]);

const cases: Case[] = [
  ["no sessions", (r) => (r.sessions = []), "sessions", "needs at least 1 item"],
  [
    "sessions not a list",
    (r) => ((r as Record<string, unknown>).sessions = "acme"),
    "sessions",
    "expected a list, got a string",
  ],
  [
    "session name a boolean",
    (r) => (s0(r).name = true),
    "sessions[0].name",
    'got a boolean true (quote it: "true")',
  ],
  ["session name with a space", (r) => (s0(r).name = "a b"), "sessions[0].name", "must use only letters"],
  [
    "http start URL",
    (r) => (s0(r).startUrl = "http://d-1.awsapps.com/start"),
    "sessions[0].startUrl",
    "is not an https URL",
  ],
  ["start URL not a URL", (r) => (s0(r).startUrl = "acme"), "sessions[0].startUrl", "is not an https URL"],
  [
    "region without number",
    (r) => (s0(r).region = "eu-north"),
    "sessions[0].region",
    "is not an AWS region name",
  ],
  [
    "region in capitals",
    (r) => (s0(r).region = "EU-NORTH-1"),
    "sessions[0].region",
    "is not an AWS region name",
  ],
  ["empty scopes", (r) => (s0(r).scopes = []), "sessions[0].scopes", "needs at least 1 item"],
  ["scope with a space", (r) => (s0(r).scopes = ["a b"]), "sessions[0].scopes[0]", "must be one word"],
  [
    "unknown flow",
    (r) => (s0(r).flow = "browser"),
    "sessions[0].flow",
    "is not one of auto, device-code, pkce",
  ],
  [
    "bad defaultRegion",
    (r) => (s0(r).defaultRegion = "west"),
    "sessions[0].defaultRegion",
    "is not an AWS region",
  ],
  [
    "short account id",
    (r) => (s0(r).accounts = { include: ["12345"] }),
    "sessions[0].accounts.include[0]",
    "is not 12 digits",
  ],
  [
    "broken account glob",
    (r) => (s0(r).accounts = { exclude: ["prod-{a"] }),
    "sessions[0].accounts.exclude[0]",
    "is not a valid glob",
  ],
  [
    "empty role glob",
    (r) => (s0(r).roles = { include: [""] }),
    "sessions[0].roles.include[0]",
    "must not be empty",
  ],
  [
    "unknown filter key",
    (r) => (s0(r).roles = { only: ["x"] }),
    "sessions[0].roles.only",
    "unknown key 'only'",
  ],
  [
    "broken naming template",
    (r) => (r.profiles = { name: "{{slug account.name}" }),
    "profiles.name",
    "is not a valid Handlebars template",
  ],
  [
    "region rule without region",
    (r) => (r.profiles = { regions: [{ account: "prod-*" }] }),
    "profiles.regions[0].region",
    "missing required key 'region'",
  ],
  [
    "region rule bad region",
    (r) => (r.profiles = { regions: [{ region: "mars-1" }] }),
    "profiles.regions[0].region",
    "is not an AWS region",
  ],
  [
    "alias without role",
    (r) => (r.profiles = { aliases: [{ name: "prod", account: "prod" }] }),
    "profiles.aliases[0].role",
    "missing required key 'role'",
  ],
  [
    "alias name with a space",
    (r) => (r.profiles = { aliases: [{ name: "my prod", account: "prod", role: "Admin" }] }),
    "profiles.aliases[0].name",
    "is not a safe profile name",
  ],
  [
    "extra key in capitals",
    (r) => (r.profiles = { extraKeys: { Output: "json" } }),
    "profiles.extraKeys.Output",
    "is not an INI key",
  ],
  [
    "extra key we write",
    (r) => (r.profiles = { extraKeys: { sso_session: "x" } }),
    "profiles.extraKeys.sso_session",
    "is written by aws-sso-sync itself",
  ],
  [
    "extra value with newline",
    (r) => (r.profiles = { extraKeys: { output: "json\n[x]" } }),
    "profiles.extraKeys.output",
    "must be a single line",
  ],
  [
    "extra value a list",
    (r) => (r.profiles = { extraKeys: { output: ["json"] } }),
    "profiles.extraKeys.output",
    "expected a string, a number or true or false",
  ],
  [
    "renderer id with capitals",
    (r) => out(r, { renderer: "AWS_Config" }),
    "outputs[0].renderer",
    "is not a renderer id",
  ],
  [
    "output name with a dot",
    (r) => out(r, { renderer: "aws-config", name: "a.b" }),
    "outputs[0].name",
    "must use only letters",
  ],
  [
    "template without file",
    (r) => out(r, { template: "t.hbs" }),
    "outputs[0].file",
    "missing required key 'file'",
  ],
  [
    "template bad mode",
    (r) => out(r, { template: "t.hbs", file: "f", mode: "all" }),
    "outputs[0].mode",
    "is not one of region, file",
  ],
  [
    "template bad format",
    (r) => out(r, { template: "t.hbs", file: "f", format: "toml" }),
    "outputs[0].format",
    "is not one of ini, text",
  ],
  [
    "template empty comment",
    (r) => out(r, { template: "t.hbs", file: "f", comment: "" }),
    "outputs[0].comment",
    "must not be empty",
  ],
  ["module empty file", (r) => out(r, { module: "m.mjs", file: "" }), "outputs[0].file", "must not be empty"],
  [
    "options not a mapping",
    (r) => out(r, { renderer: "aws-config", options: ["a"] }),
    "outputs[0].options",
    "expected a mapping",
  ],
  [
    "enabled not boolean",
    (r) => out(r, { renderer: "aws-config", enabled: "no" }),
    "outputs[0].enabled",
    "expected true or false",
  ],
  ["output a string", (r) => (r.outputs = ["aws-config"]), "outputs[0]", "expected a mapping with one of"],
  ["output without kind", (r) => out(r, { file: "x" }), "outputs[0]", "an output needs one of"],
  [
    "output with two kinds",
    (r) => out(r, { renderer: "aws-config", module: "m.mjs" }),
    "outputs[0].module",
    "this one has 'renderer' and 'module'",
  ],
  [
    "template name from an odd basename",
    (r) => out(r, { template: "my template.hbs", file: "f" }),
    "outputs[0].template",
    "is not a valid name",
  ],
  ["cron minute 61", (r) => (r.schedule = "61 * * * *"), "schedule", "is not a valid cron expression"],
  ["cron with 3 fields", (r) => (r.schedule = "* * *"), "schedule", "is not a valid cron expression"],
  [
    "lead too small",
    (r) => (r.refreshLeadSeconds = 59),
    "refreshLeadSeconds",
    "59 is below the minimum 60 (use a value from 60 to 3300)",
  ],
  [
    "lead too big",
    (r) => (r.refreshLeadSeconds = 3301),
    "refreshLeadSeconds",
    "3301 is above the maximum 3300",
  ],
  [
    "lead a fraction",
    (r) => (r.refreshLeadSeconds = 90.5),
    "refreshLeadSeconds",
    "expected an integer, got a number 90.5 (use a whole number)",
  ],
  [
    "concurrency 0",
    (r) => (r.discovery = { concurrency: 0 }),
    "discovery.concurrency",
    "below the minimum 1",
  ],
  [
    "maxConcurrency 129",
    (r) => (r.discovery = { maxConcurrency: 129 }),
    "discovery.maxConcurrency",
    "above the maximum 128",
  ],
  ["pageSize 101", (r) => (r.discovery = { pageSize: 101 }), "discovery.pageSize", "above the maximum 100"],
  [
    "deadline 5",
    (r) => (r.discovery = { deadlineSeconds: 5 }),
    "discovery.deadlineSeconds",
    "below the minimum 10",
  ],
  [
    "maxAttempts 0",
    (r) => (r.discovery = { maxAttempts: 0 }),
    "discovery.maxAttempts",
    "below the minimum 1",
  ],
  [
    "concurrency above max",
    (r) => (r.discovery = { concurrency: 16, maxConcurrency: 8 }),
    "discovery.concurrency",
    "16 is above maxConcurrency 8",
  ],
  [
    "log level trace",
    (r) => (r.log = { level: "trace" }),
    "log.level",
    "is not one of error, warn, info, debug",
  ],
  ["log file a string", (r) => (r.log = { file: "/tmp/x.log" }), "log.file", "expected true or false"],
  ["notify a string", (r) => (r.notify = "always"), "notify", "expected true or false"],
  [
    "unknown top-level key",
    (r) => (r.sesions = []),
    "sesions",
    "unknown key 'sesions' (did you mean 'sessions'?)",
  ],
];

describe("every field is validated", () => {
  for (const [label, mutate, path, fragment] of cases) {
    test(label, () => {
      const raw = base();
      mutate(raw);
      const problems = problemsOf(raw);
      assert.ok(problems.length > 0, "expected a problem");
      const line = problems.find((p) => p.includes(`: ${path}: `));
      assert.ok(line, `no problem at ${path} in:\n${problems.join("\n")}`);
      assert.ok(line.includes(fragment), `"${fragment}" not in: ${line}`);
      // One mistake must not produce noise about unrelated keys.
      for (const p of problems)
        assert.match(p, new RegExp(`: ${path.replace(/[[\].]/g, "\\$&")}(\\.|\\[|: )`));
    });
  }
});

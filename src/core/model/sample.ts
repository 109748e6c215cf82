// Built-in sample data for `render --sample` and `validate`: a small organisation whose names are as hostile
// as the IdC API allows (quotes, `$()`, backticks, `;`, newlines, brackets, `#`, `=`, non-ASCII, a duplicate
// account name), so a template that forgets to escape shows it in the preview rather than in a user's shell.
import { buildModel } from "./build.ts";
import { configSchema, type Config } from "../config/index.ts";
import type { DiscoveredAccount, DiscoveredSession, Model } from "./model.ts";
import { createEngine } from "../render/engine.ts";

/** Account names a template must survive; each is valid in the IdC API. */
export const HOSTILE_ACCOUNT_NAMES = [
  `Quote's "double" $(touch aws-sso-sync-canary) \`touch aws-sso-sync-canary\`; rm -rf ~`,
  "Line\nbreak [profile x] # not = a comment",
  "Ünïcødé Tëst <b>&amp;</b>",
] as const;

const MAIN_ACCOUNTS: DiscoveredAccount[] = [
  {
    accountId: "111111111111",
    accountName: "Production",
    emailAddress: "aws-prod@example.com",
    roles: ["AdministratorAccess", "ReadOnlyAccess"],
  },
  {
    accountId: "222222222222",
    accountName: "Staging (EU)",
    emailAddress: "aws-staging@example.com",
    roles: ["AdministratorAccess"],
  },
  {
    accountId: "333333333333",
    accountName: HOSTILE_ACCOUNT_NAMES[0],
    emailAddress: "o'brien+$(id)@example.com",
    roles: ["ReadOnlyAccess"],
  },
  {
    accountId: "444444444444",
    accountName: HOSTILE_ACCOUNT_NAMES[1],
    emailAddress: "line@example.com",
    roles: ["Admin+Power=1,2@x"],
  },
  {
    accountId: "555555555555",
    accountName: HOSTILE_ACCOUNT_NAMES[2],
    emailAddress: "unicode@example.com",
    roles: ["Developer"],
  },
  // Same name as 111111111111: the model qualifies both profile names.
  {
    accountId: "666666666666",
    accountName: "Production",
    emailAddress: "aws-prod2@example.com",
    roles: ["AdministratorAccess"],
  },
];

const OTHER_ACCOUNT = (i: number): DiscoveredAccount => ({
  accountId: String(777777777770 + i),
  accountName: "Sandbox",
  emailAddress: "sandbox@example.com",
  roles: ["PowerUserAccess"],
});

/** The config the sample uses when the user has none (two sessions, one alias). */
const SAMPLE_CONFIG_INPUT = {
  sessions: [
    {
      name: "acme",
      startUrl: "https://d-1234567890.awsapps.com/start",
      region: "eu-north-1",
      defaultRegion: "eu-west-1",
    },
    { name: "lab", startUrl: "https://lab-example.awsapps.com/start", region: "us-east-1" },
  ],
  profiles: { aliases: [{ name: "prod", account: "111111111111", role: "AdministratorAccess" }] },
};

/** Sample discovery for the given sessions: the first gets the hostile organisation, the others a sandbox. */
function sampleDiscovery(sessions: readonly string[]): DiscoveredSession[] {
  return sessions.map((session, i) => ({
    session,
    accounts: i === 0 ? MAIN_ACCOUNTS.map((a) => ({ ...a, roles: [...a.roles] })) : [OTHER_ACCOUNT(i)],
  }));
}

/**
 * The sample model: built by the real model builder, so naming, regions, aliases and collision handling
 * follow the user's config when one is given (its sessions, `profiles` rules), else SAMPLE_CONFIG_INPUT.
 */
export function sampleModel(config?: Config): Model {
  const cfg = config ?? configSchema.parse(SAMPLE_CONFIG_INPUT);
  const discovered = sampleDiscovery(cfg.sessions.map((s) => s.name));
  return buildModel(cfg, discovered, createEngine()).model;
}

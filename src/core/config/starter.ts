// The starter config `aws-sso-sync init` writes: the one required session filled in, then every other
// top-level key commented out with its description and default, all taken from the JSON Schema so the
// starter can never disagree with the schema.
import { stringify } from "yaml";
import { CONFIG_SCHEMA, docPath, EXAMPLE_CONFIG } from "../package-files.ts";
import { configJsonSchema } from "./json-schema.ts";
import { configSchema } from "./schema.ts";

export interface StarterSession {
  name: string;
  startUrl: string;
  region: string;
}

interface Prop {
  description?: string;
  default?: unknown;
  properties?: Record<string, Prop>;
  items?: Prop;
}

// lineWidth 0: never fold a long value onto a second line (a folded comment would not uncomment cleanly).
const yamlOf = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();

const comment = (text: string, indent = "") =>
  text
    .split("\n")
    .map((l) => `${indent}#${l ? ` ${l}` : ""}`)
    .join("\n");

function sessionLines(s: StarterSession, item: Prop | undefined): string[] {
  const props = item?.properties ?? {};
  const line = (key: keyof StarterSession, first: boolean) => {
    const d = props[key]?.description;
    const value = yamlOf({ [key]: s[key] });
    return `${first ? "  - " : "    "}${value}${d ? ` # ${d.split("\n")[0]}` : ""}`;
  };
  return [line("name", true), line("startUrl", false), line("region", false)];
}

const SAMPLE: StarterSession = {
  name: "acme",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "us-east-1",
};

/** What is wrong with the session the user gave on the command line (empty: nothing). */
export function starterProblems(session: StarterSession): string[] {
  const r = configSchema.safeParse({ sessions: [session] });
  return r.success ? [] : r.error.issues.map((i) => `${String(i.path.at(-1) ?? "")}: ${i.message}`);
}

export function starterConfig(session: StarterSession): string {
  const schema = configJsonSchema() as { properties: Record<string, Prop> };
  const { sessions, ...rest } = schema.properties;
  const out = [
    `# yaml-language-server: $schema=${CONFIG_SCHEMA}`,
    "#",
    "# aws-sso-sync configuration, written by `aws-sso-sync init`. Only `sessions` is required; each",
    "# commented key below shows its default. Every key is described in",
    `#   ${docPath("configuration.md")}`,
    `# and ${EXAMPLE_CONFIG} shows every feature with comments.`,
    "",
    comment(sessions?.description ?? "IAM Identity Center instances to log in to."),
    "sessions:",
    ...sessionLines(session, sessions?.items),
  ];
  // Every other key with the value the schema resolves it to when it is left out.
  const defaults = configSchema.parse({ sessions: [SAMPLE] }) as Record<string, unknown>;
  for (const [key, prop] of Object.entries(rest)) {
    out.push("", comment(prop.description ?? key));
    out.push(comment(defaults[key] === undefined ? `${key}:` : yamlOf({ [key]: defaults[key] })));
  }
  return `${out.join("\n")}\n`;
}

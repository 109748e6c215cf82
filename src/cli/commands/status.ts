// `aws-sso-sync status`: one record per session from the cache files alone (no network, nothing
// written). Records are SessionStatus objects so later parts (daemon state) can add fields. Exits 4
// when a session needs a login (no usable token and no way to refresh one).
import type { Command } from "commander";
import { describeWriter, sessionStatus, type SessionStatus } from "../../core/auth/index.ts";
import { daemonStatus, describeDaemon } from "../../core/daemon/index.ts";
import { ExitCode } from "../../core/errors.ts";
import { loadCliConfig, selectSessions } from "../context.ts";
import { returnsCode } from "../exit.ts";

function minutes(sec: number): string {
  const m = Math.round(Math.abs(sec) / 60);
  const text = m >= 120 ? `${Math.round(m / 60)} h` : `${m} min`;
  return sec >= 0 ? `in ${text}` : `${text} ago`;
}

function formatStatus(s: SessionStatus): string {
  const lines: string[] = [];
  if (s.token === "valid")
    lines.push(`logged in, token expires ${s.expiresAt} (${minutes(s.expiresInSeconds ?? 0)})`);
  else if (s.token === "expired")
    lines.push(`not logged in: token expired ${s.expiresAt} (${minutes(s.expiresInSeconds ?? 0)})`);
  else if (s.token === "missing") lines.push("not logged in: no token");
  else
    lines.push(
      `not logged in: the token file is unusable (${s.problem ?? "unknown problem"}); \`login\` replaces it`,
    );
  if (s.token === "valid" || s.token === "expired") {
    lines.push(
      s.canRefresh
        ? "refreshable with its refresh token"
        : `cannot refresh: ${s.refreshBlocker ?? "unknown"}`,
    );
  }
  // The file still says valid, but a sync would refuse it (freshness.ts): say so.
  if (s.token === "valid" && s.loginReason) lines.push(`login needed: ${s.loginReason.text}`);
  lines.push(
    `token file: ${s.cacheFile}${s.writtenBy ? `, written last by ${describeWriter(s.writtenBy)}` : ""}`,
  );
  if (s.registrationFrom === "registration-file")
    lines.push(`client registration from the registration cache file ${s.registrationFile}`);
  else if (s.registrationFrom === "memory")
    lines.push("client registration from the last complete token file");
  for (const f of s.legacyFiles ?? []) lines.push(`legacy token file (profiles without sso_session): ${f}`);
  if (s.registrationExpiresAt) lines.push(`client registration expires ${s.registrationExpiresAt}`);
  const [first, ...rest] = lines;
  return [`${s.session}: ${first}`, ...rest.map((l) => `  ${l}`)].join("\n");
}

export function register(program: Command): void {
  program
    .command("status")
    .description("show, per session, whether you are logged in and until when")
    .option("-s, --session <name>", "only this session")
    .option("--json", "print JSON")
    .action(
      returnsCode(async (flags: { session?: string; json?: boolean }, cmd: Command) => {
        const { config, file } = await loadCliConfig(cmd);
        const records = await Promise.all(
          selectSessions(config, flags.session).map((s) =>
            sessionStatus(s, { refreshLeadSeconds: config.refreshLeadSeconds }),
          ),
        );
        const daemon = await daemonStatus(file);
        if (flags.json) process.stdout.write(`${JSON.stringify({ sessions: records, daemon }, null, 2)}\n`);
        else
          process.stdout.write(
            `${records.map(formatStatus).join("\n")}\n${describeDaemon(daemon).join("\n")}\n`,
          );
        // Scripts can test for "someone has to log in" without parsing the output.
        return records.some((r) => r.needsLogin) ? ExitCode.loginNeeded : ExitCode.ok;
      }),
    );
}

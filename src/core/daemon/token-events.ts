// How the daemon reacts to what the token keeper sees: a login needed is logged with the command to run
// and shown as a desktop notification; a new token syncs the session at once when it was stuck; a token
// the portal rejects although it looked good gets one forced refresh (twice at most in a row).
import type { LoginReason } from "../errors.ts";
import { log } from "../log/logger.ts";
import { configFile, type Env } from "../paths.ts";
import type { SyncReport } from "../sync.ts";
import { notify } from "./notify.ts";
import type { RunRequest } from "./runner.ts";
import type { Runtime } from "./runtime.ts";
import type { StateFile } from "../state/daemon.ts";
import type { KeeperEvents, TokenKeeper } from "./token-keeper.ts";

export interface TokenEventDeps {
  env: Env;
  state: StateFile;
  runtime(): Runtime;
  keeper(): TokenKeeper;
  request(req: RunRequest): void;
}

const MAX_FORCED_REFRESHES = 2;

export class TokenEvents implements KeeperEvents {
  private readonly lastStatus = new Map<string, string>();
  private readonly rejections = new Map<string, number>();

  constructor(private readonly d: TokenEventDeps) {}

  onLoginNeeded(name: string, { text: reason }: LoginReason): void {
    const rt = this.d.runtime();
    const flag = rt.file === configFile(undefined, this.d.env) ? "" : ` --config ${rt.file}`;
    const command = `aws-sso-sync login --session ${name}${flag}`;
    log().error("login needed", {
      session: name,
      reason,
      effect: "the last good profiles stay in place",
      run: command,
    });
    if (rt.config.notify) {
      void notify("aws-sso-sync: login needed", `Session ${name}: ${reason}. Run: ${command}`, this.d.env);
    }
    this.saveTokens();
  }

  onNewToken(name: string, recovered: boolean): void {
    this.saveTokens();
    if (!recovered && this.lastStatus.get(name) === "ok") return; // another tool's refresh: nothing to do
    log().info("new token in the cache", { session: name, effect: "syncing now" });
    this.d.request({ trigger: "token", only: [name] });
  }

  onRefreshed(): void {
    void this.d.state.update((s) => {
      s.counts.refreshes += 1;
      s.tokens = this.d.keeper().status();
    });
  }

  /** Remembers each session's result; "login needed" from the portal while the keeper saw a good token
   * means the token was rejected (revoked, clock skew): one refresh may cure it. */
  afterRun(report: SyncReport): void {
    for (const s of report.sessions) {
      if (s.status === "not-selected") continue;
      this.lastStatus.set(s.name, s.status);
      if (s.status === "ok") this.rejections.delete(s.name);
      if (s.status !== "login-needed" || this.d.keeper().status()[s.name]?.state === "login-needed") continue;
      const n = (this.rejections.get(s.name) ?? 0) + 1;
      this.rejections.set(s.name, n);
      if (n > MAX_FORCED_REFRESHES) continue;
      void this.d
        .keeper()
        .rejected(s.name)
        .then((refreshed) => refreshed && this.d.request({ trigger: "token", only: [s.name] }));
    }
  }

  private saveTokens(): void {
    void this.d.state.update((s) => (s.tokens = this.d.keeper().status()));
  }
}

// Child process for the fault-injection test: drives every write site of ours through its real function.
// `once old|new` writes one version of every file and prints {site: {path, error?}} as JSON; `loop` writes
// the two versions by turns, concurrently for every site, until it is killed (it prints "ready" first).
// The clock is fixed so that each version's bytes are the same every time: the parent byte-compares.
const FIXED = Date.UTC(2026, 0, 1, 12, 0, 0);
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args: ConstructorParameters<typeof Date> | []) {
    if (args.length === 0) super(FIXED);
    else super(...(args as ConstructorParameters<typeof Date>));
  }
  static override now(): number {
    return FIXED;
  }
}
globalThis.Date = FixedDate as DateConstructor;

const { createHash } = await import("node:crypto");
const { join } = await import("node:path");
const { writeTokenCache } = await import("../../src/core/auth/index.ts");
const { tokenCachePath } = await import("../../src/core/auth/cache.ts");
const { registrationCachePath, writeRegistration } = await import("../../src/core/auth/registration.ts");
const { initialState, StateFile } = await import("../../src/core/state/daemon.ts");
const files = await import("../../src/core/files/index.ts");
const { stateDir, xdgConfigHome } = await import("../../src/core/paths.ts");
const { installService } = await import("../../src/core/service/install.ts");
const { saveDiscovered } = await import("../../src/core/state/discovered.ts");
const { saveOutputRecords } = await import("../../src/core/state/outputs.ts");
const { unitPath } = await import("../../src/core/service/systemd.ts");

const env = process.env;
const session = {
  name: "acme",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "eu-north-1",
  scopes: ["sso:account:access"],
  flow: "device-code" as const,
};
const backupDir = join(stateDir(env), "backups");
const AWS = { name: "aws-config", comment: "#", format: "ini" as const };
const profiles = (v: number) =>
  Array.from(
    { length: 150 + 100 * v },
    (_, i) => `[profile p${i}]\nsso_session = acme\nsso_account_id = ${String(i).padStart(12, "0")}\n`,
  ).join("");
const ini = join(env.HOME ?? "", ".aws", "config");
const shell = join(xdgConfigHome(env), "aws-sso-sync", "shell", "aliases.bash");
const daemonState = join(stateDir(env), "daemon.json");
const sha1 = (t: string) => createHash("sha1").update(t).digest("hex");

async function applyRegion(file: string, content: (b: string | null) => ReturnType<typeof files.planRegion>) {
  await files.applyPlan(content(await files.readIfExists(file)), { backupDir, replan: content });
}

type Site = { path: string; write(v: number): Promise<unknown> };
const sites: Record<string, Site> = {
  ini: { path: ini, write: (v) => applyRegion(ini, (b) => files.planRegion(ini, b, AWS, profiles(v))) },
  whole: {
    path: shell,
    write: (v) =>
      applyRegion(shell, (b) =>
        files.planWholeFile(shell, b, `alias x${v}='y'\n`.repeat(300 + v * 200), "text"),
      ),
  },
  token: {
    path: tokenCachePath(session, { env }),
    write: (v) =>
      writeTokenCache(
        session,
        {
          accessToken: `token-${v}-`.repeat(40),
          expiresAt: new Date(FIXED + 3600_000),
          clientId: "client",
          clientSecret: `secret-${v}`,
          refreshToken: `refresh-${v}`,
        },
        { env },
      ),
  },
  registration: {
    path: registrationCachePath(session, { env }),
    write: (v) =>
      writeRegistration(
        session,
        {
          clientId: `client-${v}`,
          clientSecret: `s${v}`.repeat(50),
          expiresAt: new Date(FIXED),
          scopes: ["x"],
        },
        { env },
      ),
  },
  discovery: {
    path: join(stateDir(env), "discovered", `acme.${sha1(session.startUrl).slice(0, 10)}.json`),
    write: (v) =>
      saveDiscovered(
        {
          session: "acme",
          accounts: Array.from({ length: 40 + 40 * v }, (_, i) => ({
            accountId: String(i).padStart(12, "0"),
            accountName: `account ${i}`,
            emailAddress: `a${i}@example.com`,
            roles: ["Admin", "ReadOnly"],
          })),
        },
        session.startUrl,
        env,
      ),
  },
  records: {
    path: join(stateDir(env), "outputs", `${sha1("/cfg.yaml").slice(0, 12)}.json`),
    write: (v) =>
      saveOutputRecords(
        "/cfg.yaml",
        Array.from({ length: 20 + 30 * v }, (_, i) => ({
          name: `out${i}`,
          file: `/f${i}`,
          kind: "region" as const,
        })),
        env,
      ),
  },
  daemon: {
    path: daemonState,
    write: (v) => {
      const state = { ...initialState("/cfg.yaml", "*/30 * * * *"), pid: 1 };
      state.counts.runs = v;
      state.outputs = Array.from({ length: 30 + 40 * v }, (_, i) => ({
        name: `o${i}`,
        file: `/f${i}`,
        status: "written",
        problems: [],
      }));
      return new StateFile(daemonState, state).update(() => {});
    },
  },
  service: {
    path: unitPath(env),
    write: (v) =>
      installService({
        manager: "systemd",
        configFile: `/config-${"v".repeat(v * 40)}.yaml`,
        env,
        start: false,
      }),
  },
};

const [mode, version] = process.argv.slice(2);
if (mode === "once") {
  const out: Record<string, { path: string; error?: string }> = {};
  for (const [name, site] of Object.entries(sites)) {
    const error = await site.write(Number(version)).then(
      () => undefined,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    out[name] = { path: site.path, ...(error === undefined ? {} : { error }) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  let started = 0;
  for (const site of Object.values(sites))
    void (async () => {
      for (let i = 0; ; i++) {
        if (i === 1 && ++started === Object.keys(sites).length) process.stdout.write("ready\n");
        await site.write((i + 1) % 2).catch(() => {});
      }
    })();
}

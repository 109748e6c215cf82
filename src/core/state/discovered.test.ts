// The stored discovery: it round-trips, belongs to one session of one instance, and a file whose shape is
// wrong is ignored with a warning naming it (the session then has no earlier discovery), never believed.
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, test } from "node:test";
import winston from "winston";
import { setLogger } from "../log/logger.ts";
import { loadDiscovered, saveDiscovered } from "./discovered.ts";

const lines: string[] = [];
setLogger(
  winston.createLogger({
    transports: [
      new winston.transports.Stream({
        stream: new Writable({
          write(chunk: Buffer, _enc, done) {
            lines.push(chunk.toString("utf8"));
            done();
          },
        }),
      }),
    ],
  }),
);

const key = { name: "acme", startUrl: "https://d-1234567890.awsapps.com/start" };
const acme = {
  session: "acme",
  accounts: [{ accountId: "111122223333", accountName: "dev", emailAddress: "d@x", roles: ["Admin"] }],
};
let dir: string;
let env: Record<string, string>;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "aws-sso-sync-discovered-"));
  env = { HOME: dir, AWS_SSO_SYNC_STATE_DIR: join(dir, "state") };
});
after(() => rm(dir, { recursive: true, force: true }));

const storedFile = async (): Promise<string> => {
  const names = await readdir(join(dir, "state", "discovered"));
  return join(dir, "state", "discovered", names.find((n) => !n.includes(".pending")) ?? "");
};

test("saved, then loaded for the same session and instance; another instance's name finds nothing", async () => {
  await saveDiscovered(acme, key.startUrl, env);
  const back = await loadDiscovered(key, env);
  assert.deepEqual(back && { session: back.session, accounts: back.accounts }, acme);
  assert.equal(
    await loadDiscovered({ ...key, startUrl: "https://d-0000000000.awsapps.com/start" }, env),
    undefined,
  );
});

test("a stored role that is not a name is ignored with a warning naming the file, not believed", async () => {
  await saveDiscovered(acme, key.startUrl, env);
  const file = await storedFile();
  const account = { accountId: "111122223333", accountName: "dev", emailAddress: "d@x", roles: [42] };
  await writeFile(
    file,
    JSON.stringify({
      format: 1,
      startUrl: key.startUrl,
      discoveredAt: "x",
      session: "acme",
      accounts: [account],
    }),
  );
  lines.length = 0;
  assert.equal(await loadDiscovered(key, env), undefined);
  const warning = lines.join("");
  assert.ok(warning.includes(file), warning);
  assert.match(warning, /roles/);
});

test("not JSON: ignored with the same warning", async () => {
  const file = await storedFile();
  await writeFile(file, "{");
  lines.length = 0;
  assert.equal(await loadDiscovered(key, env), undefined);
  assert.ok(lines.join("").includes(file));
});

// The HTTP server: one port on 127.0.0.1 serving the portal, OIDC, /authorize and the control API.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AnswerFaults } from "./answer-faults.ts";
import type { Ctx } from "./context.ts";
import { Counters } from "./counters.ts";
import { dispatch, HUNG } from "./dispatch.ts";
import { portalError, send, type Reply } from "./http.ts";
import { mergeOptions, resolveOptions, seededRandom, TokenBucket } from "./knobs.ts";
import { Store } from "./state.ts";
import type { Emulator, EmulatorOptions } from "./types.ts";

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const opts = resolveOptions(options);
  const ctx: Ctx = {
    opts,
    store: new Store(),
    counters: new Counters(),
    random: seededRandom(opts.seed),
    bucket: opts.rateLimit ? new TokenBucket(opts.rateLimit) : null,
    faults: new AnswerFaults(opts.answerFaults),
    salt: randomBytes(6).toString("base64url"),
    url: "",
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Counted before the reply is written, so a test reading counters after a response sees it.
    const counted = !(req.url ?? "").includes("/_emulator/");
    if (counted) ctx.counters.begin();
    const finish = (reply: Reply) => {
      if (counted) ctx.counters.end(reply.status);
      send(res, reply);
    };
    // A hung request is never answered; it stops counting as in flight when the client drops it.
    const settle = (reply: Reply | typeof HUNG) =>
      reply === HUNG ? void res.once("close", () => ctx.counters.released()) : finish(reply);
    dispatch(req, ctx, emu).then(settle, (err: unknown) => {
      const message = `Emulator failure: ${err instanceof Error ? err.message : String(err)}`;
      finish(portalError("InternalServerException", message));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  ctx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const emu: Emulator = {
    url: ctx.url,
    get options() {
      return ctx.opts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    configure(patch: Partial<EmulatorOptions>) {
      ctx.opts = mergeOptions(ctx.opts, patch);
      if ("rateLimit" in patch) ctx.bucket = ctx.opts.rateLimit ? new TokenBucket(ctx.opts.rateLimit) : null;
      if (patch.seed !== undefined) ctx.random = seededRandom(patch.seed);
      if (patch.answerFaults !== undefined) ctx.faults = new AnswerFaults(ctx.opts.answerFaults);
    },
    setOrg(org) {
      ctx.opts = { ...ctx.opts, org };
    },
    approve: (userCode) => ctx.store.decide("approved", userCode),
    deny: (userCode) => ctx.store.decide("denied", userCode),
    revokeAll: () => ctx.store.revokeAll(),
    counters: () => ctx.counters.snapshot(),
    resetCounters: () => ctx.counters.reset(),
    issueToken(o = {}) {
      const client = ctx.store.register({
        clientName: "emulator-issued",
        scopes: o.scopes ?? ["sso:account:access"],
        grantTypes: [],
        redirectUris: [],
      });
      const ttl = o.ttlSec ?? ctx.opts.accessTokenTtlSec;
      const minted = ctx.store.login(client, ctx.opts.refreshTokenTtlSec, ttl);
      return {
        ...minted,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: client.expiresAt,
      };
    },
  };
  return emu;
}

// The HTTP server: one port on 127.0.0.1 serving the portal, OIDC, /authorize and the control API.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { authorize, devicePage } from "./authorize.ts";
import type { Ctx } from "./context.ts";
import { control } from "./control.ts";
import { Counters } from "./counters.ts";
import { createToken } from "./grants.ts";
import { oidcError, parseJsonObject, portalError, readBody, send, type Reply } from "./http.ts";
import { mergeOptions, resolveOptions, seededRandom, TokenBucket } from "./knobs.ts";
import { registerClient, startDeviceAuthorization } from "./oidc.ts";
import { handlePortal } from "./portal.ts";
import { route, splitTarget } from "./router.ts";
import { Store } from "./state.ts";
import type { Emulator, EmulatorOptions } from "./types.ts";

async function dispatch(req: IncomingMessage, ctx: Ctx, emu: Emulator): Promise<Reply> {
  const { path, query } = splitTarget(req.url ?? "/");
  const r = route(req.method ?? "GET", path);
  const text = await readBody(req);
  if (r.kind === "control") {
    return control(emu, req.method ?? "GET", r.action, parseJsonObject(text) ?? {});
  }
  if (ctx.opts.latencyMs > 0) await sleep(ctx.opts.latencyMs);
  switch (r.kind) {
    case "portal":
      return handlePortal(r.op, req, query, ctx);
    case "authorize":
      return authorize(query, ctx);
    case "device":
      return devicePage(query, ctx);
    case "oidc": {
      ctx.counters.op(r.op);
      const body = parseJsonObject(text);
      if (!body) return oidcError("InvalidRequestException", "Request body is not a JSON object");
      if (r.op === "RegisterClient") return registerClient(body, ctx);
      if (r.op === "StartDeviceAuthorization") return startDeviceAuthorization(body, ctx);
      return createToken(body, query, ctx);
    }
    case "none":
      return {
        status: 404,
        headers: { "x-amzn-ErrorType": "UnknownOperationException" },
        body: { message: `No operation for ${req.method} ${path}` },
      };
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const opts = resolveOptions(options);
  const ctx: Ctx = {
    opts,
    store: new Store(),
    counters: new Counters(),
    random: seededRandom(opts.seed),
    bucket: opts.rateLimit ? new TokenBucket(opts.rateLimit) : null,
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
    dispatch(req, ctx, emu).then(finish, (err: unknown) => {
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

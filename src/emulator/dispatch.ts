// One request to one reply: routing to the portal, OIDC, /authorize and control handlers, with the
// `answerFaults` knob applied around them (a hang before anything runs, a spoiled body after).
import type { IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { spoil } from "./answer-faults.ts";
import { authorize, devicePage } from "./authorize.ts";
import type { Ctx } from "./context.ts";
import { control } from "./control.ts";
import { createToken, DEVICE_GRANT } from "./grants.ts";
import { oidcError, parseJsonObject, readBody, type Reply } from "./http.ts";
import { registerClient, startDeviceAuthorization } from "./oidc.ts";
import { handlePortal } from "./portal.ts";
import { route, splitTarget, type Route } from "./router.ts";
import type { Emulator } from "./types.ts";

/** What dispatch returns for a request the `hang` fault holds: no reply is ever written. */
export const HUNG = Symbol("hung");

function countHung(op: string, body: Record<string, unknown> | undefined, ctx: Ctx): typeof HUNG {
  ctx.counters.op(op);
  const grant = typeof body?.grantType === "string" ? body.grantType : undefined;
  if (grant) ctx.counters.grant(grant === DEVICE_GRANT ? "device_code" : grant);
  ctx.counters.hung();
  return HUNG;
}

export async function dispatch(req: IncomingMessage, ctx: Ctx, emu: Emulator): Promise<Reply | typeof HUNG> {
  const { path, query } = splitTarget(req.url ?? "/");
  const r = route(req.method ?? "GET", path);
  const text = await readBody(req);
  if (r.kind === "control") {
    return control(emu, req.method ?? "GET", r.action, parseJsonObject(text) ?? {});
  }
  if (ctx.opts.latencyMs > 0) await sleep(ctx.opts.latencyMs);
  const op = r.kind === "portal" || r.kind === "oidc" ? r.op : undefined;
  const body = r.kind === "oidc" ? parseJsonObject(text) : undefined;
  if (op && ctx.faults.take(op, body, "before")) return countHung(op, body, ctx);
  const reply = answer(r, req, query, body, ctx);
  const fault = op && reply.status === 200 ? ctx.faults.take(op, body, "after") : undefined;
  if (!fault) return reply;
  ctx.counters.malformed();
  return spoil(reply, fault);
}

function answer(
  r: Route,
  req: IncomingMessage,
  query: URLSearchParams,
  body: Record<string, unknown> | undefined,
  ctx: Ctx,
): Reply {
  switch (r.kind) {
    case "portal":
      return handlePortal(r.op, req, query, ctx);
    case "authorize":
      return authorize(query, ctx);
    case "device":
      return devicePage(query, ctx);
    case "oidc": {
      ctx.counters.op(r.op);
      if (!body) return oidcError("InvalidRequestException", "Request body is not a JSON object");
      if (r.op === "RegisterClient") return registerClient(body, ctx);
      if (r.op === "StartDeviceAuthorization") return startDeviceAuthorization(body, ctx);
      return createToken(body, query, ctx);
    }
    default:
      return {
        status: 404,
        headers: { "x-amzn-ErrorType": "UnknownOperationException" },
        body: { message: `No operation for ${req.method} ${splitTarget(req.url ?? "/").path}` },
      };
  }
}

// Maps a request to an operation by path suffix, so a base path in the endpoint URL and the `//` joint the
// JS SDK produces for a trailing-slash endpoint both work (docs/internals/emulator.md 1, 3.1).
import { CONTROL_PREFIX } from "./control.ts";
import type { PortalOp } from "./portal.ts";

export type Route =
  | { kind: "portal"; op: PortalOp }
  | { kind: "oidc"; op: "RegisterClient" | "StartDeviceAuthorization" | "CreateToken" }
  | { kind: "authorize" }
  | { kind: "device" }
  | { kind: "control"; action: string }
  | { kind: "none" };

const SUFFIXES: Array<[method: string, suffix: string, route: Route]> = [
  ["GET", "/assignment/accounts", { kind: "portal", op: "ListAccounts" }],
  ["GET", "/assignment/roles", { kind: "portal", op: "ListAccountRoles" }],
  ["GET", "/federation/credentials", { kind: "portal", op: "GetRoleCredentials" }],
  ["POST", "/logout", { kind: "portal", op: "Logout" }],
  ["POST", "/client/register", { kind: "oidc", op: "RegisterClient" }],
  ["POST", "/device_authorization", { kind: "oidc", op: "StartDeviceAuthorization" }],
  ["POST", "/token", { kind: "oidc", op: "CreateToken" }],
  ["GET", "/authorize", { kind: "authorize" }],
  ["GET", "/device", { kind: "device" }],
];

/** Splits a raw request target without `new URL`, which would read `//x/y` as host `x`. */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf("?");
  const rawPath = q === -1 ? target : target.slice(0, q);
  const path = rawPath.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
  return { path, query: new URLSearchParams(q === -1 ? "" : target.slice(q + 1)) };
}

export function route(method: string, path: string): Route {
  const c = path.indexOf(CONTROL_PREFIX);
  if (c !== -1) return { kind: "control", action: path.slice(c + CONTROL_PREFIX.length) };
  for (const [m, suffix, r] of SUFFIXES) {
    if (m === method && (path === suffix || path.endsWith(suffix))) return r;
  }
  return { kind: "none" };
}

// Raw-HTTP helpers for the conformance tests: they check the wire exactly, without an SDK in between.
import type { Emulator } from "../../src/emulator/index.ts";

export const START_URL = "https://d-1234567890.awsapps.com/start";
export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export interface RawResponse {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

export async function raw(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const res = await fetch(url, { redirect: "manual", ...init });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON (HTML page, redirect): leave json empty
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** POST a JSON body to an OIDC path. */
export function oidc(emu: Emulator, path: string, body: unknown): Promise<RawResponse> {
  return raw(`${emu.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** GET a portal path with the bearer header the SDKs use. */
export function portal(emu: Emulator, pathAndQuery: string, token?: string): Promise<RawResponse> {
  return raw(`${emu.url}${pathAndQuery}`, {
    headers: token === undefined ? {} : { "x-amz-sso_bearer_token": token },
  });
}

export interface Registration {
  clientId: string;
  clientSecret: string;
}

export async function register(emu: Emulator, scopes?: string[], extra: object = {}): Promise<Registration> {
  const r = await oidc(emu, "/client/register", {
    clientName: "test-client",
    clientType: "public",
    ...(scopes ? { scopes } : {}),
    ...extra,
  });
  if (r.status !== 200) throw new Error(`register failed: ${r.status} ${r.text}`);
  return { clientId: String(r.json.clientId), clientSecret: String(r.json.clientSecret) };
}

export async function startDevice(emu: Emulator, reg: Registration) {
  const r = await oidc(emu, "/device_authorization", { ...reg, startUrl: START_URL });
  if (r.status !== 200) throw new Error(`device_authorization failed: ${r.status} ${r.text}`);
  return { deviceCode: String(r.json.deviceCode), userCode: String(r.json.userCode), body: r.json };
}

export function pollDevice(emu: Emulator, reg: Registration, deviceCode: string): Promise<RawResponse> {
  return oidc(emu, "/token", { ...reg, grantType: DEVICE_GRANT, deviceCode });
}

export function refresh(emu: Emulator, reg: Registration, refreshToken: string): Promise<RawResponse> {
  return oidc(emu, "/token", { ...reg, grantType: "refresh_token", refreshToken });
}

/** A complete device login, approved via approve(); `null` scopes = a legacy (unscoped) registration. */
export async function deviceLogin(emu: Emulator, scopes: string[] | null = ["sso:account:access"]) {
  const reg = await register(emu, scopes ?? undefined);
  const { deviceCode } = await startDevice(emu, reg);
  emu.approve();
  const r = await pollDevice(emu, reg, deviceCode);
  if (r.status !== 200) throw new Error(`device login failed: ${r.status} ${r.text}`);
  return {
    reg,
    accessToken: String(r.json.accessToken),
    refreshToken: r.json.refreshToken as string | undefined,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

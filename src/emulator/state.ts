// The emulator's memory: client registrations, portal sessions, access and refresh tokens, device
// authorizations and PKCE codes. Every credential is an opaque random string (never a JWT).
import { randomBytes, randomInt } from "node:crypto";

const REGISTRATION_TTL_SEC = 7_776_000; // 90 days, as real captures show (docs/internals/oidc.md 2)

export interface Client {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuedAt: number; // epoch s
  expiresAt: number; // epoch s
}

/** One login. Refresh tokens live as long as the session; legacy (unscoped) sessions have none. */
export interface Session {
  id: string;
  clientId: string;
  scoped: boolean;
  expiresAt: number; // epoch ms
}

export interface AccessToken {
  sessionId: string;
  expiresAt: number; // epoch ms
}

export interface DeviceAuth {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAt: number; // epoch ms
  status: "pending" | "approved" | "denied" | "consumed";
  polls: number;
  lastPollAt: number;
  fastPolls: number;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number; // epoch ms
}

export interface Minted {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

function opaque(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString("base64url");
}

const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
function userCode(): string {
  const pick = () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  const half = () => Array.from({ length: 4 }, pick).join("");
  return `${half()}-${half()}`;
}

export class Store {
  readonly clients = new Map<string, Client>();
  readonly sessions = new Map<string, Session>();
  readonly access = new Map<string, AccessToken>();
  readonly refresh = new Map<string, string>(); // refresh token → session id
  readonly devices = new Map<string, DeviceAuth>(); // device code → authorization
  readonly codes = new Map<string, AuthCode>(); // PKCE authorization code → pending grant

  register(meta: Pick<Client, "clientName" | "scopes" | "grantTypes" | "redirectUris">): Client {
    const issuedAt = Math.floor(Date.now() / 1000);
    const client: Client = {
      ...meta,
      clientId: opaque("", 16),
      clientSecret: opaque("", 48),
      issuedAt,
      expiresAt: issuedAt + REGISTRATION_TTL_SEC,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** The registration when id and secret match and it has not expired. */
  authenticate(clientId: string, clientSecret: string): Client | undefined {
    const c = this.clients.get(clientId);
    if (!c || c.clientSecret !== clientSecret || c.expiresAt * 1000 <= Date.now()) return undefined;
    return c;
  }

  /** Starts a session for a client and mints its first tokens. */
  login(client: Client, sessionTtlSec: number, accessTtlSec: number): Minted {
    const session: Session = {
      id: opaque("s", 12),
      clientId: client.clientId,
      scoped: client.scopes.length > 0,
      expiresAt: Date.now() + sessionTtlSec * 1000,
    };
    this.sessions.set(session.id, session);
    return this.mint(session, accessTtlSec);
  }

  /** New access token; a new refresh token too unless `keepRefresh` is given (rotation off). */
  mint(session: Session, accessTtlSec: number, keepRefresh?: string): Minted {
    const accessToken = opaque("aoa", 48);
    this.access.set(accessToken, { sessionId: session.id, expiresAt: Date.now() + accessTtlSec * 1000 });
    const minted: Minted = { accessToken, expiresIn: Math.round(accessTtlSec) };
    if (session.scoped) {
      minted.refreshToken = keepRefresh ?? opaque("aor", 64);
      this.refresh.set(minted.refreshToken, session.id);
    }
    return minted;
  }

  /** The live session behind an access token, or undefined (unknown, expired, logged out, revoked). */
  sessionForAccess(token: string | undefined): Session | undefined {
    const a = token === undefined ? undefined : this.access.get(token);
    if (!a || a.expiresAt <= Date.now()) return undefined;
    return this.sessions.get(a.sessionId);
  }

  /** The live session behind a refresh token for this client, or undefined. */
  sessionForRefresh(token: string, clientId: string): Session | undefined {
    const id = this.refresh.get(token);
    const s = id === undefined ? undefined : this.sessions.get(id);
    if (!s || s.clientId !== clientId || s.expiresAt <= Date.now()) return undefined;
    return s;
  }

  /** Logout ends the whole session: its access and refresh tokens stop working. */
  endSession(id: string): void {
    this.sessions.delete(id);
    for (const [t, a] of this.access) if (a.sessionId === id) this.access.delete(t);
    for (const [t, s] of this.refresh) if (s === id) this.refresh.delete(t);
  }

  revokeAll(): void {
    this.sessions.clear();
    this.access.clear();
    this.refresh.clear();
  }

  startDevice(clientId: string, ttlSec: number): DeviceAuth {
    const d: DeviceAuth = {
      deviceCode: opaque("", 48),
      userCode: userCode(),
      clientId,
      expiresAt: Date.now() + ttlSec * 1000,
      status: "pending",
      polls: 0,
      lastPollAt: 0,
      fastPolls: 0,
    };
    this.devices.set(d.deviceCode, d);
    return d;
  }

  /** Sets the status of pending authorizations (all of them when no user code is given). */
  decide(status: "approved" | "denied", code?: string): number {
    let n = 0;
    for (const d of this.devices.values()) {
      if (d.status !== "pending" || (code !== undefined && d.userCode !== code.toUpperCase())) continue;
      d.status = status;
      n++;
    }
    return n;
  }
}

// Secrets never reach a log line, an error message or a snapshot. Two nets: field names that always hold
// secrets, and a registry of secret values (every token we load or receive is registered), scrubbed from
// any string on its way out.

const SECRET_KEYS = new Set(
  [
    "accessToken",
    "refreshToken",
    "clientSecret",
    "deviceCode",
    "code",
    "codeVerifier",
    "secretAccessKey",
    "sessionToken",
    "idToken",
    "x-amz-sso_bearer_token",
    "authorization",
  ].map((k) => k.toLowerCase()),
);

const MASK = "[REDACTED]";
const secrets = new Set<string>();

/** Registers a secret value; short values are ignored so we never mask ordinary words. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8) secrets.add(value);
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

export function redactString(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/** Deep copy with secret fields masked and registered secrets scrubbed from strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null ? MASK : redact(v, depth + 1);
  }
  return out;
}

// The slice of a configured session that authentication needs. Structurally a Pick of the config
// module's SessionConfig, so any SessionConfig can be passed where an AuthSession is expected.

export type LoginFlow = "auto" | "device-code" | "pkce";

export interface AuthSession {
  /** sso-session name; the token cache file is sha1(name).json (docs/internals/token-cache.md 1). */
  name: string;
  startUrl: string;
  /** The Identity Center (OIDC) region. */
  region: string;
  scopes: readonly string[];
  flow: LoginFlow;
}

/** Options shared by every cache-touching function; tests pass their own env (HOME). */
export interface EnvOptions {
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

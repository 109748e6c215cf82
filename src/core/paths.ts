// Every path the tool touches is derived here from the environment (HOME, XDG_*, AWS_CONFIG_FILE), so a
// test can run the whole program in a temporary home by setting HOME.
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export type Env = Readonly<Record<string, string | undefined>>;

export function homeDir(env: Env = process.env): string {
  // Same order as the JS SDK (docs/internals/token-cache.md 1): HOME first, so that botocore and we agree.
  return env.HOME || env.USERPROFILE || homedir();
}

/** Expands a leading `~/` against $HOME. */
export function expandHome(p: string, env: Env = process.env): string {
  if (p === "~") return homeDir(env);
  if (p.startsWith("~/")) return join(homeDir(env), p.slice(2));
  return p;
}

export function xdgConfigHome(env: Env = process.env): string {
  return env.XDG_CONFIG_HOME || join(homeDir(env), ".config");
}

function xdgStateHome(env: Env = process.env): string {
  return env.XDG_STATE_HOME || join(homeDir(env), ".local", "state");
}

/** Config file: --config, then AWS_SSO_SYNC_CONFIG, then $XDG_CONFIG_HOME/aws-sso-sync/config.yaml. */
export function configFile(flag: string | undefined, env: Env = process.env): string {
  if (flag) return resolve(expandHome(flag, env));
  if (env.AWS_SSO_SYNC_CONFIG) return resolve(expandHome(env.AWS_SSO_SYNC_CONFIG, env));
  return join(xdgConfigHome(env), "aws-sso-sync", "config.yaml");
}

/**
 * A short, stable id for a config file path: names the files kept per config (daemon lock and state,
 * output records), so two configs never share them.
 */
export function configId(configFile: string): string {
  return shortHash(configFile, 12);
}

/** The first `length` hex digits of the sha1 of `text`: an id for a file name, not a secret. */
export function shortHash(text: string, length: number): string {
  return createHash("sha1").update(text, "utf8").digest("hex").slice(0, length);
}

/** State directory: last good model, daemon state, logs, backups. */
export function stateDir(env: Env = process.env): string {
  return env.AWS_SSO_SYNC_STATE_DIR || join(xdgStateHome(env), "aws-sso-sync");
}

/** The AWS config file, honouring AWS_CONFIG_FILE like every AWS tool. */
export function awsConfigFile(env: Env = process.env): string {
  return env.AWS_CONFIG_FILE
    ? resolve(expandHome(env.AWS_CONFIG_FILE, env))
    : join(homeDir(env), ".aws", "config");
}

/** The shared credentials file, as the SDKs find it: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function awsCredentialsFile(env: Env = process.env): string {
  const set = env.AWS_SHARED_CREDENTIALS_FILE;
  return set ? resolve(expandHome(set, env)) : join(homeDir(env), ".aws", "credentials");
}

/** The shared SSO token cache. Not moved by AWS_CONFIG_FILE (docs/internals/token-cache.md 1). */
export function ssoCacheDir(env: Env = process.env): string {
  return join(homeDir(env), ".aws", "sso", "cache");
}

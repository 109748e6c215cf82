// Every setting an SSO or OIDC client would otherwise load from the environment and the shared files,
// resolved once, by the SDK's own order, and handed to the client explicitly so it never parses
// ~/.aws/config itself (docs/internals/sdk-settings.md). The endpoint still comes from the standard
// places (AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL, `[services]`, `endpoint_url`), exactly as every other
// AWS tool on the machine finds it; we only do the looking up.
import { log } from "../log/logger.ts";
import type { Env } from "../paths.ts";
import { readSharedConfig, type SharedConfigView } from "./shared-config.ts";

/** The SDK's serviceId of each client: it names the env variable and the `[services]` key. */
export type SdkServiceId = "SSO" | "SSO OIDC";

export interface ClientSettings {
  /** Set only when configured; otherwise the SDK derives the AWS endpoint from the region. */
  endpoint?: string;
  /** We looked already: the SDK must not look again (that look is the full parse we avoid). */
  ignoreConfiguredEndpointUrls: true;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** A provider, because an absent value would send the SDK to the files to look for one. */
  userAgentAppId: () => Promise<string | undefined>;
  /** The OIDC client's attempts (AWS_MAX_ATTEMPTS, max_attempts, else the SDK's 3); the portal sets 1. */
  maxAttempts: number;
  // Fixed, not read: retries are call.ts's and oidc-call.ts's (maxAttempts is set by the callers), and
  // the portal and OIDC operations have one auth scheme each, so these would change nothing but the cost.
  retryMode: "standard";
  defaultsMode: "legacy";
  authSchemePreference: string[];
}

/**
 * Where a value the SDK cannot use is ignored: it falls back to the next place or the default (its
 * loader turns the selector's error into "not found here"), and so do we; `problems` says so once.
 */
class Reader {
  readonly problems: string[] = [];
  constructor(
    readonly env: Env,
    readonly view: SharedConfigView,
  ) {}

  private where(key: string): string {
    return `${key} in profile "${this.view.profileName}" of ${this.view.configPath} (or the credentials file)`;
  }

  private parse<T>(
    value: string | undefined,
    where: string,
    read: (v: string) => T | undefined,
    want: string,
  ) {
    if (value === undefined) return undefined;
    const out = read(value);
    if (out === undefined)
      this.problems.push(`${where} is "${value}", not ${want}: ignored, as the AWS SDK does`);
    return out;
  }

  /** The SDK's booleanSelector: present means `true` or `false` exactly. */
  private bool(value: string | undefined, where: string): boolean | undefined {
    return this.parse(
      value,
      where,
      (v) => (v === "true" ? true : v === "false" ? false : undefined),
      '"true" or "false"',
    );
  }

  /** Env first (present counts, even empty), then the profile. */
  flag(envName: string, key: string): boolean | undefined {
    const fromEnv = envName in this.env ? this.bool(this.env[envName], envName) : undefined;
    return fromEnv ?? this.bool(this.view.profile[key], this.where(key));
  }

  /** The SDK's max_attempts rule: a leading integer (parseInt); an empty value counts as absent. */
  attempts(): number | undefined {
    const read = (v: string) => {
      const n = Number.parseInt(v, 10);
      return Number.isNaN(n) ? undefined : n;
    };
    const fromEnv = this.env.AWS_MAX_ATTEMPTS || undefined;
    const profile = this.view.profile.max_attempts || undefined;
    return (
      this.parse(fromEnv, "AWS_MAX_ATTEMPTS", read, "a whole number") ??
      this.parse(profile, this.where("max_attempts"), read, "a whole number")
    );
  }

  /** The configured endpoint, in the SDK's order (sdk-settings.md 3). */
  endpoint(serviceId: SdkServiceId): string | undefined {
    const { env, view } = this;
    if (this.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls")) return undefined;
    const envName = ["AWS_ENDPOINT_URL", ...serviceId.split(" ").map((w) => w.toUpperCase())].join("_");
    const fromEnv = env[envName] || env.AWS_ENDPOINT_URL;
    if (fromEnv) return fromEnv;
    const servicesName = view.profile.services;
    if (servicesName !== undefined) {
      const section = view.services.get(servicesName);
      // The SDK ignores the profile's endpoint_url too in this case, and calls AWS's own endpoint.
      if (!section) {
        this.problems.push(
          `profile "${view.profileName}" of ${view.configPath} names services "${servicesName}" and there is no [services ${servicesName}] section: ignored, as the AWS SDK does`,
        );
        return undefined;
      }
      const url =
        section[
          `${serviceId
            .split(" ")
            .map((w) => w.toLowerCase())
            .join("_")}.endpoint_url`
        ];
      if (url) return url;
    }
    return view.profile.endpoint_url || undefined;
  }
}

/** The settings, and what in the shared files could not be used (for a warning). */
export async function readClientSettings(
  serviceId: SdkServiceId,
  env: Env,
): Promise<{ settings: ClientSettings; problems: string[] }> {
  const view = await readSharedConfig(env);
  const r = new Reader(env, view);
  const endpoint = r.endpoint(serviceId);
  const appId = env.AWS_SDK_UA_APP_ID ?? view.profile.sdk_ua_app_id ?? view.profile["sdk-ua-app-id"];
  const settings: ClientSettings = {
    ...(endpoint !== undefined ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: r.flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint") ?? false,
    useDualstackEndpoint: r.flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint") ?? false,
    userAgentAppId: () => Promise.resolve(appId),
    maxAttempts: r.attempts() ?? 3,
    retryMode: "standard",
    defaultsMode: "legacy",
    authSchemePreference: [],
  };
  return { settings, problems: [...new Set(r.problems)] };
}

// One warning per distinct problem per process: the daemon builds clients every cycle.
const warned = new Set<string>();

export async function clientSettings(serviceId: SdkServiceId, env: Env): Promise<ClientSettings> {
  const { settings, problems } = await readClientSettings(serviceId, env);
  for (const p of problems) {
    if (warned.has(p)) continue;
    warned.add(p);
    log().warn("sdk setting ignored", { service: serviceId, detail: p });
  }
  return settings;
}

// The auth module's public face: login, the shared token cache, refresh, freshness and status.
export type { AuthSession, LoginFlow } from "./session.ts";
export { login, type LoginOptions, type LoginResult } from "./login.ts";
export { getValidToken, type ValidTokenOptions } from "./token.ts";
export { refreshToken, type FreshToken, type RefreshOptions } from "./refresh.ts";
export {
  judge,
  refreshBlocker,
  unusableReason,
  usableAsIs,
  windows,
  type FreshnessPolicy,
} from "./freshness.ts";
export { sessionStatus, type SessionStatus } from "./session-status.ts";
export {
  readTokenCache,
  tokenCachePath,
  writeTokenCache,
  type CachedToken,
  type TokenCacheRead,
} from "./cache.ts";
export { keepLegacyTokens } from "./legacy.ts";
export { describeWriter, type TokenWriter } from "./shapes.ts";
export { writeBackComplete } from "./complete.ts";
export { registrationCachePath, registrationKey, type FlowKind } from "./registration.ts";
export { canOpenBrowser, chooseFlow, openBrowser } from "./browser.ts";
export { oidcTimeouts, type OidcTimeouts } from "./oidc-call.ts";
export { LoginCancelledError, LoginFailedError, type FlowIo } from "./flow.ts";

// The auth module's public face: login, the shared token cache, refresh, freshness and status.
export type { AuthSession } from "./session.ts";
export { login } from "./login.ts";
export { getValidToken } from "./token.ts";
export { refreshToken, type FreshToken } from "./refresh.ts";
export { judge, unusableReason, usableAsIs, windows, type FreshnessPolicy } from "./freshness.ts";
export { sessionStatus, type SessionStatus } from "./session-status.ts";
export { readTokenCache, tokenCachePath, writeTokenCache, type TokenCacheRead } from "./cache.ts";
export { keepLegacyTokens } from "./legacy.ts";
export { describeWriter } from "./shapes.ts";
export { writeBackComplete } from "./complete.ts";
export { registrationCachePath } from "./registration.ts";
export { canOpenBrowser, chooseFlow, openBrowser } from "./browser.ts";
export { oidcTimeouts, type OidcTimeouts } from "./oidc-call.ts";
export { LoginCancelledError, LoginFailedError } from "./flow.ts";

// Public types of the IAM Identity Center emulator (docs/internals/emulator.md 3). The emulator is a real
// HTTP server on 127.0.0.1 that the JS SDK, botocore and the AWS CLI talk to; these types are its knobs.

export interface OrgAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface Org {
  accounts: OrgAccount[];
}

/** Device authorizations are approved after N pending polls, only by approve(), or always denied. */
export type Approval = { autoAfterPolls: number } | "manual" | "deny";

export interface RateLimit {
  /** Tokens added to the bucket per second. */
  perSecond: number;
  /** Bucket size; defaults to perSecond (at least 1). */
  burst?: number;
}

export interface EmulatorOptions {
  org: Org;
  /** Default 0 (ephemeral). The host is always 127.0.0.1. */
  port?: number;
  /** Added to every request (not to the /_emulator/ control API). */
  latencyMs?: number;
  /** Token bucket on portal operations; an empty bucket answers 429 TooManyRequestsException. */
  rateLimit?: RateLimit | null;
  /** 0..1 share of portal operations that answer 500 InternalServerException (seeded by `seed`). */
  errorRate?: number;
  seed?: number;
  /** Every list operation first answers an empty page that still carries a nextToken. */
  emptyPages?: boolean;
  /** Page size when max_result is omitted. Default 20. */
  defaultPageSize?: number;
  /** Access-token lifetime. Default 3600. */
  accessTokenTtlSec?: number;
  /** Portal session length; after it a refresh answers invalid_grant. Default 8 h. */
  refreshTokenTtlSec?: number;
  /** Default true: each refresh returns a new refresh token and invalidates the old one. */
  rotateRefreshTokens?: boolean;
  /** Default 600. */
  deviceCodeTtlSec?: number;
  /** Default 1. */
  deviceInterval?: number;
  /** Default { autoAfterPolls: 2 }. */
  approval?: Approval;
  /** GetRoleCredentials lifetime. Default 3600. */
  credentialsTtlSec?: number;
  /** Account ids whose ListAccountRoles always answers 500. */
  failRolesFor?: string[];
  /** Wrong answers to chosen operations: `200 {}`, a body missing a member, or no answer at all. */
  answerFaults?: AnswerFault[];
}

/** Every operation a fault can target. */
export type FaultOp =
  | "ListAccounts"
  | "ListAccountRoles"
  | "GetRoleCredentials"
  | "RegisterClient"
  | "StartDeviceAuthorization"
  | "CreateToken";

export interface AnswerFault {
  op: FaultOp;
  /** CreateToken only: just this grant (`device_code`, `refresh_token`, `authorization_code`). */
  grant?: "device_code" | "refresh_token" | "authorization_code";
  /**
   * `empty`: 200 with `{}` instead of a success body. `drop`: the success body without `member` (a path
   * such as `accountList.0.accountId`). `hang`: the request is read and never answered; the socket stays
   * open until the client gives up or the emulator closes. `empty` and `drop` replace only answers that
   * would have been 200; `hang` comes before anything else, so the hung request changes no state.
   */
  answer: "empty" | "drop" | "hang";
  member?: string;
  /** How many matching requests get the fault; absent: every one. */
  times?: number;
}

/** The options with every default filled in (what the emulator actually runs with). */
export type ResolvedOptions = Required<Omit<EmulatorOptions, "rateLimit">> & { rateLimit: RateLimit | null };

export interface EmulatorCounters {
  /** ListAccounts, ListAccountRoles, GetRoleCredentials, Logout, RegisterClient, StartDeviceAuthorization, CreateToken, Authorize. */
  ops: Record<string, number>;
  /** CreateToken requests by grant: device_code, refresh_token, authorization_code. */
  grants: Record<string, number>;
  /** Responses by HTTP status ("200", "429", ...). */
  statuses: Record<string, number>;
  throttled: number;
  /** Throttled (429) portal requests by operation: whose calls the shared bucket turned away. */
  throttledOps: Record<string, number>;
  /** Portal operations in the order they arrived (the first 10,000), throttled ones included. */
  portalOrder: string[];
  /** Requests held open by an `answerFaults` hang (still open or dropped by the client). */
  hung: number;
  /** Answers replaced by an `answerFaults` empty or drop. */
  malformed: number;
  peakConcurrency: number;
  requests: number;
}

export interface IssuedToken {
  accessToken: string;
  refreshToken?: string;
  clientId: string;
  clientSecret: string;
  /** Seconds. */
  expiresIn: number;
  /** The registration's clientSecretExpiresAt, epoch seconds. */
  registrationExpiresAt: number;
}

export interface Emulator {
  /** http://127.0.0.1:PORT — portal, OIDC and /authorize on one port. */
  url: string;
  /** The current options (reflects configure()). */
  options: Readonly<EmulatorOptions>;
  close(): Promise<void>;
  configure(patch: Partial<EmulatorOptions>): void;
  setOrg(org: Org): void;
  /** Approves pending device authorizations (all when no code); returns how many it decided. */
  approve(userCode?: string): number;
  deny(userCode?: string): number;
  /** Every access and refresh token becomes invalid (401 / invalid_grant). */
  revokeAll(): void;
  counters(): EmulatorCounters;
  resetCounters(): void;
  /** Registers a client and mints a token without a flow. Scopes default to ["sso:account:access"]; [] = legacy. */
  issueToken(opts?: { scopes?: string[]; ttlSec?: number }): IssuedToken;
}

// Portal API (`sso`, docs/internals/portal-api.md 2-5): ListAccounts, ListAccountRoles, GetRoleCredentials,
// Logout.
// The bearer comes from `x-amz-sso_bearer_token`; query order never matters (URLSearchParams).
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Ctx } from "./context.ts";
import { ok, portalError, type Reply } from "./http.ts";
import { isReply, paginate } from "./paging.ts";

export type PortalOp = "ListAccounts" | "ListAccountRoles" | "GetRoleCredentials" | "Logout";

const UNAUTHORIZED_MESSAGE = "Session token not found or invalid";

function upperAlnum(n: number): string {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(randomBytes(n), (b) => abc[b % abc.length]).join("");
}

/** Throttling and injected faults come first, like a front door that never looks at the token. */
function faults(op: PortalOp, ctx: Ctx): Reply | undefined {
  if (ctx.bucket && !ctx.bucket.take()) {
    ctx.counters.throttled(op);
    return portalError("TooManyRequestsException", "HTTP 429 Unknown Code");
  }
  if (ctx.opts.errorRate > 0 && ctx.random() < ctx.opts.errorRate) {
    return portalError("InternalServerException", `Injected failure in ${op}`);
  }
  return undefined;
}

export function handlePortal(op: PortalOp, req: IncomingMessage, query: URLSearchParams, ctx: Ctx): Reply {
  ctx.counters.op(op);
  ctx.counters.portal(op);
  const fault = faults(op, ctx);
  if (fault) return fault;
  const header = req.headers["x-amz-sso_bearer_token"];
  const bearer = typeof header === "string" ? header : undefined;
  const session = ctx.store.sessionForAccess(bearer);
  if (!session) return portalError("UnauthorizedException", UNAUTHORIZED_MESSAGE);
  const accounts = ctx.opts.org.accounts;

  switch (op) {
    case "ListAccounts": {
      const r = paginate(accounts, query, "accounts", ctx);
      if (isReply(r)) return r;
      const accountList = r.page.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      }));
      return ok({ accountList, ...(r.nextToken ? { nextToken: r.nextToken } : {}) });
    }
    case "ListAccountRoles": {
      const accountId = query.get("account_id");
      if (!accountId) return portalError("InvalidRequestException", "account_id is required");
      if (ctx.opts.failRolesFor.includes(accountId)) {
        return portalError("InternalServerException", "Injected failure in ListAccountRoles");
      }
      const account = accounts.find((a) => a.accountId === accountId);
      if (!account) return portalError("ResourceNotFoundException", "Could not find account");
      const r = paginate(account.roles, query, `roles:${accountId}`, ctx);
      if (isReply(r)) return r;
      const roleList = r.page.map((roleName) => ({ roleName, accountId }));
      return ok({ roleList, ...(r.nextToken ? { nextToken: r.nextToken } : {}) });
    }
    case "GetRoleCredentials": {
      const accountId = query.get("account_id");
      const roleName = query.get("role_name");
      if (!accountId || !roleName) {
        return portalError("InvalidRequestException", "account_id and role_name are required");
      }
      const account = accounts.find((a) => a.accountId === accountId);
      if (!account?.roles.includes(roleName)) return portalError("ResourceNotFoundException", "No access");
      return ok({
        roleCredentials: {
          accessKeyId: `ASIA${upperAlnum(16)}`,
          secretAccessKey: randomBytes(30).toString("base64"),
          sessionToken: randomBytes(120).toString("base64"),
          // Epoch milliseconds: sending seconds makes both SDKs think the credentials expired in 1970.
          expiration: Date.now() + Math.round(ctx.opts.credentialsTtlSec * 1000),
        },
      });
    }
    case "Logout":
      ctx.store.endSession(session.id);
      return { status: 200 };
  }
}

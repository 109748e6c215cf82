// The loopback redirect target of the PKCE flow: 127.0.0.1 on a free port, one path, a small HTML answer.
// It resolves with the first request that carries `code` or `error` and the login's own `state`; other
// requests (favicon) get a 404. A callback with a missing or wrong state is answered 400 and ignored, so
// another local process (or a stale browser tab) cannot end or cancel the login by calling it first.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LoginCancelledError, LoginFailedError } from "./flow.ts";

const CALLBACK_PATH = "/oauth/callback";

type CallbackResult = { code: string; state: string } | { error: string; state: string };

export interface CallbackServer {
  /** http://127.0.0.1:PORT/oauth/callback — sent as redirect_uri to /authorize and to CreateToken. */
  redirectUri: string;
  /** Settles once: the callback, a timeout, or an abort. */
  result: Promise<CallbackResult>;
  close(): Promise<void>;
}

const page = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

export async function startCallbackServer(opts: {
  /** The `state` sent to /authorize: only a callback carrying it settles the result. */
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<CallbackServer> {
  let settle!: (r: CallbackResult | Error) => void;
  const result = new Promise<CallbackResult>((resolve, reject) => {
    settle = (r) => (r instanceof Error ? reject(r) : resolve(r));
  });
  // close() may settle the promise before anyone awaits it; that must not be an unhandled rejection.
  result.catch(() => undefined);
  let done = false;
  const finish = (r: CallbackResult | Error) => {
    if (done) return;
    done = true;
    settle(r);
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const q = url.searchParams;
    const code = q.get("code");
    const error = q.get("error");
    if (url.pathname !== CALLBACK_PATH || (!code && !error)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (q.get("state") !== opts.state) {
      res
        .writeHead(400, { "content-type": "text/html; charset=utf-8", connection: "close" })
        .end(
          page("Not this sign-in", "This link does not belong to the sign-in aws-sso-sync is waiting for."),
        );
      return;
    }
    const ok = !!code && !error;
    const html = ok
      ? page("Signed in", "aws-sso-sync received the sign-in. You can close this window.")
      : page("Sign-in failed", "aws-sso-sync did not get permission. You can close this window.");
    res
      .writeHead(ok ? 200 : 400, { "content-type": "text/html; charset=utf-8", connection: "close" })
      .end(html);
    const state = opts.state;
    finish(ok ? { code: code as string, state } : { error: error ?? "unknown", state });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => {
    const min = Math.round(opts.timeoutMs / 60_000);
    finish(
      new LoginFailedError(
        `no sign-in arrived at the loopback callback within ${min || "<1"} min`,
        "run login again, or use --device-code",
      ),
    );
  }, opts.timeoutMs);
  const onAbort = () => finish(new LoginCancelledError());
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const close = async () => {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
    finish(new LoginCancelledError());
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, result, close };
}

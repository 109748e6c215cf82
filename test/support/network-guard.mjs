// Loaded into every test process and every node child it starts (NODE_OPTIONS, set by
// scripts/run-tests.mjs): a test may only resolve or connect to loopback. Anything else is a bug that
// would call real AWS where a network exists, so it fails loudly: the call errors and, because code under
// test may swallow network errors (the daemon retries them), the process also gets an uncaught exception.
import dns from "node:dns";
import net from "node:net";

// Lets a test check that the guard is in place before it tries anything that would otherwise leave the machine.
globalThis[Symbol.for("aws-sso-sync.network-guard")] = { isLoopback };

const LOOPBACK_NAMES = new Set(["localhost", "localhost.", "ip6-localhost"]);

function isLoopback(host) {
  if (host === undefined || host === null || host === "") return true; // node's default: localhost
  const h = String(host)
    .replace(/^\[|\]$/g, "")
    .toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  if (net.isIPv6(h)) return h === "::1" || /^::ffff:127\./.test(h);
  return false;
}

function violation(what, host) {
  const err = new Error(`network guard: a test tried to ${what} ${host}; tests may only reach loopback`);
  err.code = "ENETUNREACH";
  globalThis.setImmediate(() => {
    throw err;
  });
  return err;
}

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (!isLoopback(hostname)) {
    const cb = rest.find((a) => typeof a === "function");
    const err = violation("resolve", hostname);
    if (cb) process.nextTick(cb, err);
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};
const promiseLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromiseLookup(hostname, ...rest) {
  if (!isLoopback(hostname)) return Promise.reject(violation("resolve", hostname));
  return promiseLookup.call(this, hostname, ...rest);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const opts = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  // A unix socket has a path and neither host nor port; http passes `path: null` for TCP.
  const unixSocket = typeof opts.path === "string" && opts.host == null && opts.port == null;
  if (!unixSocket && !isLoopback(typeof opts.host === "string" ? opts.host : undefined)) {
    const err = violation("connect to", opts.host);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { canOpenBrowser, chooseFlow } from "./browser.ts";

describe("browser detection and flow choice", () => {
  test("Linux needs DISPLAY or WAYLAND_DISPLAY; macOS and Windows always; never over SSH", () => {
    assert.equal(canOpenBrowser({}, "linux"), false);
    assert.equal(canOpenBrowser({ DISPLAY: ":0" }, "linux"), true);
    assert.equal(canOpenBrowser({ WAYLAND_DISPLAY: "wayland-0" }, "linux"), true);
    assert.equal(canOpenBrowser({}, "darwin"), true);
    assert.equal(canOpenBrowser({}, "win32"), true);
    assert.equal(canOpenBrowser({ DISPLAY: ":0", SSH_CONNECTION: "1.2.3.4 5 6.7.8.9 22" }, "linux"), false);
    assert.equal(canOpenBrowser({ SSH_TTY: "/dev/pts/1" }, "darwin"), false);
  });

  test("auto picks PKCE only with a browser; config and flags override", () => {
    assert.equal(chooseFlow("auto", {}, { DISPLAY: ":0" }, "linux"), "pkce");
    assert.equal(chooseFlow("auto", {}, {}, "linux"), "device-code");
    assert.equal(chooseFlow("pkce", {}, {}, "linux"), "pkce");
    assert.equal(chooseFlow("device-code", {}, {}, "darwin"), "device-code");
    assert.equal(chooseFlow("pkce", { deviceCode: true }, {}, "darwin"), "device-code");
    assert.equal(chooseFlow("device-code", { pkce: true }, {}, "linux"), "pkce");
  });
});

#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (npm ci / npm install build it through "prepare").
import "../dist/cli/main.js";

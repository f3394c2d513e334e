import { defineConfig } from "@playwright/test";
import { e2eEnv, E2E_PORT, OAUTH_TEST_ISSUER, OIDC_TEST_ISSUER } from "./e2e/support/env";

// Debian's Chromium, never a downloaded browser: CHROMIUM_PATH overrides the default path.
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  // `npm run screenshots` runs the *.shot.ts files that refresh the README's pictures instead.
  testMatch: process.env.README_SCREENSHOTS ? "**/*.shot.ts" : "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // Started in order: the test OpenID provider (single sign-on), the OAuth provider (connections), then the app.
  webServer: [
    {
      command: "node --import tsx e2e/support/oidc-server-cli.ts",
      url: `${OIDC_TEST_ISSUER}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node --import tsx e2e/support/oauth-provider-cli.ts",
      url: `${OAUTH_TEST_ISSUER}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node --import tsx e2e/support/start-app.ts",
      url: `http://localhost:${E2E_PORT}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: e2eEnv(),
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});

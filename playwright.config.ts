import { defineConfig, type Project } from "@playwright/test";
import { APP_URL_INSTANCE, appUrlEnv, DEFAULT_ORIGINS, e2eEnv, OAUTH_TEST_ISSUER, OIDC_TEST_ISSUER } from "./e2e/support/env";

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
    baseURL: DEFAULT_ORIGINS.localhost,
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
  // Every journey runs on README's default start (no APP_URL) at localhost; the OAuth journeys
  // again at 127.0.0.1, after the rest (one worker runs projects in this order, and the first-run
  // journey needs the empty installation); the app-url project runs against a second instance
  // whose APP_URL names another host than the one browsed.
  projects: ([{ name: "chromium", use: { browserName: "chromium" }, testIgnore: ["**/11-app-url.spec.ts"] }] as Project[]).concat(
    process.env.README_SCREENSHOTS
      ? []
      : [
          {
            name: "chromium-127.0.0.1",
            use: { browserName: "chromium", baseURL: DEFAULT_ORIGINS.loopback },
            testMatch: ["**/05-oauth.spec.ts", "**/05b-oauth-custom-app.spec.ts"],
          },
          { name: "chromium-app-url", use: { browserName: "chromium", baseURL: APP_URL_INSTANCE.browsed }, testMatch: "**/11-app-url.spec.ts" },
        ],
  ),
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
      url: `${DEFAULT_ORIGINS.localhost}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: e2eEnv(),
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node --import tsx e2e/support/start-app.ts",
      url: `${APP_URL_INSTANCE.browsed}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: appUrlEnv(),
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});

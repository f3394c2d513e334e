import { startOidcServer } from "../../tests/support/oidc-server";
import { DEFAULT_ORIGINS, OIDC_TEST } from "./env";

/** Runs the test identity provider for Playwright's webServer until it is told to stop. */
const server = await startOidcServer({
  port: OIDC_TEST.port,
  clients: [
    {
      client_id: OIDC_TEST.clientId,
      client_secret: OIDC_TEST.clientSecret,
      redirect_uris: Object.values(DEFAULT_ORIGINS).map((origin) => `${origin}/api/auth/callback/oidc`),
      grant_types: ["authorization_code", "refresh_token"],
      scope: "openid email profile offline_access",
    },
  ],
  accounts: [OIDC_TEST.account],
});
console.log(`test OpenID provider at ${server.issuer}`);

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

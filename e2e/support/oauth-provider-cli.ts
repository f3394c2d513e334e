import { startOidcServer } from "../../tests/support/oidc-server";
import { APP_ORIGINS, OAUTH_TEST } from "./env";

/** Runs the OAuth provider OAuth2 connections authorize against, for Playwright's webServer. */
const redirectUris = APP_ORIGINS.map((origin) => `${origin}/api/oauth/callback`);
const client = (c: { id: string; secret: string }) => ({
  client_id: c.id,
  client_secret: c.secret,
  redirect_uris: redirectUris,
  grant_types: ["authorization_code", "refresh_token"],
  scope: OAUTH_TEST.scopes.join(" "),
});
const server = await startOidcServer({
  port: OAUTH_TEST.port,
  clients: [client(OAUTH_TEST.defaultClient), client(OAUTH_TEST.adminClient), client(OAUTH_TEST.customClient)],
  accounts: [OAUTH_TEST.account],
  scopes: OAUTH_TEST.scopes,
  rotateRefreshTokens: true,
  accessTokenTtlByClient: { [OAUTH_TEST.customClient.id]: OAUTH_TEST.customClient.accessTokenSeconds },
});
console.log(`test OAuth provider at ${server.issuer}`);

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

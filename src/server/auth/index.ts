import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { getEnv } from "@/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { isHttpsOrigin } from "@/server/http/same-origin";
import { getDb } from "@/server/db/client";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";
import { isSetupComplete } from "@/server/setup/get-setup-state";
import { CLIENT_ADDRESS_HEADER, UNKNOWN_ADDRESS } from "@/server/http/client-address";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { sessionUserFromToken, upsertOidcUser } from "@/server/users/authenticate";
import { signInWithPassword } from "@/server/users/sign-in-with-password";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
}

export const OIDC_PROVIDER_ID = "oidc";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

class AccountDisabled extends CredentialsSignin {
  override code = "account_disabled";
}

/** Too many failures for the account or the address: `retryAfterSeconds` reaches the form. */
export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

type UserWithVersion = { sessionVersion?: number };

export function oidcConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

function providers(): Provider[] {
  const env = getEnv();
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail" }, password: { label: "Password", type: "password" } },
      authorize: async (raw, request) => {
        const address = request.headers.get(CLIENT_ADDRESS_HEADER) || UNKNOWN_ADDRESS;
        const result = await signInWithPassword({ ctx: { db: await getDb() }, input: { email: raw?.email, password: raw?.password, address } });
        if (result.ok) {
          const { user } = result;
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } as { id: string; email: string; name: string };
        }
        if (result.reason === "locked") throw new SignInThrottled(result.retryAfterSeconds);
        if (result.reason === "disabled") throw new AccountDisabled();
        throw new InvalidCredentials();
      },
    }),
  ];
  if (oidcConfigured()) {
    list.push({
      id: OIDC_PROVIDER_ID,
      name: env.OIDC_NAME,
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  return list;
}

// Lazy: the secret and providers are resolved per request, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: resolveAuthSecret(),
  trustHost: true,
  // Behind a TLS-terminating proxy the request looks like http: APP_URL says what users see.
  ...(isHttpsOrigin() ? { useSecureCookies: true } : {}),
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  logger: {
    error: (error) => console.error(`auth: ${error.name}: ${error.message}`),
    warn: () => {},
    debug: () => {},
  },
  callbacks: {
    // Every redirect next-auth makes (after sign-in, OIDC's stored callbackUrl, sign-out) goes
    // through the same guard as the sign-in form: a path in this app, or the home page.
    redirect({ url, baseUrl }) {
      const path = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
      return `${baseUrl}${safeRedirectPath(path)}`;
    },
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const db = await getDb();
      if (!(await isSetupComplete(db))) return false;
      const subject = String(profile?.sub ?? account.providerAccountId ?? "");
      const email = String(profile?.email ?? user.email ?? "");
      if (!subject || !email) return false;
      const linked = await upsertOidcUser(db, {
        provider: OIDC_PROVIDER_ID,
        subject,
        email,
        name: (profile?.name as string | undefined) ?? user.name,
        emailVerified: profile?.email_verified === true,
      });
      if (!linked || linked.disabled) return false;
      (user as UserWithVersion).sessionVersion = linked.sessionVersion;
      user.id = linked.id;
      user.email = linked.email;
      user.name = linked.name;
      return true;
    },
    // Runs at sign-in and on next-auth's own session endpoint (the app's doors read the session
    // through sessionUser, src/server/authz/who-is-asking.ts, with the same check): a token whose
    // account was disabled or whose session version is behind (sign-out, password change,
    // disable) is dropped with its cookie.
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = (user as UserWithVersion).sessionVersion ?? 0;
        return token;
      }
      try {
        return (await sessionUserFromToken(await getDb(), { uid: token.uid, sv: token.sv })) ? token : null;
      } catch (err) {
        // The database is unreachable: keep the cookie rather than sign the person out on a blip.
        if (isDatabaseUnavailable(err)) return token;
        throw err;
      }
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));
export { readSessionToken } from "./session-token";

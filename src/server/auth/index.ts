import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { getEnv } from "@/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { isHttpsOrigin } from "@/server/http/same-origin";
import { getDb } from "@/server/db/client";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";
import { isSetupComplete } from "@/server/setup/get-setup-state";
import { authenticateWithPassword, upsertOidcUser } from "@/server/users/authenticate";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
}

export const OIDC_PROVIDER_ID = "oidc";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

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
      authorize: async (raw) => {
        const user = await authenticateWithPassword(await getDb(), raw);
        if (!user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name };
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
      if (!linked) return false;
      user.id = linked.id;
      user.email = linked.email;
      user.name = linked.name;
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));

/**
 * Drives an authorization URL through the test provider's real login and consent pages with plain
 * HTTP (a cookie jar and manual redirects), the way a browser would, and stops at the redirect to
 * our callback. No browser needed for integration tests.
 */
export interface ProviderLogin {
  username: string;
  password: string;
  /** What to click on the consent page (default "allow"). */
  decision?: "allow" | "deny";
}

/** Cookies per run; share one across authorizations to stay signed in at the provider, like a browser. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Returns the callback URL the provider redirected to (with code/state, or error/state). */
export async function authorizeAtProvider(authorizeUrl: string, redirectUri: string, login: ProviderLogin, jar = new CookieJar()): Promise<URL> {
  const request = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.store(res);
    return res;
  };

  let url = authorizeUrl;
  let res = await request(url);
  for (let hops = 0; hops < 20; hops++) {
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.toString().startsWith(redirectUri)) return next;
      url = next.toString();
      res = await request(url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const action = pickForm(html, login.decision ?? "allow");
    if (!action) throw new Error(`no login or consent form on ${url}: ${html.slice(0, 300)}`);
    const body = action.endsWith("/login") ? new URLSearchParams({ username: login.username, password: login.password }) : new URLSearchParams();
    url = new URL(action, url).toString();
    res = await request(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
  }
  throw new Error("too many redirects at the provider");
}

function pickForm(html: string, decision: "allow" | "deny"): string | undefined {
  const actions = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => m[1]!);
  return actions.find((a) => a.endsWith("/login")) ?? actions.find((a) => a.endsWith(`/${decision}`));
}

import type { NextConfig } from "next";
import { NO_FRAMING_HEADERS, SECURITY_HEADERS } from "./src/server/http/security-headers";

const asList = (headers: Readonly<Record<string, string>>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  // Set on purpose (the default is the same 1 MB): server.ts answers a larger declared body with
  // a readable 413 before Next reads it (src/server/http/door-guard.ts keeps the two in step).
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  async headers() {
    return [
      { source: "/:path*", headers: asList(SECURITY_HEADERS) },
      // Brand icons (scripts/generate-piece-icons.ts): a day is plenty for files that change with a release.
      { source: "/piece-icons/:file*", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
      {
        // Only the embeddable picker may be framed (by the configured editor origins, set per
        // request); every other page refuses to be framed at all.
        source: "/((?!embed/).*)",
        headers: asList(NO_FRAMING_HEADERS),
      },
    ];
  },
};

export default nextConfig;

import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  // Set on purpose (the default is the same 1 MB): server.ts answers a larger declared body with
  // a readable 413 before Next reads it (src/server/http/door-guard.ts keeps the two in step).
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Brand icons (scripts/generate-piece-icons.ts): a day is plenty for files that change with a release.
      { source: "/piece-icons/:file*", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
      {
        // Only the embeddable picker may be framed (by the configured editor origins, set per
        // request); every other page refuses to be framed at all.
        source: "/((?!embed/).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;

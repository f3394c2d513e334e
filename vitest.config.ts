import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname, "src") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "packages/*/test/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts", "packages/**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: [
            "src/**/*.int.test.ts",
            "packages/*/test/**/*.int.test.ts",
            "tests/integration/*.test.ts",
            ...(process.env.TEST_DATABASE_URL ? ["tests/integration/postgres-only/*.test.ts"] : []),
          ],
          setupFiles: ["tests/integration/setup-env.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          maxWorkers: 2,
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});

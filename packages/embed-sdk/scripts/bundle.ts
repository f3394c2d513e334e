/**
 * Builds the embed SDK for browsers: one IIFE file that puts the SDK on window.ConnectionsEmbed
 * (for a <script> tag) and one ES module (for a bundler).
 *
 *   npm run build:embed-sdk        # → packages/embed-sdk/dist/embed-sdk.js and index.mjs
 *
 * The demo editor host builds the IIFE in memory at start-up with bundleEmbedSdk().
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

export async function bundleEmbedSdk(format: "iife" | "esm" = "iife"): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, "src", format === "iife" ? "browser.ts" : "index.ts")],
    bundle: true,
    format,
    globalName: format === "iife" ? "ConnectionsEmbed" : undefined,
    platform: "browser",
    target: "es2020",
    minify: format === "iife",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = path.join(root, "dist");
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, "embed-sdk.js"), await bundleEmbedSdk("iife"));
  writeFileSync(path.join(dist, "index.mjs"), await bundleEmbedSdk("esm"));
  console.log(`embed SDK → ${path.relative(process.cwd(), dist)}/embed-sdk.js (window.ConnectionsEmbed) and index.mjs`);
}

// Writes the engine API's OpenAPI document (docs/engine-api/openapi.json) and the TypeScript types
// openapi-typescript generates from it (src/generated/engine-api.ts), for clients such as the SDK.
//   npm run api:types            regenerate both
//   npm run api:types -- --check exit 1 if either committed file differs from a fresh generation
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateEngineApiFiles } from "./api-types";

const root = join(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const files = await generateEngineApiFiles();
let stale = 0;
for (const [path, text] of Object.entries(files)) {
  const target = join(root, path);
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current === text) continue;
  if (check) {
    console.error(`${path} is out of date: run npm run api:types`);
    stale++;
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);

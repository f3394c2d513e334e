import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_FILE, generateTypes } from "../scripts/generate";

describe("engine client types", () => {
  it("match the OpenAPI document the server serves (run `npm run sdk:generate` when this fails)", async () => {
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(await generateTypes());
  }, 60_000);
});

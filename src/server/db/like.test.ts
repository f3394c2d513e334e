import { describe, expect, it } from "vitest";
import { containsPattern } from "./like";

describe("containsPattern", () => {
  it("matches the text anywhere, lower-cased", () => {
    expect(containsPattern("Slack Bot")).toBe("%slack bot%");
  });

  it("takes %, _ and the escape character itself literally", () => {
    expect(containsPattern("100%_Off\\")).toBe("%100\\%\\_off\\\\%");
  });
});

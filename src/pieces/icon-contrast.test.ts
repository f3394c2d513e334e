import * as simpleIcons from "simple-icons";
import { describe, expect, it } from "vitest";
import { pieces } from "./index";
import { contrastRatio, letterColorOn, tileFor } from "./icon-contrast";

describe("icon contrast", () => {
  it("computes WCAG contrast", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 0);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });

  it("puts black glyphs on a light tile and pale yellow ones on a dark tile", () => {
    expect(tileFor("#000000")).toBe("#F8FAFC");
    expect(tileFor("#FFE01B")).toBe("#1E293B");
  });

  it("keeps every catalogue glyph and letter readable (>= 3:1)", () => {
    const brandHex = new Map((Object.values(simpleIcons) as { slug?: string; hex: string }[]).map((i) => [i?.slug, `#${i?.hex}`]));
    for (const { name, icon } of pieces) {
      const hex = icon.slug ? brandHex.get(icon.slug) : undefined;
      if (icon.slug) expect(hex, name).toBeDefined();
      if (hex) expect(contrastRatio(hex, tileFor(hex)), name).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(icon.color, letterColorOn(icon.color)), name).toBeGreaterThanOrEqual(3);
    }
  });
});

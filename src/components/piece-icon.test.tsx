import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getPiece } from "@/pieces";
import { PieceIcon } from "./piece-icon";

describe("PieceIcon", () => {
  it("renders the brand glyph with its colour and an accessible name", () => {
    const github = getPiece("github")!;
    const html = renderToStaticMarkup(<PieceIcon piece={github} size={40} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="GitHub"');
    expect(html).toContain('width="40"');
    expect(html).toContain(`d="${github.icon.svgPath}"`);
    expect(html).toContain('fill="#181717"');
  });

  it("falls back to a lettered badge when there is no brand icon", () => {
    const html = renderToStaticMarkup(<PieceIcon piece={getPiece("openai")!} />);
    expect(html).toContain('aria-label="OpenAI"');
    expect(html).not.toContain("<path");
    expect(html).toMatch(/<text[^>]*>O<\/text>/);
    expect(html).toContain('fill="#10A37F"');
  });
});

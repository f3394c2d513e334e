import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getPiece } from "@/pieces";
import { PieceIcon } from "./piece-icon";

describe("PieceIcon", () => {
  it("shows the brand icon as its static file, with an accessible name", () => {
    const html = renderToStaticMarkup(<PieceIcon piece={getPiece("github")!} size={40} />);
    expect(html).toMatch(/<img /);
    expect(html).not.toContain("<path");
    expect(html).toContain('src="/piece-icons/github.svg"');
    expect(html).toContain('alt="GitHub"');
    expect(html).toContain('width="40"');
    expect(html).toContain('height="40"');
  });

  it("falls back to a lettered badge when there is no brand icon", () => {
    const html = renderToStaticMarkup(<PieceIcon piece={getPiece("openai")!} />);
    expect(html).toContain('aria-label="OpenAI"');
    expect(html).not.toContain("<path");
    expect(html).toMatch(/<text[^>]*>O<\/text>/);
    expect(html).toContain('fill="#10A37F"');
  });
});

// Brand colours range from black (Notion, GitHub) to pale yellow (Mailchimp),
// so the tile behind an icon is chosen per colour rather than per theme.

const LIGHT_TILE = "#F8FAFC";
const DARK_TILE = "#1E293B";

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#RRGGBB" (0 = black, 1 = white). */
export function relativeLuminance(hex: string): number {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!match) return 0;
  const n = parseInt(match[1]!, 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Tile colour that keeps a brand-coloured glyph visible in light and dark themes. */
export function tileFor(brandHex: string): string {
  return contrastRatio(brandHex, LIGHT_TILE) >= contrastRatio(brandHex, DARK_TILE) ? LIGHT_TILE : DARK_TILE;
}

/** Text colour for a letter on a badge of the given background. */
export function letterColorOn(backgroundHex: string): string {
  return contrastRatio(backgroundHex, "#FFFFFF") >= contrastRatio(backgroundHex, "#0F172A") ? "#FFFFFF" : "#0F172A";
}

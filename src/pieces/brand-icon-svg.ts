import { tileFor } from "./icon-contrast";

/** Where the browser finds a brand icon: a static file, so no page carries the paths as JavaScript. */
export function brandIconUrl(slug: string): string {
  return `/piece-icons/${slug}.svg`;
}

/** The file behind brandIconUrl: the brand glyph on a rounded tile that keeps it visible in both themes. */
export function brandIconSvg(icon: { /** "RRGGBB", as simple-icons gives it */ hex: string; path: string }): string {
  const hex = `#${icon.hex}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">` +
    `<rect width="24" height="24" rx="5" fill="${tileFor(hex)}"/>` +
    `<path d="${icon.path}" fill="${hex}" transform="translate(4 4) scale(0.6667)"/>` +
    `</svg>\n`
  );
}

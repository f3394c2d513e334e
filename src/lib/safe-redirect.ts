/** Where a refused redirect target sends the browser instead. */
export const DEFAULT_REDIRECT_PATH = "/";

// Decoding stops after this many rounds: a target still changing by then is refused outright.
const MAX_DECODE_ROUNDS = 4;

// C0 controls, DEL and the C1 block: browsers strip tabs and newlines inside URLs, so
// "/\t/evil.example" becomes "//evil.example" there.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Characters that look like separators or are invisible: lookalike slashes and dots, zero-width
// and direction marks, line separators. No path of this app has them (a query string may).
const LOOKALIKE = /[\u2044\u2215\u29f8\uff0f\uff3c\u3002\uff0e\ufe52\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;

function decodeFully(value: string): string | null {
  let current = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // A stray "%" (a search for "100%") cannot decode into a separator: keep what we have.
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

function isUnsafe(candidate: string): boolean {
  const path = candidate.split(/[?#]/, 1)[0] ?? "";
  if (CONTROL.test(candidate) || candidate.includes("\\") || LOOKALIKE.test(path)) return true;
  if (!candidate.startsWith("/") || candidate.startsWith("//")) return true;
  // A scheme or userinfo before the first slash-free segment can only come from a crafted value.
  const firstSegment = candidate.slice(1).split(/[/?#]/, 1)[0] ?? "";
  return firstSegment.includes("@") || /^[a-z][a-z0-9+.-]*:/i.test(firstSegment);
}

// Overlong or broken UTF-8 ("%C0%AF" read as "/" by old decoders) has no place in our paths.
function hasMalformedPath(raw: string): boolean {
  try {
    decodeURIComponent(raw.split(/[?#]/, 1)[0] ?? "");
    return false;
  } catch {
    return true;
  }
}

/**
 * A redirect target is accepted only as an absolute path in this app ("/p/x/connections?q=1"):
 * never another origin, scheme, userinfo, backslash or control character, whether raw or
 * percent-encoded (any depth). Anything else becomes `fallback`.
 */
export function safeRedirectPath(raw: unknown, fallback: string = DEFAULT_REDIRECT_PATH): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  const decoded = decodeFully(raw);
  if (decoded === null || isUnsafe(raw) || isUnsafe(decoded) || hasMalformedPath(raw)) return fallback;
  // The final word is the URL parser's: resolved against a throwaway origin it must stay there.
  try {
    const base = "http://same-origin.invalid";
    const resolved = new URL(raw, base);
    if (resolved.origin !== base || resolved.username || resolved.password) return fallback;
  } catch {
    return fallback;
  }
  return raw;
}

/** For schemas: whether `raw` is accepted unchanged. */
export function isSafeRedirectPath(raw: unknown): raw is string {
  return typeof raw === "string" && safeRedirectPath(raw, "\u0000") === raw;
}

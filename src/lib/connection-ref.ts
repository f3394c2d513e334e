// Client-safe: the Flows page, the reference index, Replace and the engine API all read
// `{{connections['<externalId>']}}` (optionally followed by a path) with this one grammar.

export interface ConnectionReference {
  /** The whole `{{…}}` text. */
  raw: string;
  externalId: string;
  /** Keys after the id: `{{connections['x'].props.host}}` → ["props", "host"]. */
  path: string[];
  index: number;
}

const QUOTED_ID = String.raw`(["'])([^"'\]\\{}]{1,200})\1`;
const PATH = String.raw`((?:\.[A-Za-z0-9_$-]+|\[\s*(?:\d+|"[^"\]]*"|'[^'\]]*')\s*\])*)`;
const SOURCE = String.raw`\{\{\s*connections\[\s*${QUOTED_ID}\s*\]${PATH}\s*\}\}`;
const PATH_SEGMENT = /\.([A-Za-z0-9_$-]+)|\[\s*(?:(\d+)|"([^"\]]*)"|'([^'\]]*)')\s*\]/g;

function parsePath(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PATH_SEGMENT)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

export function findReferences(text: string): ConnectionReference[] {
  if (!text.includes("connections")) return [];
  const out: ConnectionReference[] = [];
  for (const m of text.matchAll(new RegExp(SOURCE, "g"))) {
    out.push({ raw: m[0], externalId: m[2]!, path: parsePath(m[3] ?? ""), index: m.index });
  }
  return out;
}

/** The text a flow step stores to use a connection. */
export function connectionReference(externalId: string): string {
  return `{{connections['${externalId}']}}`;
}

/** How deep references are looked for: strings nested deeper are left as they are. */
const MAX_DEPTH = 64;

/** Every string inside a JSON value (object keys excluded), depth-first. */
function* strings(value: unknown, depth = 0): Generator<string> {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item, depth + 1);
  else if (value && typeof value === "object") for (const item of Object.values(value)) yield* strings(item, depth + 1);
}

/** The distinct externalIds referenced anywhere in a JSON value. */
export function referencedExternalIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  for (const text of strings(value)) for (const ref of findReferences(text)) ids.add(ref.externalId);
  return ids;
}

/** Maps every string of a JSON value; returns the same object when nothing changed. */
export function mapStrings(value: unknown, fn: (text: string) => unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item) => {
      const mapped = mapStrings(item, fn, depth + 1);
      if (mapped !== item) changed = true;
      return mapped;
    });
    return changed ? next : value;
  }
  if (value && typeof value === "object") {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const mapped = mapStrings(item, fn, depth + 1);
      if (mapped !== item) changed = true;
      next[key] = mapped;
    }
    return changed ? next : value;
  }
  return value;
}

/** One string with every reference to `from` pointed at `to`; the string itself when it has none. */
function rewriteText(text: string, from: string, to: string): string {
  const refs = findReferences(text).filter((r) => r.externalId === from);
  if (refs.length === 0) return text;
  let out = "";
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.index) + ref.raw.replace(/(\[\s*)(["'])[^"']*\2/, (_m, open: string, quote: string) => `${open}${quote}${to}${quote}`);
    at = ref.index + ref.raw.length;
  }
  return out + text.slice(at);
}

/**
 * Points every reference to `from` at `to`, keeping each reference's quoting and path.
 * Returns the input itself when it does not reference `from`.
 */
export function rewriteReferences<T>(value: T, from: string, to: string): T {
  return mapStrings(value, (text) => rewriteText(text, from, to)) as T;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/**
 * rewriteReferences on JSON text: the same strings are rewritten (object keys and strings deeper
 * than MAX_DEPTH are not), and every other character is kept as it is. Numbers above all: parsed
 * and printed again by JavaScript, 12345678901234567890 would become 12345678901234567000 and
 * 1.50 would become 1.5. Returns the text itself when nothing changed; throws on text that is not
 * JSON.
 */
export function rewriteReferencesInJson(json: string, from: string, to: string): string {
  let out = "";
  let copied = 0;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (OPENERS.has(c)) depth++;
    else if (CLOSERS.has(c)) depth--;
    else if (c === QUOTE) {
      let end = i + 1;
      while (end < json.length && json.charCodeAt(end) !== QUOTE) end += json.charCodeAt(end) === BACKSLASH ? 2 : 1;
      if (end >= json.length) throw new SyntaxError("Unterminated string in JSON");
      const token = json.slice(i, end + 1);
      let next = end + 1;
      while (next < json.length && " \t\n\r".includes(json[next]!)) next++;
      const isKey = json[next] === ":";
      if (!isKey && depth <= MAX_DEPTH && (token.includes("connections") || token.includes("\\"))) {
        const text = JSON.parse(token) as string;
        const rewritten = rewriteText(text, from, to);
        if (rewritten !== text) {
          out += json.slice(copied, i) + JSON.stringify(rewritten);
          copied = end + 1;
        }
      }
      i = end;
    }
  }
  return copied === 0 ? json : out + json.slice(copied);
}

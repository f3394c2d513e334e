import { z } from "zod";

/** How deep any JSON a client sends may nest; deeper is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

const C0_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const C0 = /[\u0000-\u001f\u007f]/;
// Half of a surrogate pair: not text at all. PostgreSQL refuses it in jsonb ("\ud800") and a text
// column silently stores U+FFFD instead, so it is refused like a control character.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string is storable as-is: no NUL and no broken UTF-16. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

export interface TextOptions {
  /** Longest accepted value, in characters (before trimming). */
  max: number;
  /** Tabs and line breaks allowed (a description, a note); never NUL or other controls. */
  multiline?: boolean;
  /** Message for a value over `max`. */
  tooLong?: string;
}

/**
 * The one string primitive for client input: bounded, and free of NUL and other C0 control
 * characters (PostgreSQL refuses NUL in text; the others have no business in a name or an id).
 * The check runs on the raw value, before any `.trim()` the caller chains.
 */
export function zText({ max, multiline = false, tooLong }: TextOptions) {
  const forbidden = multiline ? C0_EXCEPT_TAB_NEWLINE : C0;
  return z
    .string()
    .refine((v) => !forbidden.test(v), multiline ? "Must not contain control characters" : "Must not contain control characters, tabs or line breaks")
    .refine((v) => !LONE_SURROGATE.test(v), "Must be valid text (a broken character was sent)")
    .max(max, tooLong ?? `Use at most ${max} characters`);
}

/** Whether `value` nests objects/arrays deeper than `maxDepth`; iterative, so any depth is safe to ask. */
export function exceedsJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The same question on raw JSON text, answered without parsing it (a linear scan). */
export function jsonTextExceedsDepth(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return false;
}

/** The first string (key or value) PostgreSQL cannot store in jsonb: NUL or broken UTF-16. */
function findUnstorable(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === "string") {
      if (!isStorableText(node)) return path;
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return path || "_";
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

/**
 * Free-form JSON from a client (a step's input, an app's extra fields): an object, at most
 * `MAX_JSON_DEPTH` deep, with no NUL or broken UTF-16 in any key or string. Other characters
 * (newlines in a prompt, tabs) are the user's data.
 */
export function zJsonObject() {
  return z.record(zText({ max: 200, multiline: true }), z.unknown()).superRefine((value, ctx) => {
    if (exceedsJsonDepth(value, MAX_JSON_DEPTH)) {
      ctx.addIssue({ code: "custom", message: `Nested deeper than ${MAX_JSON_DEPTH} levels` });
      return;
    }
    const at = findUnstorable(value);
    if (at !== null) ctx.addIssue({ code: "custom", path: at ? at.split(".") : [], message: "Must not contain NUL or broken characters" });
  });
}

const EARLIEST = new Date("1970-01-01T00:00:00.000Z");
const LATEST = new Date("9999-12-31T23:59:59.999Z");

/** A date from a client (a filter bound): years 1970 to 9999, anything else is a 400. */
export function zDate() {
  return z.coerce.date({ error: "Enter a valid date" }).min(EARLIEST, "Use a date from 1970 on").max(LATEST, "Use a date before the year 10000");
}

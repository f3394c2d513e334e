import { z } from "zod";
import type { AuthProp } from "./types";

export const MAX_FIELD_BYTES = 8 * 1024;

const encoder = new TextEncoder();

function fitsSize(value: string): boolean {
  // Checking the character count first avoids encoding a huge string.
  return value.length <= MAX_FIELD_BYTES && encoder.encode(value).length <= MAX_FIELD_BYTES;
}

const isMissing = (value: unknown) => value === undefined || value === null;

/** Trims strings and turns blank ones into "not given", as HTML forms send "". */
function blankToUndefined(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function withDefault(value: unknown, defaultValue: unknown): unknown {
  return isMissing(value) ? defaultValue : value;
}

type StringCheck = { test: (value: string) => boolean; message: string };

export function stringField(label: string, required: boolean, defaultValue?: string, check?: StringCheck) {
  let schema = z
    .string({ error: (issue) => (isMissing(issue.input) ? `${label} is required` : `${label} must be text`) })
    .refine(fitsSize, { error: `${label} is too long (at most 8 KB)`, abort: true });
  if (check) schema = schema.refine(check.test, { error: check.message });
  const normalise = (value: unknown) => withDefault(blankToUndefined(value), defaultValue);
  return required ? z.preprocess(normalise, schema) : z.preprocess(normalise, schema.optional());
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function numberMessage(label: string, prop: AuthProp): string {
  const kind = prop.integer ? "a whole number" : "a number";
  if (prop.min !== undefined && prop.max !== undefined) return `${label} must be ${kind} between ${prop.min} and ${prop.max}`;
  if (prop.min !== undefined) return `${label} must be ${kind} of at least ${prop.min}`;
  if (prop.max !== undefined) return `${label} must be ${kind} of at most ${prop.max}`;
  return `${label} must be ${kind}`;
}

function numberField(label: string, prop: AuthProp) {
  const message = numberMessage(label, prop);
  const schema = z
    .number({ error: (issue) => (isMissing(issue.input) ? `${label} is required` : message) })
    .refine(
      (n) =>
        Number.isFinite(n) && (!prop.integer || Number.isInteger(n)) && (prop.min === undefined || n >= prop.min) && (prop.max === undefined || n <= prop.max),
      { error: message },
    );
  const coerce = (value: unknown) => {
    const blanked = withDefault(blankToUndefined(value), prop.defaultValue);
    if (typeof blanked !== "string") return blanked;
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(blanked) ? Number(blanked) : blanked;
  };
  return prop.required ? z.preprocess(coerce, schema) : z.preprocess(coerce, schema.optional());
}

const TRUE_WORDS = new Set(["true", "on", "1", "yes"]);
const FALSE_WORDS = new Set(["false", "off", "0", "no", ""]);

function checkboxField(label: string, prop: AuthProp) {
  const coerce = (value: unknown) => {
    if (isMissing(value)) return typeof prop.defaultValue === "boolean" ? prop.defaultValue : false;
    if (typeof value !== "string") return value;
    const word = value.trim().toLowerCase();
    return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : value;
  };
  return z.preprocess(coerce, z.boolean({ error: `${label} must be checked or unchecked` }));
}

function dropdownField(label: string, prop: AuthProp) {
  const options = prop.options ?? [];
  const allowed = new Set(options.map((option) => option.value));
  const message = `${label} must be one of: ${options.map((option) => option.label).join(", ")}`;
  const defaultValue = typeof prop.defaultValue === "string" ? prop.defaultValue : undefined;
  return stringField(label, prop.required, defaultValue, { test: (value) => allowed.has(value), message });
}

/** Zod schema for one user-entered field of a CUSTOM or OAUTH2 auth. */
export function propField(prop: AuthProp) {
  const label = prop.displayName;
  const stringDefault = typeof prop.defaultValue === "string" ? prop.defaultValue : undefined;
  switch (prop.type) {
    case "number":
      return numberField(label, prop);
    case "checkbox":
      return checkboxField(label, prop);
    case "dropdown":
      return dropdownField(label, prop);
    case "url":
      return stringField(label, prop.required, stringDefault, {
        test: isHttpUrl,
        message: `${label} must be a valid http(s) URL`,
      });
    case "text":
    case "secret":
    case "textarea":
      return stringField(label, prop.required, stringDefault);
  }
}

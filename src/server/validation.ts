import type { z } from "zod";
import { ValidationError } from "@/server/errors";

/** Parses service input; the first problem becomes the message and each field keeps its own. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] ??= issue.message;
  }
  const first = parsed.error.issues[0];
  const where = first && first.path.length ? `${first.path.join(".")}: ` : "";
  throw new ValidationError(`${where}${first?.message ?? "Invalid input"}`, fieldErrors);
}

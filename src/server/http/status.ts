import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppError } from "@/server/errors";

/** HTTP status of each typed error, for every HTTP door (the engine API and Next's route handlers). */
export const statusFor: Record<AppError["code"], ContentfulStatusCode> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  VALIDATION: 400,
  REAUTH_REQUIRED: 409,
  UNAVAILABLE: 503,
};

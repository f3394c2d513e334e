import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createRequestContext } from "@/server/api/context";

/** Server-side caller for React Server Components: same procedures, same checks. */
export const serverApi = cache(async () => createCaller(await createRequestContext({ headers: await headers() })));

/** A project or record the caller may not see renders the not-found page, like a missing one. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    // A malformed id in the URL (a "%00") is a page that does not exist, not a server error.
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
}

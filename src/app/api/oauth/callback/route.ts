import { sessionPrincipal } from "@/server/authz/who-is-asking";
import { getDb } from "@/server/db/client";
import { publicOrigin } from "@/server/http/public-origin";
import { log } from "@/server/log";
import { popupResultPage, redirectBack, relayToOpenerPage } from "@/server/oauth/authorize/callback-response";
import { completeAuthorization, type CallbackOutcome } from "@/server/oauth/authorize/complete-authorization";

export const dynamic = "force-dynamic";

/** Where providers send the user back after consent (the redirect URL registered with them). */
export async function GET(req: Request) {
  const url = new URL(req.url);
  // Where the popup reports back, and the only window it talks to: never req.url's bind address.
  const origin = publicOrigin(req);
  let outcome: CallbackOutcome;
  try {
    const db = await getDb();
    // The provider's redirect carries only the browser's cookie: a session user, or nobody (the picker's popup).
    const principal = await sessionPrincipal(db);
    if (principal.kind === "anonymous" && url.searchParams.has("state")) return relayToOpenerPage(url.search, origin);
    outcome = await completeAuthorization({ ctx: { db, principal }, input: { params: url.searchParams } });
  } catch (err) {
    log.error("oauth: callback failed", { error: err as Error });
    outcome = {
      ok: false,
      error: "Something went wrong. The error was logged; start again.",
      connectionId: null,
      projectId: null,
      mode: "popup",
      returnTo: null,
    };
  }
  return outcome.mode === "redirect" ? redirectBack(outcome, origin) : popupResultPage(outcome, origin);
}

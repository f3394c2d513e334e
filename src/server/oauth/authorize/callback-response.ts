import { createHash } from "node:crypto";
import { safeRedirectPath } from "@/lib/safe-redirect";
import type { OAuthCallbackRelayMessage, OAuthResultMessage } from "@/schemas/oauth";
import type { CallbackOutcome } from "./complete-authorization";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fallbackPath(outcome: CallbackOutcome): string {
  // Checked again on the way out: a row written before this guard existed may hold anything.
  return safeRedirectPath(outcome.returnTo, outcome.projectId ? `/p/${outcome.projectId}/connections` : "/");
}

/**
 * The popup's last page: tells the opener the result through postMessage, addressed to the app's
 * exact origin only, then closes. Opened without an opener (or with scripts off) it says what
 * happened and links back.
 */
export function popupResultPage(outcome: CallbackOutcome, appOrigin: string): Response {
  const message: OAuthResultMessage = {
    type: "oauth-result",
    ok: outcome.ok,
    connectionId: outcome.connectionId,
    ...(outcome.error ? { error: outcome.error } : {}),
  };
  const data = JSON.stringify(message).replace(/</g, "\\u003c");
  const origin = JSON.stringify(appOrigin).replace(/</g, "\\u003c");
  const script = `(function(){var m=${data};if(window.opener){try{window.opener.postMessage(m,${origin});}catch(e){}window.close();}})();`;
  const hash = createHash("sha256").update(script).digest("base64");
  const title = outcome.ok ? "Connected" : "Not connected";
  const text = outcome.ok ? "The app was authorized. You can close this window." : (outcome.error ?? "The authorization failed.");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main><h1>${title}</h1><p role="${outcome.ok ? "status" : "alert"}">${escapeHtml(text)}</p><p><a href="${escapeHtml(appOrigin + fallbackPath(outcome))}">Back to Connections</a></p></main>
<script>${script}</script></body></html>`;
  return htmlResponse(html, outcome.ok ? 200 : 400, hash);
}

/**
 * A callback that arrives without a session (the embedded picker's popup: the app's cookie is not
 * there) hands the provider's answer to the opener, at the app's exact origin, which completes it
 * with its own sign-in. The state still binds it to the user who started it.
 */
export function relayToOpenerPage(query: string, appOrigin: string): Response {
  const message: OAuthCallbackRelayMessage = { type: "oauth-callback", query };
  const data = JSON.stringify(message).replace(/</g, "\\u003c");
  const origin = JSON.stringify(appOrigin).replace(/</g, "\\u003c");
  const script = `(function(){if(!window.opener)return;try{window.opener.postMessage(${data},${origin});}catch(e){}window.close();})();`;
  const hash = createHash("sha256").update(script).digest("base64");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Finishing…</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main><h1>Not connected</h1><p role="alert">Sign in to this app, then start the authorization again.</p><p><a href="${escapeHtml(appOrigin)}/">Sign in</a></p></main>
<script>${script}</script></body></html>`;
  return htmlResponse(html, 200, hash);
}

function htmlResponse(html: string, status: number, scriptHash: string): Response {
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // The URL carries the authorization code: never send it onwards.
      "referrer-policy": "no-referrer",
      "content-security-policy": `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'unsafe-inline'; frame-ancestors 'none'`,
    },
  });
}

/** The fallback when the popup was blocked: back to where the user was, with a flag to show the result. */
export function redirectBack(outcome: CallbackOutcome, appOrigin: string): Response {
  const target = new URL(fallbackPath(outcome), appOrigin);
  target.searchParams.set("oauth", outcome.ok ? "connected" : "failed");
  if (outcome.connectionId) target.searchParams.set("oauth_connection", outcome.connectionId);
  if (outcome.error) target.searchParams.set("oauth_error", outcome.error);
  return new Response(null, { status: 303, headers: { location: target.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}

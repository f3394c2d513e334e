"use client";

import { TriangleAlertIcon } from "lucide-react";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * APP_URL decides the redirect URL; someone who reached the app on another origin registers a URL
 * that sends people to a host where they are not signed in. Say so before they copy it.
 */
export function OriginMismatchAlert({ appUrl }: { appUrl: string | null }) {
  // The browser's own origin: the server may sit behind a proxy that rewrites Host.
  const here = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  );
  if (!appUrl || !here || here === appUrl) return null;
  return (
    <div
      role="alert"
      className="flex gap-2 rounded-md border border-amber-600/40 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-50"
    >
      <TriangleAlertIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        You are using this app at <strong className="font-mono">{here}</strong>, but <code className="font-mono">APP_URL</code> is{" "}
        <strong className="font-mono">{appUrl}</strong>. Providers send people back to the redirect URL on <code className="font-mono">APP_URL</code>, so an
        authorization started from here will not come back to this page. Open the app at {appUrl}, or set <code className="font-mono">APP_URL</code> to the
        address people use.
      </p>
    </div>
  );
}

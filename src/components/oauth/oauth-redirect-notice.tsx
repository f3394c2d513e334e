"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { toast } from "@/components/ui/toast";

/**
 * After the full-page fallback (popup blocked) the callback sends the user back here with
 * ?oauth=connected|failed: say how it went once, then drop the flag from the URL.
 */
export function OAuthRedirectNotice() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const outcome = params.get("oauth");
  const error = params.get("oauth_error");

  useEffect(() => {
    if (outcome !== "connected" && outcome !== "failed") return;
    if (outcome === "connected") toast.success("Connection authorized");
    else toast.error("The connection was not authorized", { description: error ?? undefined });
    const rest = new URLSearchParams(params);
    for (const key of ["oauth", "oauth_error", "oauth_connection"]) rest.delete(key);
    router.replace(rest.size ? `${pathname}?${rest}` : pathname, { scroll: false });
  }, [outcome, error, params, pathname, router]);

  return null;
}

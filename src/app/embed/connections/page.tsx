import { Suspense } from "react";
import { EmbedPicker } from "@/components/embed/embed-picker";
import { embedAllowedOrigins } from "@/server/embed/allowed-origins";

export const dynamic = "force-dynamic";
export const metadata = { title: "Choose a connection" };

/**
 * The picker the workflow editor frames: /embed/connections?piece=<pieceName>&token=<one-time token>.
 * No app shell; it authenticates with the token, never with a cookie.
 */
export default async function EmbedConnectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const q = await searchParams;
  return (
    <Suspense>
      <EmbedPicker token={q.token ?? null} pieceName={q.piece ?? null} allowedOrigins={embedAllowedOrigins()} />
    </Suspense>
  );
}

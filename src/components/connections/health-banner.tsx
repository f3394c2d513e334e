"use client";

import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";

/** Says how many connections need attention, before a flow fails on one of them. */
export function HealthBanner({ projectId, onShow }: { projectId: string; onShow: (status: ("ERROR" | "MISSING")[]) => void }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.health.summary.queryOptions({ projectId }, { refetchInterval: 60_000 }));
  const error = summary.data?.error ?? 0;
  const missing = summary.data?.missing ?? 0;
  if (!error && !missing) return null;
  const parts = [error ? `${error} in Error` : "", missing ? `${missing} Missing` : ""].filter(Boolean).join(" and ");
  return (
    <div
      role="status"
      aria-label="Connections needing attention"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-destructive/40 bg-destructive/5 px-4 py-3 text-sm"
    >
      <TriangleAlert className="size-4 text-destructive" aria-hidden />
      <span className="flex-1">
        <span className="font-medium">
          {error + missing} {error + missing === 1 ? "connection needs" : "connections need"} attention
        </span>{" "}
        <span className="text-muted-foreground">({parts}). Flows that use them will fail until they are reconnected.</span>
      </span>
      <Button size="sm" variant="outline" onClick={() => onShow([...(error ? ["ERROR" as const] : []), ...(missing ? ["MISSING" as const] : [])])}>
        Show them
      </Button>
    </div>
  );
}

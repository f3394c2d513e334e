"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/trpc/react";
import { useInvalidateConnections } from "./use-invalidate-connections";

/** Runs a connection's health check now and says what it found. */
export function useRecheck() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateConnections();
  return useMutation(
    trpc.health.recheck.mutationOptions({
      onSuccess: (r) => {
        const name = r.connection.displayName;
        if (r.outcome === "passed") toast.success(`${name} works`, { description: "The check passed; the connection is Active." });
        else if (r.outcome === "undecryptable")
          toast.warning(`${name}: its credentials cannot be decrypted here`, { description: `${r.message ?? ""}. The status was left unchanged.` });
        else if (r.outcome === "unreachable")
          toast.warning(`${name}: the app could not be reached`, { description: `${r.message ?? ""} The status was left unchanged.` });
        else toast.error(`${name} is ${r.status === "MISSING" ? "Missing" : "in Error"}`, { description: r.message ?? undefined });
        void invalidate();
        void queryClient.invalidateQueries({ queryKey: trpc.health.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/react";

export const REPLACE_PREVIEW_KEY = "replace-preview";

/** After Replace or Delete: connection lists (Flows counts), flow lists and every preview are stale. */
export function useInvalidateFlowData() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.connection.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.flow.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.flowImpact.pathKey() }),
        queryClient.invalidateQueries({ queryKey: [REPLACE_PREVIEW_KEY] }),
      ]),
    [queryClient, trpc],
  );
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/react";

/** Refreshes every connection query (list and detail) after a write. */
export function useInvalidateConnections() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.connection.pathKey() }), [queryClient, trpc]);
}

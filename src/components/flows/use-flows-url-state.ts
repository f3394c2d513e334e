"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

export interface FlowsViewState {
  search: string;
  /** externalId of the connection the list is filtered by. */
  connection: string | null;
  page: number;
}

function parse(params: URLSearchParams): FlowsViewState {
  const page = Number(params.get("page"));
  return { search: params.get("search") ?? "", connection: params.get("connection") || null, page: Number.isInteger(page) && page > 1 ? page : 1 };
}

function serialize(state: FlowsViewState): string {
  const params = new URLSearchParams();
  if (state.search) params.set("search", state.search);
  if (state.connection) params.set("connection", state.connection);
  if (state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

/** Search, connection filter and page live in the query string: shareable, and the Connections page links here. */
export function useFlowsUrlState() {
  const searchParams = useSearchParams();
  const state = useMemo(() => parse(new URLSearchParams(searchParams.toString())), [searchParams]);
  const update = useCallback((patch: Partial<FlowsViewState>) => {
    const current = parse(new URLSearchParams(window.location.search));
    window.history.replaceState(null, "", serialize({ ...current, ...patch }));
  }, []);
  return [state, update] as const;
}

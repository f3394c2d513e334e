"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { CONNECTION_SORTS, CONNECTION_STATUSES } from "@/lib/connection-constants";

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export type ConnectionSort = (typeof CONNECTION_SORTS)[number];
export type SortDir = "asc" | "desc";

export interface ConnectionsViewState {
  search: string;
  status: ConnectionStatus[];
  pieces: string[];
  sort: ConnectionSort;
  dir: SortDir;
  page: number;
  /** Id of the connection whose detail drawer is open. */
  connection: string | null;
}

export const DEFAULT_SORT: ConnectionSort = "createdAt";
export const DEFAULT_DIR: SortDir = "desc";

function listParam(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? "").split(",").filter(Boolean);
}

function parse(params: URLSearchParams): ConnectionsViewState {
  const sort = params.get("sort");
  const page = Number(params.get("page"));
  return {
    search: params.get("search") ?? "",
    status: listParam(params, "status").filter((s): s is ConnectionStatus => (CONNECTION_STATUSES as readonly string[]).includes(s)),
    pieces: listParam(params, "pieces"),
    sort: (CONNECTION_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ConnectionSort) : DEFAULT_SORT,
    dir: params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : DEFAULT_DIR,
    page: Number.isInteger(page) && page > 1 ? page : 1,
    connection: params.get("connection") || null,
  };
}

function serialize(state: ConnectionsViewState): string {
  const params = new URLSearchParams();
  if (state.search) params.set("search", state.search);
  if (state.status.length) params.set("status", state.status.join(","));
  if (state.pieces.length) params.set("pieces", state.pieces.join(","));
  if (state.sort !== DEFAULT_SORT || state.dir !== DEFAULT_DIR) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  if (state.page > 1) params.set("page", String(state.page));
  if (state.connection) params.set("connection", state.connection);
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

/**
 * The whole view (filters, sort, page, open drawer) lives in the query string so it can be
 * shared and survives a reload. history.replaceState is synced into useSearchParams by Next;
 * unlike router.replace it does not re-render the server page on every keystroke.
 */
export function useConnectionsUrlState() {
  const searchParams = useSearchParams();
  const state = useMemo(() => parse(new URLSearchParams(searchParams.toString())), [searchParams]);

  const update = useCallback((patch: Partial<ConnectionsViewState>) => {
    // Read the live URL so two updates in one tick do not overwrite each other.
    const current = parse(new URLSearchParams(window.location.search));
    window.history.replaceState(null, "", serialize({ ...current, ...patch }));
  }, []);

  return [state, update] as const;
}

export function hasFilters(state: ConnectionsViewState): boolean {
  return state.search !== "" || state.status.length > 0 || state.pieces.length > 0;
}

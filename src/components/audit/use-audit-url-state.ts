"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { AUDIT_ACTIONS } from "@/schemas/audit";
import type { AuditAction } from "./event-labels";

export interface AuditUrlState {
  connection: string;
  actions: AuditAction[];
  actor: string;
  from: string;
  to: string;
  page: number;
}

/** The Audit log's filters live in the URL, so a filtered view can be shared and survives reload. */
export function useAuditUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state: AuditUrlState = useMemo(
    () => ({
      connection: params.get("connection") ?? "",
      actions: params.getAll("action").filter((a): a is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(a)),
      actor: params.get("actor") ?? "",
      from: params.get("from") ?? "",
      to: params.get("to") ?? "",
      page: Math.max(1, Number(params.get("page")) || 1),
    }),
    [params],
  );
  const set = useCallback(
    (patch: Partial<AuditUrlState>) => {
      const next = { ...state, page: 1, ...patch };
      router.replace(`${pathname}?${toQuery(next)}`, { scroll: false });
    },
    [state, router, pathname],
  );
  return { state, set };
}

export function toQuery(s: Partial<AuditUrlState>): string {
  const q = new URLSearchParams();
  if (s.connection) q.set("connection", s.connection);
  s.actions?.forEach((a) => q.append("action", a));
  if (s.actor) q.set("actor", s.actor);
  if (s.from) q.set("from", s.from);
  if (s.to) q.set("to", s.to);
  if (s.page && s.page > 1) q.set("page", String(s.page));
  return q.toString();
}

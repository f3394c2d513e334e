"use client";

import { Plus, Replace } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PiecesFilter } from "./pieces-filter";
import { SearchInput } from "./search-input";
import { StatusFilter } from "./status-filter";
import type { ConnectionsViewState } from "./use-connections-url-state";

interface ConnectionsToolbarProps {
  view: ConnectionsViewState;
  onChange: (patch: Partial<ConnectionsViewState>) => void;
  canEdit: boolean;
  onNew: () => void;
  onReplace: () => void;
}

export function ConnectionsToolbar({ view, onChange, canEdit, onNew, onReplace }: ConnectionsToolbarProps) {
  return (
    <div role="toolbar" aria-label="Find and manage connections" className="flex flex-wrap items-center gap-2">
      <SearchInput value={view.search} onChange={(search) => onChange({ search, page: 1 })} />
      <StatusFilter value={view.status} onChange={(status) => onChange({ status, page: 1 })} />
      <PiecesFilter value={view.pieces} onChange={(pieces) => onChange({ pieces, page: 1 })} />
      {canEdit && (
        <div className="ml-auto flex items-center gap-2">
          <Button variant="outline" onClick={onReplace}>
            <Replace aria-hidden />
            Replace
          </Button>
          <Button onClick={onNew}>
            <Plus aria-hidden />
            New Connection
          </Button>
        </div>
      )}
    </div>
  );
}

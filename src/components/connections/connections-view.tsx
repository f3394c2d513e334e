"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { OAuthRedirectNotice } from "@/components/oauth/oauth-redirect-notice";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/use-opened-once";
import { useTRPC } from "@/trpc/react";
import { BulkBar } from "./bulk-bar";
import { NoConnectionsMatch, NoConnectionsYet } from "./connections-empty-state";
import { ConnectionsPagination } from "./connections-pagination";
import { ConnectionsTable } from "./connections-table";
import { ConnectionsToolbar } from "./connections-toolbar";
import { HealthBanner } from "./health-banner";
import type { ConnectionDto } from "./types";
import { hasFilters, useConnectionsUrlState, type ConnectionSort } from "./use-connections-url-state";

// The sheet and the dialogs (their forms, validators, app catalogue and flow previews) are loaded
// when first opened, not with the page: they were over a third of its JavaScript.
const ConnectionDetailSheet = dynamic(() => import("./connection-detail-sheet").then((m) => m.ConnectionDetailSheet), { ssr: false });
const NewConnectionDialog = dynamic(() => import("./new-connection-dialog").then((m) => m.NewConnectionDialog), { ssr: false });
const EditConnectionDialog = dynamic(() => import("./edit-connection-dialog").then((m) => m.EditConnectionDialog), { ssr: false });
const ReconnectConnectionDialog = dynamic(() => import("./reconnect-connection-dialog").then((m) => m.ReconnectConnectionDialog), { ssr: false });
const DeleteConnectionsDialog = dynamic(() => import("@/components/flows-impact/delete-connections-dialog").then((m) => m.DeleteConnectionsDialog), {
  ssr: false,
});
const ReplaceConnectionDialog = dynamic(() => import("@/components/flows-impact/replace-connection-dialog").then((m) => m.ReplaceConnectionDialog), {
  ssr: false,
});

const PAGE_SIZE = 20;
const NOTHING_SELECTED: ReadonlySet<string> = new Set();

export function ConnectionsView({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const [view, setView] = useConnectionsUrlState();
  const list = useQuery(
    trpc.connection.list.queryOptions(
      {
        projectId,
        search: view.search.trim() || undefined,
        status: view.status.length ? view.status : undefined,
        pieces: view.pieces.length ? view.pieces : undefined,
        sort: view.sort,
        dir: view.dir,
        page: view.page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );

  // A selection belongs to the rows it was made on: changing page, sort or filters drops it.
  const viewKey = JSON.stringify([view.search, view.status, view.pieces, view.sort, view.dir, view.page]);
  const [selection, setSelection] = useState({ key: viewKey, ids: NOTHING_SELECTED });
  const selected = selection.key === viewKey ? selection.ids : NOTHING_SELECTED;
  const select = (ids: ReadonlySet<string>) => setSelection({ key: viewKey, ids });

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ConnectionDto | null>(null);
  const [reconnecting, setReconnecting] = useState<ConnectionDto | null>(null);
  const [deleting, setDeleting] = useState<ConnectionDto[]>([]);
  /** Open with the connection to replace preselected (from a delete warning), or none (toolbar). */
  const [replacing, setReplacing] = useState<{ fromId: string | null } | null>(null);

  const sheetLoaded = useOpenedOnce(view.connection !== null);
  const creatingLoaded = useOpenedOnce(creating);
  const editingLoaded = useOpenedOnce(editing !== null);
  const reconnectingLoaded = useOpenedOnce(reconnecting !== null);
  const deletingLoaded = useOpenedOnce(deleting.length > 0);
  const replacingLoaded = useOpenedOnce(replacing !== null);

  const data = list.data;
  // Beyond the exact count the last page is unknown; an empty page past the end still goes back.
  const lastPage = !data ? 1 : data.totalExact ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : data.items.length > 0 ? view.page : 1;
  useEffect(() => {
    // After deletes (or a stale shared link) the page can point past the end.
    if (data && !list.isPlaceholderData && view.page > lastPage) setView({ page: lastPage });
  }, [data, list.isPlaceholderData, view.page, lastPage, setView]);

  const sortBy = (column: ConnectionSort) =>
    setView(view.sort === column ? { dir: view.dir === "asc" ? "desc" : "asc", page: 1 } : { sort: column, dir: column === "name" ? "asc" : "desc", page: 1 });

  const onDeleted = (ids: string[]) => {
    select(new Set([...selected].filter((id) => !ids.includes(id))));
    if (view.connection && ids.includes(view.connection)) setView({ connection: null });
  };

  const filtered = hasFilters(view);
  let body: React.ReactNode;
  if (list.isError && !data) {
    body = (
      <div role="alert" className="rounded-lg border border-destructive/50 p-6 text-sm">
        <p className="font-medium text-destructive">Could not load connections</p>
        <p className="mt-1 text-muted-foreground">{list.error.message}</p>
        <Button variant="outline" size="sm" className="mt-3" onClick={() => void list.refetch()}>
          Try again
        </Button>
      </div>
    );
  } else if (data && data.total === 0 && !filtered) {
    body = <NoConnectionsYet canEdit={canEdit} onNew={() => setCreating(true)} />;
  } else if (data && data.total === 0) {
    body = <NoConnectionsMatch onClear={() => setView({ search: "", status: [], pieces: [], page: 1 })} />;
  } else {
    body = (
      <>
        <BulkBar
          count={selected.size}
          onClear={() => select(NOTHING_SELECTED)}
          onDelete={() => setDeleting(data?.items.filter((c) => selected.has(c.id)) ?? [])}
        />
        <div className={list.isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}>
          <ConnectionsTable
            projectId={projectId}
            items={data?.items}
            canEdit={canEdit}
            sort={view.sort}
            dir={view.dir}
            onSort={sortBy}
            selected={selected}
            onSelectedChange={select}
            onOpen={(c) => setView({ connection: c.id })}
            onEdit={setEditing}
            onReconnect={setReconnecting}
            onDelete={(c) => setDeleting([c])}
          />
        </div>
        {data && (
          <ConnectionsPagination
            page={view.page}
            pageSize={PAGE_SIZE}
            total={data.total}
            totalExact={data.totalExact}
            hasMore={data.hasMore}
            shown={data.items.length}
            onPage={(page) => setView({ page })}
          />
        )}
      </>
    );
  }

  return (
    // minmax(0, 1fr): a wide table scrolls inside its own box instead of widening the page.
    <div className="grid grid-cols-1 gap-4">
      <OAuthRedirectNotice />
      <HealthBanner projectId={projectId} onShow={(status) => setView({ status, page: 1 })} />
      <ConnectionsToolbar view={view} onChange={setView} canEdit={canEdit} onNew={() => setCreating(true)} onReplace={() => setReplacing({ fromId: null })} />
      {body}
      {sheetLoaded && (
        <ConnectionDetailSheet
          projectId={projectId}
          connectionId={view.connection}
          canEdit={canEdit}
          onOpenChange={(open) => !open && setView({ connection: null })}
          onEdit={setEditing}
          onReconnect={setReconnecting}
        />
      )}
      {canEdit && (
        <>
          {creatingLoaded && <NewConnectionDialog projectId={projectId} open={creating} onOpenChange={setCreating} />}
          {editingLoaded && <EditConnectionDialog projectId={projectId} connection={editing} onOpenChange={(open) => !open && setEditing(null)} />}
          {reconnectingLoaded && (
            <ReconnectConnectionDialog projectId={projectId} connection={reconnecting} onOpenChange={(open) => !open && setReconnecting(null)} />
          )}
          {deletingLoaded && (
            <DeleteConnectionsDialog
              projectId={projectId}
              connections={deleting}
              onOpenChange={(open) => !open && setDeleting([])}
              onDeleted={onDeleted}
              onReplace={(fromId) => {
                setDeleting([]);
                setReplacing({ fromId });
              }}
            />
          )}
          {replacingLoaded && (
            <ReplaceConnectionDialog
              projectId={projectId}
              open={replacing !== null}
              onOpenChange={(open) => !open && setReplacing(null)}
              initialFromId={replacing?.fromId}
            />
          )}
        </>
      )}
    </div>
  );
}

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VersionUseBadge } from "@/components/flows-impact/version-use-badge";
import type { FlowListItem } from "@/server/flows/list-flows";
import { ConnectionChip } from "./connection-chip";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function FlowsTable({ projectId, items, filterExternalId }: { projectId: string; items: FlowListItem[]; filterExternalId: string | null }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Flow</TableHead>
          <TableHead>State</TableHead>
          <TableHead>Version</TableHead>
          <TableHead className="text-right">Steps</TableHead>
          {filterExternalId && <TableHead>Uses it in</TableHead>}
          <TableHead>Connections</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((flow) => {
          const filtered = filterExternalId ? flow.uses.find((u) => u.externalId === filterExternalId) : undefined;
          return (
            <TableRow key={flow.id}>
              <TableCell className="max-w-72">
                <Link
                  href={`/p/${projectId}/flows/${encodeURIComponent(flow.id)}`}
                  className="block truncate font-medium text-primary underline-offset-4 hover:underline"
                >
                  {flow.name}
                </Link>
              </TableCell>
              <TableCell>
                <Badge variant={flow.enabled ? "success" : "outline"}>{flow.enabled ? "Enabled" : "Disabled"}</Badge>
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {flow.publishedAt ? `Published ${dateFormat.format(flow.publishedAt)}` : "Draft only"}
              </TableCell>
              <TableCell className="text-right tabular-nums">{flow.stepCount}</TableCell>
              {filterExternalId && <TableCell>{filtered && <VersionUseBadge use={filtered.use} />}</TableCell>}
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {flow.uses.length === 0 && <span className="text-xs text-muted-foreground">None</span>}
                  {flow.uses.map((u) => (
                    <ConnectionChip key={u.externalId} projectId={projectId} externalId={u.externalId} connection={u.connection} />
                  ))}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

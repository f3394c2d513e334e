import { Badge } from "@/components/ui/badge";
import type { VersionUse } from "@/server/flows/dto";

const LABELS: Record<VersionUse, string> = { DRAFT: "Draft", PUBLISHED: "Published", BOTH: "Draft + published" };

/** Which versions of a flow use a connection. */
export function VersionUseBadge({ use }: { use: VersionUse }) {
  return (
    <Badge variant={use === "DRAFT" ? "outline" : "secondary"} title={`Used by the ${LABELS[use].toLowerCase()} version${use === "BOTH" ? "s" : ""}`}>
      {LABELS[use]}
    </Badge>
  );
}

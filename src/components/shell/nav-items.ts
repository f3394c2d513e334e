import { ArrowLeftRight, Bell, Cable, KeyRound, ScrollText, Settings2, ShieldCheck, SlidersHorizontal, Users, Workflow } from "lucide-react";

export const projectNav = [
  { section: "connections", label: "Connections", icon: Cable },
  { section: "flows", label: "Flows", icon: Workflow },
  { section: "audit", label: "Audit log", icon: ScrollText },
] as const;

export const settingsNav = [
  { section: "settings/members", label: "Members", icon: Users },
  { section: "settings/api-keys", label: "API keys", icon: KeyRound },
  { section: "settings/notifications", label: "Notifications", icon: Bell },
  { section: "settings/general", label: "General", icon: SlidersHorizontal },
  { section: "settings/transfer", label: "Export / Import", icon: ArrowLeftRight },
] as const;

export const adminNav = { href: "/admin", label: "Admin", icon: ShieldCheck };
export const settingsIcon = Settings2;

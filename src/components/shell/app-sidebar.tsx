"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { adminNav, projectNav, settingsIcon as SettingsIcon, settingsNav } from "./nav-items";
import { ProjectSwitcher, type ProjectOption } from "./project-switcher";

function NavLink(props: { href: string; label: string; icon: React.ComponentType<{ className?: string }>; active: boolean }) {
  const Icon = props.icon;
  return (
    <Link
      href={props.href}
      aria-current={props.active ? "page" : undefined}
      className={cn(
        "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
        props.active && "bg-accent font-medium text-accent-foreground",
      )}
    >
      <Icon className="size-4" aria-hidden />
      {props.label}
    </Link>
  );
}

export interface SidebarProps {
  projectId: string | null;
  projects: ProjectOption[];
  isPlatformAdmin: boolean;
}

/** The sidebar beside the page on wide screens; below that width it lives in the header's menu (MobileNav). */
export function AppSidebar(props: SidebarProps) {
  return (
    <aside className="hidden w-60 shrink-0 flex-col gap-4 border-r bg-sidebar p-3 text-sidebar-foreground lg:flex">
      <SidebarContent {...props} />
    </aside>
  );
}

export function SidebarContent(props: SidebarProps) {
  const pathname = usePathname();
  const base = props.projectId ? `/p/${props.projectId}` : null;
  return (
    <>
      <ProjectSwitcher currentId={props.projectId} projects={props.projects} />
      <nav aria-label="Main" className="flex flex-1 flex-col gap-4">
        {base && (
          <div className="flex flex-col gap-0.5">
            {projectNav.map((item) => (
              <NavLink
                key={item.section}
                href={`${base}/${item.section}`}
                label={item.label}
                icon={item.icon}
                active={pathname.startsWith(`${base}/${item.section}`)}
              />
            ))}
          </div>
        )}
        {base && (
          <div className="flex flex-col gap-0.5">
            <p className="flex items-center gap-1.5 px-2.5 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">
              <SettingsIcon className="size-3.5" aria-hidden /> Settings
            </p>
            {settingsNav.map((item) => (
              <NavLink
                key={item.section}
                href={`${base}/${item.section}`}
                label={item.label}
                icon={item.icon}
                active={pathname.startsWith(`${base}/${item.section}`)}
              />
            ))}
          </div>
        )}
        {props.isPlatformAdmin && (
          <div className="mt-auto flex flex-col gap-0.5">
            <NavLink href={adminNav.href} label={adminNav.label} icon={adminNav.icon} active={pathname.startsWith("/admin")} />
          </div>
        )}
      </nav>
    </>
  );
}

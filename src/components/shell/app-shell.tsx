import { ThemeToggle } from "@/components/theme-toggle";
import { AppSidebar } from "./app-sidebar";
import { MobileNav } from "./mobile-nav";
import type { ProjectOption } from "./project-switcher";
import { UserMenu } from "./user-menu";

export function AppShell(props: {
  projectId: string | null;
  projects: ProjectOption[];
  user: { name: string; email: string; isPlatformAdmin: boolean; mustChangePassword?: boolean };
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <AppSidebar projectId={props.projectId} projects={props.projects} isPlatformAdmin={props.user.isPlatformAdmin} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-2 border-b px-4 sm:px-6">
          <div className="mr-auto lg:hidden">
            <MobileNav projectId={props.projectId} projects={props.projects} isPlatformAdmin={props.user.isPlatformAdmin} />
          </div>
          <ThemeToggle />
          <UserMenu name={props.user.name} email={props.user.email} mustChangePassword={props.user.mustChangePassword} />
        </header>
        <main className="min-w-0 flex-1 p-4 sm:p-6">{props.children}</main>
      </div>
    </div>
  );
}

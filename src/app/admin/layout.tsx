import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/app-shell";
import { loadShell } from "@/server/navigation/load-shell";
import { CURRENT_PROJECT_COOKIE } from "@/server/navigation/resolve-home";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { user, projects } = await loadShell("/admin");
  if (!user.isPlatformAdmin) notFound();
  const preferred = (await cookies()).get(CURRENT_PROJECT_COOKIE)?.value;
  const current = projects.find((p) => p.id === preferred) ?? projects[0];
  return (
    <AppShell projectId={current?.id ?? null} projects={projects} user={user}>
      {children}
    </AppShell>
  );
}

import { redirect } from "next/navigation";
import { resolveHome } from "@/server/navigation/resolve-home";

export const dynamic = "force-dynamic";

export default async function Page() {
  redirect(await resolveHome("connections"));
}

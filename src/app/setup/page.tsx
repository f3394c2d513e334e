import { redirect } from "next/navigation";
import { getDb } from "@/server/db/client";
import { isSetupComplete } from "@/server/setup/get-setup-state";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (await isSetupComplete(await getDb())) redirect("/sign-in");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <SetupForm />
    </main>
  );
}

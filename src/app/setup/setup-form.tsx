"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { completeSetupAction, type SetupState } from "@/server/actions/setup";

export function SetupForm() {
  const router = useRouter();
  const [state, action, pending] = useActionState<SetupState, FormData>(completeSetupAction, { ok: false });
  useEffect(() => {
    // Only when the automatic sign-in failed: on success the action has already redirected.
    if (state.ok) {
      toast.success(state.message ?? "Your account is ready. Sign in to continue.");
      router.push("/sign-in");
    }
  }, [state.ok, state.message, router]);
  const fe = state.fieldErrors ?? {};
  // Controlled, so a refused submission keeps what was typed (React resets uncontrolled forms).
  const [values, setValues] = useState({ name: "", email: "", password: "", projectName: "My project" });
  const bind = (key: keyof typeof values) => ({
    value: values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value })),
  });
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Welcome — set up your installation</h1>
        </CardTitle>
        <CardDescription>Create the owner account. It becomes the platform admin and the admin of your first project.</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={action} className="space-y-4" noValidate>
          <FormField label="Your name" htmlFor="name" required error={fe.name}>
            <Input id="name" name="name" autoComplete="name" required {...bind("name")} />
          </FormField>
          <FormField label="E-mail" htmlFor="email" required error={fe.email}>
            <Input id="email" name="email" type="email" autoComplete="email" required {...bind("email")} />
          </FormField>
          <FormField label="Password" htmlFor="password" required error={fe.password} description="At least 10 characters.">
            <Input id="password" name="password" type="password" autoComplete="new-password" required {...bind("password")} />
          </FormField>
          <FormField label="First project name" htmlFor="projectName" required error={fe.projectName}>
            <Input id="projectName" name="projectName" required {...bind("projectName")} />
          </FormField>
          {state.message && !state.fieldErrors && (
            <p role="alert" className="text-sm text-destructive">
              {state.message}
            </p>
          )}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Creating…" : "Create owner account"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

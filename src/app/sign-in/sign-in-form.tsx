"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { signInAction, signInWithOidcAction, type SignInState } from "@/server/actions/sign-in";

export function SignInForm(props: { callbackUrl: string; oidcName: string | null; initialError?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { message: props.initialError });
  const [email, setEmail] = useState("");
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Sign in</h1>
        </CardTitle>
        <CardDescription>Manage the connections your flows use.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form action={action} className="space-y-4">
          <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
          <FormField label="E-mail" htmlFor="email" required>
            <Input id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </FormField>
          <FormField label="Password" htmlFor="password" required>
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </FormField>
          {state.message && (
            <p role="alert" className="text-sm text-destructive">
              {state.message}
            </p>
          )}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {props.oidcName && (
          <>
            <Separator />
            <form action={signInWithOidcAction}>
              <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
              <Button type="submit" variant="outline" className="w-full">
                Continue with {props.oidcName}
              </Button>
            </form>
          </>
        )}
      </CardContent>
    </Card>
  );
}

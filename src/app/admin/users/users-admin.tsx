"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PlatformChanges } from "@/components/admin/platform-changes";
import { UserActions } from "@/components/admin/user-actions";
import { useTRPC } from "@/trpc/react";

const empty = { name: "", email: "", password: "", isPlatformAdmin: false };

export function UsersAdmin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.admin.listUsers.queryOptions());
  const events = useQuery(trpc.admin.userEvents.queryOptions());
  const [form, setForm] = useState(empty);
  const create = useMutation(
    trpc.admin.createUser.mutationOptions({
      onSuccess: (u) => {
        toast.success(`Account created for ${u.email}`);
        setForm(empty);
        void qc.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
    }),
  );
  const fe = (create.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {};
  return (
    <div className="space-y-6">
      <form
        className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form);
        }}
      >
        <h2 className="text-base font-medium sm:col-span-2">Create an account</h2>
        <FormField label="Name" htmlFor="user-name" required error={fe.name}>
          <Input id="user-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </FormField>
        <FormField label="E-mail" htmlFor="user-email" required error={fe.email}>
          <Input id="user-email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
        </FormField>
        <FormField label="Initial password" htmlFor="user-password" required error={fe.password} description="At least 10 characters; share it privately.">
          <Input
            id="user-password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </FormField>
        <div className="flex items-center gap-2 self-center">
          <Checkbox id="user-admin" checked={form.isPlatformAdmin} onCheckedChange={(v) => setForm({ ...form, isPlatformAdmin: v === true })} />
          <Label htmlFor="user-admin">Platform admin</Label>
        </div>
        {create.error && !Object.keys(fe).length && (
          <p role="alert" className="text-sm text-destructive sm:col-span-2">
            {create.error.message}
          </p>
        )}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Create account
          </Button>
        </div>
      </form>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>E-mail</TableHead>
            <TableHead>Projects</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.isLoading && (
            <TableRow>
              <TableCell colSpan={6}>
                <Skeleton className="h-5 w-full" />
              </TableCell>
            </TableRow>
          )}
          {list.data?.map((u) => (
            <TableRow key={u.id}>
              <TableCell className="font-medium">{u.name}</TableCell>
              <TableCell>{u.email}</TableCell>
              <TableCell>{u.projects}</TableCell>
              <TableCell>{u.isPlatformAdmin ? <Badge>Platform admin</Badge> : <span className="text-muted-foreground">User</span>}</TableCell>
              <TableCell>
                {u.disabledAt ? (
                  <Badge variant="destructive">Disabled</Badge>
                ) : u.mustChangePassword ? (
                  <span className="text-muted-foreground">Must change password</span>
                ) : (
                  <span className="text-muted-foreground">Active</span>
                )}
              </TableCell>
              <TableCell>
                <UserActions user={u} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <PlatformChanges label="Recent account changes" empty="No account has been created or changed here yet." query={events} describe={describeUserEvent} />
    </div>
  );
}

const userEventText: Record<string, (email: string, d: Record<string, unknown>) => string> = {
  "user.created": (email, d) => `created the account ${email}${d.platformAdmin ? " (platform admin)" : ""}`,
  "user.disabled": (email) => `disabled ${email}`,
  "user.enabled": (email) => `enabled ${email}`,
  "user.password_reset": (email, d) => `reset the password of ${email}${d.generated ? " (one-time password)" : ""}`,
  "user.password_changed": (email) => `changed the password of ${email}`,
  "user.locked_out": (email, d) =>
    d.scope === "address"
      ? `locked sign-in from ${String(d.address)} after ${String(d.failures)} failures`
      : `locked sign-in to ${email} after ${String(d.failures)} failures`,
  "user.admin_granted": (email) => `made ${email} a platform admin`,
  "user.admin_revoked": (email) => `revoked platform admin from ${email}`,
};

function describeUserEvent(action: string, d: Record<string, unknown>): string {
  const email = typeof d.email === "string" ? d.email : "";
  return userEventText[action]?.(email, d) ?? action;
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/trpc/react";

type Role = "ADMIN" | "EDITOR" | "VIEWER";
const roles: { value: Role; label: string }[] = [
  { value: "ADMIN", label: "Admin" },
  { value: "EDITOR", label: "Editor" },
  { value: "VIEWER", label: "Viewer" },
];

export function MembersTable({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const members = useQuery(trpc.member.list.queryOptions({ projectId }));
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.member.list.queryKey({ projectId }) });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("EDITOR");
  const add = useMutation(
    trpc.member.add.mutationOptions({
      onSuccess: (m) => {
        toast.success(`${m.email} added as ${m.role.toLowerCase()}`);
        setEmail("");
        void invalidate();
      },
    }),
  );
  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: () => {
        toast.success("Role changed");
        void invalidate();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: () => {
        toast.success("Member removed");
        void invalidate();
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  return (
    <div className="space-y-6">
      {canManage && (
        <form
          className="flex flex-wrap items-end gap-3 rounded-lg border p-4"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ projectId, email, role });
          }}
        >
          <FormField label="E-mail of an existing user" htmlFor="member-email" required error={add.error?.message} className="min-w-64 flex-1">
            <Input id="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </FormField>
          <div className="space-y-2">
            <label className="text-sm font-medium" id="member-role-label">
              Role
            </label>
            <Select value={role} onValueChange={(v) => setRole(v as Role)}>
              <SelectTrigger className="w-32" aria-labelledby="member-role-label">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {roles.map((r) => (
                  <SelectItem key={r.value} value={r.value}>
                    {r.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Button type="submit" disabled={add.isPending}>
            Add member
          </Button>
        </form>
      )}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>E-mail</TableHead>
            <TableHead>Role</TableHead>
            {canManage && (
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.isLoading &&
            Array.from({ length: 3 }, (_, i) => (
              <TableRow key={i}>
                <TableCell colSpan={4}>
                  <Skeleton className="h-5 w-full" />
                </TableCell>
              </TableRow>
            ))}
          {members.data?.map((m) => (
            <TableRow key={m.userId}>
              <TableCell className="font-medium">{m.name}</TableCell>
              <TableCell>{m.email}</TableCell>
              <TableCell>
                {canManage ? (
                  <Select value={m.role} onValueChange={(v) => changeRole.mutate({ projectId, userId: m.userId, role: v as Role })}>
                    <SelectTrigger className="w-32" aria-label={`Role of ${m.email}`} size="sm">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {roles.map((r) => (
                        <SelectItem key={r.value} value={r.value}>
                          {r.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                ) : (
                  roles.find((r) => r.value === m.role)?.label
                )}
              </TableCell>
              {canManage && (
                <TableCell>
                  <Button variant="ghost" size="icon" aria-label={`Remove ${m.email}`} onClick={() => remove.mutate({ projectId, userId: m.userId })}>
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MoreHorizontal } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useTRPC } from "@/trpc/react";
import { ResetPasswordDialog } from "./reset-password-dialog";

export interface AdminUserRow {
  id: string;
  email: string;
  isPlatformAdmin: boolean;
  disabledAt: Date | null;
}

/** A user row's actions in Admin → Users: reset password, disable / enable, platform admin rights. */
export function UserActions({ user }: { user: AdminUserRow }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [resetting, setResetting] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.admin.pathKey() });
  const onError = (err: { message: string }) => toast.error(err.message);
  const setDisabled = useMutation(
    trpc.admin.setDisabled.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.disabled ? `${r.email} is disabled and signed out` : `${r.email} can sign in again`);
        refresh();
      },
      onError,
    }),
  );
  const setAdmin = useMutation(
    trpc.admin.setPlatformAdmin.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.isPlatformAdmin ? `${r.email} is a platform admin` : `${r.email} is no longer a platform admin`);
        refresh();
      },
      onError,
    }),
  );
  const disabled = user.disabledAt !== null;
  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label="Account actions">
            <MoreHorizontal className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setResetting(true)}>Reset password…</DropdownMenuItem>
          {disabled ? (
            <DropdownMenuItem onSelect={() => setDisabled.mutate({ userId: user.id, disabled: false })}>Enable</DropdownMenuItem>
          ) : (
            <DropdownMenuItem onSelect={() => setConfirmDisable(true)}>Disable…</DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setAdmin.mutate({ userId: user.id, isPlatformAdmin: !user.isPlatformAdmin })}>
            {user.isPlatformAdmin ? "Revoke platform admin" : "Make platform admin"}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ResetPasswordDialog user={resetting ? user : null} onClose={() => setResetting(false)} />
      <AlertDialog open={confirmDisable} onOpenChange={setConfirmDisable}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Disable {user.email}?</AlertDialogTitle>
            <AlertDialogDescription>
              They are signed out everywhere at their next request and cannot sign in, with a password or single sign-on, until enabled again. Their projects
              and connections stay.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => setDisabled.mutate({ userId: user.id, disabled: true })}>Disable</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

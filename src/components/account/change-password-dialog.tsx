"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signOutAction } from "@/server/actions/sign-in";
import { changePasswordAction, type ChangePasswordState } from "@/server/actions/account";

/**
 * Current + new + confirm. `forced` (after an admin's reset) cannot be dismissed: the app is
 * usable again once the user has a password of their own.
 */
export function ChangePasswordDialog({ open, onOpenChange, forced = false }: { open: boolean; onOpenChange: (open: boolean) => void; forced?: boolean }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  useEffect(() => {
    if (!state.ok) return;
    toast.success(state.message ?? "Password changed. Your other sessions were signed out.");
    onOpenChange(false);
    router.refresh();
  }, [state, onOpenChange, router]);
  const fe = state.ok ? {} : (state.fieldErrors ?? {});
  return (
    <Dialog open={open} onOpenChange={(next) => (forced ? undefined : onOpenChange(next))}>
      <DialogContent showCloseButton={!forced} onEscapeKeyDown={(e) => forced && e.preventDefault()} onInteractOutside={(e) => forced && e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{forced ? "Choose a new password" : "Change password"}</DialogTitle>
          <DialogDescription>
            {forced
              ? "An admin reset your password. Choose one of your own to continue."
              : "Your other sessions, on every device, are signed out; this one stays signed in."}
          </DialogDescription>
        </DialogHeader>
        <form action={action} className="space-y-4">
          <FormField label={forced ? "One-time password" : "Current password"} htmlFor="current-password" required error={fe.currentPassword}>
            <Input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
          </FormField>
          <FormField label="New password" htmlFor="new-password" required error={fe.newPassword} description="At least 10 characters.">
            <Input id="new-password" name="newPassword" type="password" autoComplete="new-password" required minLength={10} />
          </FormField>
          <FormField label="Confirm new password" htmlFor="confirm-password" required error={fe.confirmPassword}>
            <Input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required />
          </FormField>
          {state.message && !state.ok && !Object.keys(fe).length && (
            <p role="alert" className="text-sm text-destructive">
              {state.message}
            </p>
          )}
          <DialogFooter>
            {forced ? (
              <Button type="button" variant="ghost" onClick={() => void signOutAction()}>
                Sign out
              </Button>
            ) : (
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
            )}
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Change password"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

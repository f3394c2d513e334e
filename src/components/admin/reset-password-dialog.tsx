"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/trpc/react";

/**
 * Reset password: a generated one-time password, shown here once, or one the admin chooses.
 * Either way the user's sessions end and the next sign-in asks for a password of their own.
 */
export function ResetPasswordDialog({ user, onClose }: { user: { id: string; email: string } | null; onClose: () => void }) {
  const trpc = useTRPC();
  const [choose, setChoose] = useState(false);
  const [password, setPassword] = useState("");
  const qc = useQueryClient();
  const reset = useMutation(trpc.admin.resetPassword.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.admin.pathKey() }) }));
  const close = () => {
    onClose();
    setChoose(false);
    setPassword("");
    reset.reset();
  };
  const fe = (reset.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {};
  const done = reset.isSuccess;
  return (
    <Dialog open={user !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reset password</DialogTitle>
          <DialogDescription>{user?.email} is signed out everywhere and must choose a new password at the next sign-in.</DialogDescription>
        </DialogHeader>
        {done ? (
          reset.data.oneTimePassword ? (
            <div className="space-y-2">
              <p className="text-sm">Give this one-time password to {reset.data.email} privately. It is shown only now.</p>
              <Input
                readOnly
                aria-label="One-time password"
                value={reset.data.oneTimePassword}
                className="font-mono"
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
          ) : (
            <p className="text-sm" role="status">
              The password you chose is set for {reset.data.email}.
            </p>
          )
        ) : (
          <form
            id="reset-password-form"
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (user) reset.mutate({ userId: user.id, ...(choose ? { password } : {}) });
            }}
          >
            <div className="flex items-center gap-2">
              <Checkbox id="choose-password" checked={choose} onCheckedChange={(v) => setChoose(v === true)} />
              <Label htmlFor="choose-password">Set the password myself instead of generating one</Label>
            </div>
            {choose && (
              <FormField label="New password" htmlFor="reset-password" required error={fe.password} description="At least 10 characters.">
                <Input
                  id="reset-password"
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  required
                />
              </FormField>
            )}
            {reset.error && !Object.keys(fe).length && (
              <p role="alert" className="text-sm text-destructive">
                {reset.error.message}
              </p>
            )}
          </form>
        )}
        <DialogFooter>
          {done ? (
            <Button type="button" onClick={close}>
              Done
            </Button>
          ) : (
            <>
              <Button type="button" variant="outline" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="reset-password-form" disabled={reset.isPending}>
                Reset password
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

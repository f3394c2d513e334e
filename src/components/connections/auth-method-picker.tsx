"use client";

import { cn } from "@/lib/utils";
import type { PieceAuth } from "@/pieces";
import { AUTH_TYPE_LABELS } from "./auth-fields";

interface AuthMethodPickerProps {
  auths: PieceAuth[];
  value: PieceAuth["type"];
  onChange: (type: PieceAuth["type"]) => void;
  disabled?: boolean;
}

/** Radio cards for apps that offer more than one way to authenticate. */
export function AuthMethodPicker({ auths, value, onChange, disabled }: AuthMethodPickerProps) {
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">Authentication method</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {auths.map((auth) => (
          <label
            key={auth.type}
            className={cn(
              "flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors hover:bg-accent/50",
              "has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
              value === auth.type && "border-primary bg-accent/40",
            )}
          >
            <input
              type="radio"
              name="auth-method"
              value={auth.type}
              checked={value === auth.type}
              onChange={() => onChange(auth.type)}
              className="mt-0.5 accent-primary"
            />
            <span>
              <span className="block font-medium">{auth.displayName}</span>
              <span className="block text-xs text-muted-foreground">{AUTH_TYPE_LABELS[auth.type]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

"use client";

import { useId } from "react";
import type { PieceAuth } from "@/pieces";
import { credentialFields, type CredentialValues } from "./auth-fields";
import { CredentialField } from "./credential-field";

interface CredentialsFieldsProps {
  auth: PieceAuth;
  values: CredentialValues;
  onChange: (key: string, value: string | boolean) => void;
  fieldErrors?: Record<string, string>;
  /** Masked stored values, used as placeholders of empty secret fields. */
  hints?: Record<string, string>;
  disabled?: boolean;
  /** OAuth2: the Connect (or Reconnect) control; without it the box says how to authorize again. */
  oauthAction?: React.ReactNode;
}

/** The form generated from an auth schema; OAuth2 shows its method, its fields and the Connect control. */
export function CredentialsFields({ auth, values, onChange, fieldErrors = {}, hints, disabled, oauthAction }: CredentialsFieldsProps) {
  const idPrefix = useId();
  const fields = (
    <div className="grid gap-4">
      {credentialFields(auth).map((field) => (
        <CredentialField
          key={field.key}
          id={`${idPrefix}-${field.key}`}
          field={field}
          value={values[field.key] ?? ""}
          onChange={(value) => onChange(field.key, value)}
          error={fieldErrors[field.errorKey]}
          hint={field.prop.type === "secret" ? hints?.[field.key] : undefined}
          disabled={disabled}
        />
      ))}
    </div>
  );
  if (auth.type !== "OAUTH2") return fields;
  return (
    <div className="grid gap-4">
      {fields}
      <div className="rounded-md border bg-muted/40 p-4 text-sm">
        <p className="font-medium">{auth.displayName}</p>
        <p className="mt-1 text-muted-foreground">{auth.description}</p>
        <div className="mt-3">{oauthAction ?? <p className="text-muted-foreground">To authorize again, use Reconnect.</p>}</div>
      </div>
    </div>
  );
}

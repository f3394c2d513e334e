"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { CredentialFieldSpec } from "./auth-fields";
import { SecretInput } from "./secret-input";

interface CredentialFieldProps {
  id: string;
  field: CredentialFieldSpec;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string;
  /** Shown in an empty secret field while editing: the masked stored value. */
  hint?: string;
  disabled?: boolean;
}

/** One generated input of a connection form, chosen by the auth prop's type. */
export function CredentialField({ id, field, value, onChange, error, hint, disabled }: CredentialFieldProps) {
  const { prop } = field;
  const text = typeof value === "string" ? value : "";

  if (prop.type === "checkbox") {
    return (
      <div className="grid gap-1.5">
        <div className="flex items-center gap-2">
          <Checkbox
            id={id}
            checked={value === true}
            onCheckedChange={(checked) => onChange(checked === true)}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={[prop.description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
          />
          <Label htmlFor={id}>{prop.displayName}</Label>
        </div>
        <FieldNotes id={id} description={prop.description} error={error} />
      </div>
    );
  }

  if (prop.type === "dropdown") {
    // Radix Select's root takes no id, so the FormField wiring is done by hand on its trigger.
    const describedBy = [prop.description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(" ");
    return (
      <div className="grid gap-2">
        <Label htmlFor={id} className={error ? "text-destructive" : undefined}>
          <span>
            {prop.displayName}
            {prop.required && (
              <span aria-hidden="true" className="ml-0.5 text-destructive">
                *
              </span>
            )}
          </span>
        </Label>
        <Select value={text} onValueChange={onChange} disabled={disabled}>
          <SelectTrigger
            id={id}
            className="w-full"
            aria-required={prop.required || undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy || undefined}
          >
            <SelectValue placeholder={prop.placeholder ?? "Choose…"} />
          </SelectTrigger>
          <SelectContent>
            {prop.options?.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <FieldNotes id={id} description={prop.description} error={error} />
      </div>
    );
  }

  const common = {
    value: text,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
    placeholder: hint ?? prop.placeholder,
    disabled,
  };
  let control: React.ReactElement;
  if (prop.type === "secret") control = <SecretInput {...common} id={id} fieldLabel={prop.displayName} />;
  else if (prop.type === "textarea") control = <Textarea {...common} rows={3} />;
  else if (prop.type === "number")
    control = <Input {...common} type="number" inputMode="numeric" min={prop.min} max={prop.max} step={prop.integer ? 1 : "any"} />;
  else control = <Input {...common} type={prop.type === "url" ? "url" : "text"} autoComplete="off" spellCheck={false} />;

  return (
    <FormField label={prop.displayName} htmlFor={id} required={prop.required} description={prop.description} error={error}>
      {control}
    </FormField>
  );
}

function FieldNotes({ id, description, error }: { id: string; description?: string; error?: string }) {
  return (
    <>
      {description && (
        <p id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </>
  );
}

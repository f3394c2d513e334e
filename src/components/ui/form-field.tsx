import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

type FormFieldProps = {
  label: React.ReactNode;
  /** id of the control; also used to derive `${htmlFor}-description` and `${htmlFor}-error`. */
  htmlFor: string;
  required?: boolean;
  description?: React.ReactNode;
  error?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
};

type ControlProps = {
  id?: string;
  required?: boolean;
  "aria-required"?: boolean | "true" | "false";
  "aria-invalid"?: boolean | "true" | "false" | "grammar" | "spelling";
  "aria-describedby"?: string;
};

/**
 * Label + control + optional description + error message.
 *
 * If `children` is a single element (e.g. <Input />), it is wired up automatically:
 * `id` (when absent), `aria-required`, `aria-invalid` and `aria-describedby`
 * pointing at the description and error. The visual "*" is aria-hidden; the
 * required state is conveyed by the control itself.
 */
function FormField({ label, htmlFor, required = false, description, error, className, children }: FormFieldProps) {
  const descriptionId = `${htmlFor}-description`;
  const errorId = `${htmlFor}-error`;
  const hasDescription = description !== undefined && description !== null && description !== false;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";

  let control = children;
  if (React.isValidElement<ControlProps>(children)) {
    const existing = children.props["aria-describedby"];
    const describedBy = [existing, hasDescription ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ");
    const extra: ControlProps = {};
    if (children.props.id === undefined) extra.id = htmlFor;
    if (required && children.props.required === undefined && children.props["aria-required"] === undefined) {
      extra["aria-required"] = true;
    }
    if (hasError) extra["aria-invalid"] = true;
    if (describedBy) extra["aria-describedby"] = describedBy;
    control = React.cloneElement(children, extra);
  }

  return (
    <div data-slot="form-field" className={cn("grid gap-2", className)}>
      <Label htmlFor={htmlFor} className={cn(hasError && "text-destructive")}>
        <span>
          {label}
          {required && (
            <span aria-hidden="true" className="text-destructive ml-0.5">
              *
            </span>
          )}
        </span>
      </Label>
      {control}
      {hasDescription && (
        <p id={descriptionId} data-slot="form-field-description" className="text-muted-foreground text-sm">
          {description}
        </p>
      )}
      {hasError && (
        <p id={errorId} role="alert" data-slot="form-field-error" className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}

export { FormField, type FormFieldProps };

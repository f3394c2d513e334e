"use client";

import { Eye, EyeOff } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type SecretInputProps = Omit<React.ComponentProps<typeof Input>, "type"> & { fieldLabel: string };

/** A masked input with a show/hide toggle; browsers are told not to save it as a login. */
export function SecretInput({ fieldLabel, className, ...props }: SecretInputProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input {...props} type={visible ? "text" : "password"} autoComplete="new-password" spellCheck={false} className={`pr-10 font-mono ${className ?? ""}`} />
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className="absolute top-0 right-0 text-muted-foreground"
        aria-label={`${visible ? "Hide" : "Show"} ${fieldLabel}`}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
      </Button>
    </div>
  );
}

"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { Toaster as ToasterType } from "./sonner";
import { useToastsWanted } from "./toast";

const Toaster = dynamic(() => import("./sonner").then((m) => m.Toaster), { ssr: false });

/** The Toaster, loaded and mounted with the first toast (see ./toast). */
export function LazyToaster(props: ComponentProps<typeof ToasterType>) {
  return useToastsWanted() ? <Toaster {...props} /> : null;
}

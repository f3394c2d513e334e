import { cn } from "@/lib/utils";

/**
 * Below the desktop width the table scrolls sideways; the select box, Name and Status stay pinned
 * on the left and the row actions on the right (at every width), so every row can still be read
 * and acted on.
 * Name has a fixed width there so Status knows where to pin.
 */
const pinned = "max-lg:sticky max-lg:z-10 max-lg:bg-background";

export const stickyColumns = {
  select: cn(pinned, "max-lg:left-0"),
  name: (withSelect: boolean) =>
    cn(pinned, "max-lg:w-48 max-lg:min-w-48 max-lg:max-w-48 max-sm:w-36 max-sm:min-w-36 max-sm:max-w-36", withSelect ? "max-lg:left-10" : "max-lg:left-0"),
  status: (withSelect: boolean) =>
    cn(pinned, withSelect ? "max-lg:left-[232px] max-sm:left-[184px]" : "max-lg:left-48 max-sm:left-36", "max-lg:shadow-[1px_0_0_var(--border)]"),
  // Even on a desktop a long name or reason can push the table past its box: actions stay pinned there too.
  actions: "sticky right-0 z-10 bg-background shadow-[-1px_0_0_var(--border)]",
};

// Type-only: the DTO is what the connection procedures return to the browser.
export type { ConnectionDto } from "@/server/connections/dto";

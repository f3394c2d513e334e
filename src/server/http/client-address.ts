import type { IncomingMessage } from "node:http";
import { getEnv } from "@/env";

/**
 * server.ts overwrites this header on every request it hands to Next, so code behind Next (the
 * sign-in callback) sees the real client address; a value sent by the client never survives.
 */
export const CLIENT_ADDRESS_HEADER = "x-connections-client-address";

export const UNKNOWN_ADDRESS = "unknown";

function normalize(address: string): string {
  const trimmed = address.trim();
  // IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/**
 * The address throttling is keyed on: the socket's peer, or with TRUST_PROXY the last entry of
 * X-Forwarded-For — the one our own proxy appended; entries before it are the client's claims.
 */
export function clientAddress(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  trustProxy: boolean = getEnv().TRUST_PROXY,
): string {
  if (trustProxy && forwardedFor) {
    const joined = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
    const hops = joined
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return normalize(last).slice(0, 100);
  }
  return socketAddress ? normalize(socketAddress).slice(0, 100) : UNKNOWN_ADDRESS;
}

export function clientAddressOfNodeRequest(req: IncomingMessage): string {
  return clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]);
}

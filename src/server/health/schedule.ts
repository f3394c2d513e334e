import { getEnv } from "@/env";

/** Now + the configured interval, jittered ±10% so checks spread out instead of bunching. */
export function nextCheckTime(now = Date.now(), random = Math.random): Date {
  const interval = getEnv().HEALTH_CHECK_INTERVAL_MINUTES * 60_000;
  const jitter = (random() * 0.2 - 0.1) * interval;
  return new Date(now + interval + jitter);
}

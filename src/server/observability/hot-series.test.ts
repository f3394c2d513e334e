import { Counter, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { RequestCounter, RouteHistogram } from "./hot-series";

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const ROUTE_A = "/api/v1/worker/connections/:externalId";
const ROUTE_B = "/api/v1/worker/resolve";

/** Lines of the exposition, sorted: prom-client and the hot series may list series in another order. */
async function exposition(registry: Registry): Promise<string[]> {
  return (await registry.metrics()).split("\n").filter(Boolean).sort();
}

describe("hot series", () => {
  it("print exactly what prom-client's own Counter and Histogram print for the same requests", async () => {
    const ours = new Registry();
    const counter = new RequestCounter(ours, "t_requests_total", "requests");
    const histogram = new RouteHistogram(ours, { name: "t_duration_seconds", help: "durations", buckets: BUCKETS });

    const theirs = new Registry();
    const pCounter = new Counter({ name: "t_requests_total", help: "requests", labelNames: ["route", "method", "status"] as const, registers: [theirs] });
    const pHistogram = new Histogram({
      name: "t_duration_seconds",
      help: "durations",
      labelNames: ["route", "outcome"] as const,
      buckets: BUCKETS,
      registers: [theirs],
    });

    // Values on bucket bounds, between them and above the last one.
    const requests: [string, string, number, string, number][] = [
      [ROUTE_A, "GET", 200, "ok", 0.001],
      [ROUTE_A, "GET", 200, "ok", 0.0031],
      [ROUTE_A, "GET", 404, "not_found", 0.02],
      [ROUTE_B, "POST", 200, "ok", 7.5],
      [ROUTE_B, "POST", 503, "unavailable", 5],
      [ROUTE_A, "GET", 200, "ok", 0.0004],
    ];
    for (const [route, method, status, outcome, seconds] of requests) {
      counter.inc(route, method, status);
      histogram.observe(route, outcome, seconds);
      pCounter.inc({ route, method, status: String(status) });
      pHistogram.observe({ route, outcome }, seconds);
    }
    const mine = await exposition(ours);
    expect(mine).toEqual(await exposition(theirs));
    expect(mine).toContain(`t_requests_total{route="${ROUTE_A}",method="GET",status="200"} 3`);
    expect(mine).toContain(`t_duration_seconds_bucket{le="0.001",route="${ROUTE_A}",outcome="ok"} 2`);
    expect(mine).toContain(`t_duration_seconds_bucket{le="+Inf",route="${ROUTE_B}",outcome="ok"} 1`);

    // A second scrape counts on from the first (nothing is reset by reading).
    counter.inc(ROUTE_A, "GET", 200);
    pCounter.inc({ route: ROUTE_A, method: "GET", status: "200" });
    expect(await exposition(ours)).toEqual(await exposition(theirs));
  });

  it("ignores a duration that is not a finite number", async () => {
    const registry = new Registry();
    const histogram = new RouteHistogram(registry, { name: "t_seconds", help: "h", buckets: BUCKETS });
    histogram.observe(ROUTE_A, "ok", Number.NaN);
    histogram.observe(ROUTE_A, "ok", Number.POSITIVE_INFINITY);
    expect((await histogram.get()).values).toEqual([]);
  });
});

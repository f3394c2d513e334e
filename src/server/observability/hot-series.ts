/**
 * The two series every engine request adds to (cm_http_requests_total and
 * cm_engine_resolve_duration_seconds), kept in plain numbers found through nested maps: no label
 * object, no label validation, no label hashing per request, which prom-client's own Counter and
 * Histogram do on every inc()/observe() (a few per cent of a resolve's CPU). prom-client reads
 * them at scrape time, so /metrics prints exactly what its own types would: a Counter filled by
 * its collect() hook, and a histogram metric whose get() answers in prom-client's shape
 * (`_bucket` with cumulative `le` counts up to +Inf, `_sum`, `_count`).
 */
import { Counter, type Registry } from "prom-client";

type Labels = Record<string, string>;

/** A counter by (route, method, status). */
export class RequestCounter {
  private readonly byRoute = new Map<string, Map<string, Map<number, { labels: Labels; value: number }>>>();

  constructor(registry: Registry, name: string, help: string) {
    const entries = () => this.entries();
    new Counter({
      name,
      help,
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const entry of entries()) this.inc(entry.labels, entry.value);
      },
    });
  }

  inc(route: string, method: string, status: number): void {
    let byMethod = this.byRoute.get(route);
    if (!byMethod) this.byRoute.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    const entry = byStatus.get(status);
    if (entry) entry.value++;
    else byStatus.set(status, { labels: { route, method, status: String(status) }, value: 1 });
  }

  *entries(): Iterable<{ labels: Labels; value: number }> {
    for (const byMethod of this.byRoute.values()) for (const byStatus of byMethod.values()) yield* byStatus.values();
  }
}

interface HistogramSeries {
  labels: Labels;
  /** Observations per bucket (not cumulative); the last slot counts those above every bound (+Inf). */
  counts: number[];
  sum: number;
  count: number;
}

/** A histogram by (route, outcome). */
export class RouteHistogram {
  private readonly byRoute = new Map<string, Map<string, HistogramSeries>>();
  readonly name: string;
  readonly help: string;
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly bounds: readonly number[];

  constructor(registry: Registry, opts: { name: string; help: string; buckets: readonly number[] }) {
    this.name = opts.name;
    this.help = opts.help;
    this.bounds = [...opts.buckets].sort((a, b) => a - b);
    // prom-client's registry takes any metric that answers get(); its own classes are not needed.
    registry.registerMetric(this as unknown as Parameters<Registry["registerMetric"]>[0]);
  }

  observe(route: string, outcome: string, seconds: number): void {
    if (!Number.isFinite(seconds)) return;
    let byOutcome = this.byRoute.get(route);
    if (!byOutcome) this.byRoute.set(route, (byOutcome = new Map()));
    let series = byOutcome.get(outcome);
    if (!series) byOutcome.set(outcome, (series = { labels: { route, outcome }, counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 }));
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]!) i++;
    series.counts[i]!++;
    series.sum += seconds;
    series.count++;
  }

  /** prom-client's shape: per series, cumulative buckets by `le`, then `_sum` and `_count`. */
  async get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const byOutcome of this.byRoute.values()) {
      for (const s of byOutcome.values()) {
        let cumulative = 0;
        for (let i = 0; i < this.bounds.length; i++) {
          cumulative += s.counts[i]!;
          values.push({ labels: { le: this.bounds[i]!, ...s.labels }, value: cumulative, metricName: `${this.name}_bucket` });
        }
        values.push({ labels: { le: "+Inf", ...s.labels }, value: s.count, metricName: `${this.name}_bucket` });
        values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
        values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
      }
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.byRoute.clear();
  }
}

// /metrics in the Prometheus text exposition format 0.0.4, written by hand (a few counters, one histogram family and
// the process gauges do not justify prom-client). The framework metrics are new (the original had only the default
// Python collectors, runtime.md §4.2); names follow Prometheus conventions with a `dit_` prefix.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { FrameworkMetrics, HandlerKind } from "../contract.js";

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
/** Handler latency buckets in seconds: from a fast in-memory handler to a slow ledger round trip. */
export const LATENCY_BUCKETS: readonly number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface GaugeSample {
  name: string;
  help: string;
  type?: "gauge" | "counter";
  value: number;
}

/** FrameworkMetrics for the runtime plus rendering for the host. */
export interface HostMetrics extends FrameworkMetrics {
  /** The exposition text; `extra` are gauges computed at scrape time (the host adds status-derived ones). */
  render(extra?: readonly GaugeSample[]): string;
  /** Stops the event loop delay monitor. */
  close(): void;
}

interface Histogram { counts: number[]; sum: number; count: number }

export function createMetrics(options: { eventLoopMonitor?: boolean } = {}): HostMetrics {
  const events = new Map<HandlerKind, number>();
  const errors = new Map<HandlerKind, number>();
  const latency = new Map<HandlerKind, Histogram>();
  let commands = 0;
  let submissionFailures = 0;
  let loopDelay: IntervalHistogram | undefined;
  if (options.eventLoopMonitor ?? true) {
    loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
  }
  const increment = (map: Map<HandlerKind, number>, kind: HandlerKind): void => { map.set(kind, (map.get(kind) ?? 0) + 1); };

  return {
    countEvent: (kind) => increment(events, kind),
    countHandlerError: (kind) => increment(errors, kind),
    countCommands: (count) => { if (count > 0) commands += count; },
    countSubmissionFailure: () => { submissionFailures += 1; },
    observeHandlerSeconds(kind, seconds) {
      let histogram = latency.get(kind);
      if (!histogram) latency.set(kind, (histogram = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }));
      const index = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
      if (index >= 0) histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
      histogram.sum += seconds;
      histogram.count += 1;
    },
    render(extra = []) {
      const out: string[] = [];
      family(out, "dit_events_total", "Events dispatched to integration handlers, by handler kind.", "counter",
        [...events].map(([kind, value]) => [{ kind }, value]));
      family(out, "dit_handler_errors_total", "Integration handler invocations that threw, by handler kind.", "counter",
        [...errors].map(([kind, value]) => [{ kind }, value]));
      family(out, "dit_commands_total", "Ledger commands attempted (counted before submission).", "counter", [[{}, commands]]);
      family(out, "dit_submission_failures_total", "Command submissions that failed or timed out.", "counter",
        [[{}, submissionFailures]]);
      renderHistograms(out, latency);
      for (const sample of extra) family(out, sample.name, sample.help, sample.type ?? "gauge", [[{}, sample.value]]);
      for (const sample of processSamples(loopDelay)) family(out, sample.name, sample.help, sample.type ?? "gauge", [[{}, sample.value]]);
      return out.join("\n") + "\n";
    },
    close() { loopDelay?.disable(); },
  };
}

type Labels = Record<string, string>;

function family(out: string[], name: string, help: string, type: string, samples: Array<[Labels, number]>): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, value] of samples) out.push(`${name}${labelText(labels)} ${formatValue(value)}`);
}

function renderHistograms(out: string[], latency: Map<HandlerKind, Histogram>): void {
  const name = "dit_handler_duration_seconds";
  out.push(`# HELP ${name} Time integration handlers took, commands included, by handler kind.`, `# TYPE ${name} histogram`);
  for (const [kind, histogram] of latency) {
    let cumulative = 0;
    LATENCY_BUCKETS.forEach((bound, i) => {
      cumulative += histogram.counts[i] ?? 0;
      out.push(`${name}_bucket${labelText({ kind, le: formatValue(bound) })} ${cumulative}`);
    });
    out.push(`${name}_bucket${labelText({ kind, le: "+Inf" })} ${histogram.count}`,
      `${name}_sum${labelText({ kind })} ${formatValue(histogram.sum)}`, `${name}_count${labelText({ kind })} ${histogram.count}`);
  }
}

const startTimeSeconds = Math.round((Date.now() - performance.now()) / 1000);

function processSamples(loopDelay: IntervalHistogram | undefined): GaugeSample[] {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const samples: GaugeSample[] = [
    { name: "process_cpu_user_seconds_total", help: "User CPU time spent in seconds.", type: "counter", value: cpu.user / 1e6 },
    { name: "process_cpu_system_seconds_total", help: "System CPU time spent in seconds.", type: "counter", value: cpu.system / 1e6 },
    { name: "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.", type: "counter",
      value: (cpu.user + cpu.system) / 1e6 },
    { name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", value: memory.rss },
    { name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.", value: startTimeSeconds },
    { name: "nodejs_heap_size_total_bytes", help: "Process heap size from Node.js in bytes.", value: memory.heapTotal },
    { name: "nodejs_heap_size_used_bytes", help: "Process heap size used from Node.js in bytes.", value: memory.heapUsed },
    { name: "nodejs_external_memory_bytes", help: "Node.js external memory size in bytes.", value: memory.external },
  ];
  if (loopDelay && loopDelay.count > 0) {
    samples.push(
      { name: "nodejs_eventloop_lag_mean_seconds", help: "Mean event loop delay since the last scrape.", value: loopDelay.mean / 1e9 },
      { name: "nodejs_eventloop_lag_p99_seconds", help: "99th percentile event loop delay since the last scrape.",
        value: loopDelay.percentile(99) / 1e9 },
      { name: "nodejs_eventloop_lag_max_seconds", help: "Maximum event loop delay since the last scrape.", value: loopDelay.max / 1e9 },
    );
    loopDelay.reset();
  }
  return samples;
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`).join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}

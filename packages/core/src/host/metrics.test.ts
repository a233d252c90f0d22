import { expect, test } from "vitest";
import { LATENCY_BUCKETS, createMetrics } from "./metrics.js";

test("framework counters and the latency histogram in the exposition format", () => {
  const metrics = createMetrics({ eventLoopMonitor: false });
  metrics.countEvent("contract_created");
  metrics.countEvent("contract_created");
  metrics.countEvent("timer");
  metrics.countHandlerError("timer");
  metrics.countCommands(3);
  metrics.countSubmissionFailure();
  metrics.observeHandlerSeconds("webhook", 0.003);
  metrics.observeHandlerSeconds("webhook", 0.2);
  metrics.observeHandlerSeconds("webhook", 100);
  const text = metrics.render([{ name: "dit_running", help: "Running.", value: 1 }]);
  expect(text.endsWith("\n")).toBe(true);
  expect(text).toContain([
    "# HELP dit_events_total Events dispatched to integration handlers, by handler kind.",
    "# TYPE dit_events_total counter",
    'dit_events_total{kind="contract_created"} 2',
    'dit_events_total{kind="timer"} 1',
  ].join("\n"));
  expect(text).toContain('dit_handler_errors_total{kind="timer"} 1\n');
  expect(text).toContain("dit_commands_total 3\n");
  expect(text).toContain("dit_submission_failures_total 1\n");
  expect(text).toContain("# TYPE dit_handler_duration_seconds histogram\n");
  expect(text).toContain('dit_handler_duration_seconds_bucket{kind="webhook",le="0.001"} 0\n');
  expect(text).toContain('dit_handler_duration_seconds_bucket{kind="webhook",le="0.005"} 1\n');
  expect(text).toContain('dit_handler_duration_seconds_bucket{kind="webhook",le="0.25"} 2\n');
  expect(text).toContain(`dit_handler_duration_seconds_bucket{kind="webhook",le="${LATENCY_BUCKETS.at(-1)}"} 2\n`);
  expect(text).toContain('dit_handler_duration_seconds_bucket{kind="webhook",le="+Inf"} 3\n');
  expect(text).toContain('dit_handler_duration_seconds_count{kind="webhook"} 3\n');
  expect(text).toContain('dit_handler_duration_seconds_sum{kind="webhook"} 100.203\n');
  expect(text).toContain("# TYPE dit_running gauge\ndit_running 1\n");
  for (const name of ["process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds", "nodejs_heap_size_used_bytes"]) {
    expect(text).toMatch(new RegExp(`^${name} [0-9.e+]+$`, "m"));
  }
  // Every non-comment line is `name{labels} value`.
  for (const line of text.trimEnd().split("\n").filter((l) => !l.startsWith("#"))) {
    expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/);
  }
});

test("event loop lag gauges appear once the monitor has samples", async () => {
  const metrics = createMetrics();
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(metrics.render()).toMatch(/^nodejs_eventloop_lag_p99_seconds [0-9.e-]+$/m);
  metrics.close();
});

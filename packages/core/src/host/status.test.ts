import { expect, test } from "vitest";
import { sampleStatus } from "../../test/host-support.js";
import { statusBody, statusDocument } from "./status.js";

test("keys in the original's order, then the new keys", () => {
  const document = statusDocument(sampleStatus(), 10, "http://localhost:8089/status");
  expect(Object.keys(document)).toEqual([
    "running", "start_time", "error_message", "error_time", "pending_events", "event_queue", "webhooks", "ledger_events",
    "timers", "queues", "log_level", "log_level_options", "_self", "ready", "ledger", "submissions",
  ]);
  expect(Object.keys(document.event_queue as object)).toEqual(["queue_size", "total_events", "pending_events", "skipped_events"]);
  expect(Object.keys((document.webhooks as object[])[0] ?? {})).toEqual([
    "index", "label", "command_count", "use_count", "error_count", "error_message", "error_time", "url_path", "method"]);
});

test("exact bytes", () => {
  expect(statusBody(sampleStatus(), 10, "http://localhost:8089/status")).toBe(
    '{"running": true, "start_time": "2024-05-01T12:00:00Z", "error_message": null, "error_time": null, ' +
    '"pending_events": 0, "event_queue": {"queue_size": 512, "total_events": 3, "pending_events": 0, "skipped_events": 0}, ' +
    '"webhooks": [{"index": 0, "label": "h\\u00e9llo", "command_count": 1, "use_count": 2, "error_count": 0, ' +
    '"error_message": null, "error_time": null, "url_path": "/integration/{integration_id}/hook", "method": "post"}], ' +
    '"ledger_events": [], "timers": [{"index": 0, "label": "Periodic Interval", "command_count": 0, "use_count": 3, ' +
    '"error_count": 0, "error_message": null, "error_time": null}], "queues": [], "log_level": 10, ' +
    '"log_level_options": [{"label": "Runtime", "value": 0}, {"label": "Low", "value": 10}, {"label": "High", "value": 20}, ' +
    '{"label": "All", "value": 50}], "_self": "http://localhost:8089/status", "ready": true, ' +
    '"ledger": {"state": "connected", "offset": "000000000000000a", "error": null}, ' +
    '"submissions": {"succeeded": 2, "failed": 1, "last_error": null, "last_error_time": null}}\n');
});

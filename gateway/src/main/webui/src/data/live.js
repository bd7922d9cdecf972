// The one live connection: every run's events on GET /api/v1/events (Server-Sent Events), handed to the stores.
// One stream for the whole page, where a stream per run would pass the browser's six connections per host.
import { observable } from './observable.js';
import { applyMetrics, applyStatus } from './runs.js';
import { applyMetricPoint, applyQuality } from './series.js';

/** The latest checkpoint event of each run, for views that show checkpoints. */
export const checkpoints = observable(new Map());
/** null while the first connection is being made, then whether the stream is open. */
export const connected = observable(null);

let source = null;

export function connect() {
  if (source) source.close();
  source = new EventSource('/api/v1/events');
  source.onopen = () => connected.set(true);
  source.onerror = () => connected.set(false); // EventSource reconnects by itself
  source.addEventListener('metrics', event => {
    const point = JSON.parse(event.data);
    applyMetricPoint(point);
    applyMetrics(point);
  });
  source.addEventListener('status', event => applyStatus(JSON.parse(event.data)));
  source.addEventListener('quality', event => applyQuality(JSON.parse(event.data)));
  source.addEventListener('checkpoint', event => {
    const checkpoint = JSON.parse(event.data);
    checkpoints.get().set(checkpoint.runId, checkpoint);
    checkpoints.touch();
  });
}

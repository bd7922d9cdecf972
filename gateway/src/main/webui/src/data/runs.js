// Every run the gateway knows, kept current by the one live stream (status events) and a slow refresh.
import { api } from '../api.js';
import { observable } from './observable.js';

export const runs = observable([]);

export async function refreshRuns() {
  runs.set(await api('/api/v1/runs'));
}

export const isActive = run => run.state === 'PENDING' || run.state === 'RUNNING';

/** A status event: the run's row changes in place (a new run is added first). */
export function applyStatus(status) {
  const list = runs.get();
  const index = list.findIndex(run => run.runId === status.runId);
  const known = index >= 0 ? list[index] : {};
  const updated = {
    ...known,
    runId: status.runId,
    state: status.state,
    epoch: status.epoch,
    step: Math.max(status.step, known.step || 0),
    latestCheckpointStep: status.latestCheckpointStep,
    message: status.message,
    spec: status.spec || known.spec,
    updatedMillis: status.updatedMillis,
  };
  runs.set(index >= 0 ? list.map((run, i) => (i === index ? updated : run)) : [updated, ...list]);
}

/** A metrics point moves its run's step and speed on, without a request. */
export function applyMetrics(point) {
  const run = runs.get().find(r => r.runId === point.runId);
  if (!run || point.step <= run.step) return;
  run.step = point.step;
  run.epoch = point.epoch;
  run.imagesPerSecond = point.imagesPerSecond;
  runs.touch();
}

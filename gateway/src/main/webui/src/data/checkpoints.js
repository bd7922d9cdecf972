// A run's stored checkpoints (step, epoch, the fixed-noise sample grid), oldest first, reloaded when a checkpoint
// event of the run arrives.
import { useEffect, useState } from 'preact/hooks';
import { allPages } from '../api.js';
import { useObservable } from './observable.js';
import { checkpoints as latestCheckpoints } from './live.js';

export function useCheckpoints(runId) {
  const [list, setList] = useState([]);
  const latest = useObservable(latestCheckpoints).get(runId);
  useEffect(() => {
    if (!runId) return undefined;
    let current = true;
    allPages(`/api/v1/runs/${runId}/checkpoints?limit=1000`)
      .then(found => { if (current) setList(found.sort((a, b) => a.step - b.step)); })
      .catch(() => {});
    return () => { current = false; };
  }, [runId, latest && latest.step]);
  return list;
}

/** The checkpoint at the step, or the last one before it, or the first. */
export function checkpointAt(list, step) {
  if (list.length === 0) return null;
  if (step === null || step === undefined) return list[list.length - 1];
  let found = list[0];
  for (const checkpoint of list) if (checkpoint.step <= step) found = checkpoint;
  return found;
}

// TensorBoard's smoothing: an exponential moving average, debiased so that the first points are not pulled towards
// zero. weight 0 leaves the values as they are; gaps (null) stay gaps and do not move the average.
export function smooth(values, weight) {
  if (!(weight > 0)) return values;
  const smoothed = new Array(values.length);
  let average = 0;
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined || !Number.isFinite(value)) {
      smoothed[i] = null;
      continue;
    }
    average = average * weight + (1 - weight) * value;
    seen += 1;
    smoothed[i] = average / (1 - Math.pow(weight, seen));
  }
  return smoothed;
}

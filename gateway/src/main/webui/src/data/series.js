// Each run's curves, loaded when a view first needs them and extended by live events: training metrics points and
// the evaluator's quality figures per checkpoint, in columns (one array per figure), as charts draw them.
import { api } from '../api.js';
import { observable } from './observable.js';

export const METRIC_FIGURES = ['lossD', 'lossG', 'dReal', 'dFake', 'imagesPerSecond'];
export const QUALITY_FIGURES = ['accuracy', 'fcd', 'precision', 'recall'];

function columns(figures) {
  return Object.fromEntries(['step', 'time', ...figures].map(name => [name, []]));
}

class RunSeries {
  constructor(runId) {
    this.runId = runId;
    this.metrics = columns(METRIC_FIGURES);
    this.quality = columns(QUALITY_FIGURES);
    this.measured = new Map(); // step -> the checkpoint's CheckpointQuality
    this.bestStep = null;
    this.referenceClassifier = null;
    this.changes = observable(0);
  }

  addMetric(point) {
    const steps = this.metrics.step;
    if (steps.length && point.step <= steps[steps.length - 1]) return;
    steps.push(point.step);
    this.metrics.time.push(point.timeMillis / 1000);
    METRIC_FIGURES.forEach(name => this.metrics[name].push(point[name]));
    this.changes.touch();
  }

  setQuality(view) {
    this.quality = columns(QUALITY_FIGURES);
    this.measured.clear();
    view.checkpoints.forEach(q => this.addQuality(q));
    this.bestStep = view.bestStep;
    this.referenceClassifier = view.referenceClassifier;
    this.changes.touch();
  }

  addQuality(q) {
    if (this.measured.has(q.step)) return;
    this.measured.set(q.step, q);
    const at = this.quality.step.findIndex(step => step > q.step);
    const index = at < 0 ? this.quality.step.length : at;
    this.quality.step.splice(index, 0, q.step);
    this.quality.time.splice(index, 0, q.timeMillis / 1000);
    QUALITY_FIGURES.forEach(name => this.quality[name].splice(index, 0, q[name] ?? null));
    if (q.fcd != null && (this.bestStep === null || q.fcd < this.measured.get(this.bestStep)?.fcd)) {
      this.bestStep = q.step;
    }
    this.changes.touch();
  }

  /** The best (lowest) FCD and the highest label accuracy, with their steps. */
  summary() {
    let best = { fcd: null, fcdStep: null, accuracy: null, accuracyStep: null, time: null };
    for (const q of this.measured.values()) {
      if (q.fcd != null && (best.fcd === null || q.fcd < best.fcd)) {
        best = { ...best, fcd: q.fcd, fcdStep: q.step, time: q.timeMillis };
      }
      if (q.accuracy != null && (best.accuracy === null || q.accuracy > best.accuracy)) {
        best = { ...best, accuracy: q.accuracy, accuracyStep: q.step };
      }
    }
    return best;
  }
}

const all = new Map();
const metricsLoads = new Map();
const qualityLoads = new Map();

export function seriesOf(runId) {
  if (!all.has(runId)) all.set(runId, new RunSeries(runId));
  return all.get(runId);
}

/** Loads the run's metrics history once (later points come live). */
export function loadMetrics(runId) {
  if (!metricsLoads.has(runId)) {
    const series = seriesOf(runId);
    metricsLoads.set(runId, api(`/api/v1/runs/${runId}/metrics`)
      .then(points => points.forEach(point => series.addMetric(point)))
      .catch(() => metricsLoads.delete(runId)));
  }
  return metricsLoads.get(runId);
}

/** Loads the run's quality figures once (later ones come live). */
export function loadQuality(runId) {
  if (!qualityLoads.has(runId)) {
    qualityLoads.set(runId, api(`/api/v1/runs/${runId}/quality`)
      .then(view => seriesOf(runId).setQuality(view))
      .catch(() => qualityLoads.delete(runId)));
  }
  return qualityLoads.get(runId);
}

/** A live metrics point: kept only for runs whose history is loaded, so no curve starts in the middle. */
export function applyMetricPoint(point) {
  if (metricsLoads.has(point.runId)) seriesOf(point.runId).addMetric(point);
}

export function applyQuality(quality) {
  if (qualityLoads.has(quality.runId)) seriesOf(quality.runId).addQuality(quality);
}

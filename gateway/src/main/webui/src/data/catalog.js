// What the platform offers: data sets (with class names) and the model families a run may be started with, their
// defaults and the limits of every number, read from the API so that forms never copy a rule.
import { api } from '../api.js';
import { observable } from './observable.js';

export const datasets = observable([]);
export const runOptions = observable(null);

export async function refreshDatasets() {
  datasets.set(await api('/api/v1/datasets'));
}

export async function loadRunOptions() {
  if (!runOptions.get()) runOptions.set(await api('/api/v1/run-options'));
  return runOptions.get();
}

/** The data set's class names, or 0..9 when it is not known (yet). */
export function classNames(datasetName) {
  const dataset = datasets.get().find(d => d.name === datasetName);
  return dataset ? dataset.classes : [...Array(10).keys()].map(String);
}

/** How many steps a run takes in all, when its data set is known: epochs x whole batches of the images it uses. */
export function totalSteps(spec) {
  const dataset = spec && datasets.get().find(d => d.name === spec.dataset);
  if (!dataset) return null;
  const images = dataset.counts.reduce((a, b) => a + b, 0);
  const used = spec.datasetLimit > 0 ? Math.min(spec.datasetLimit, images) : images;
  return spec.epochs * Math.floor(used / spec.batchSize);
}

const family = model => runOptions.get()?.models.find(m => m.name === model);

/** Whether the model family is conditioned on a class (its samples have a row per class). */
export const isConditional = model => family(model)?.conditional ?? false;

/** Whether the model family makes images (a GAN) rather than judging them (a reference classifier). */
export const isGan = model => family(model)?.kind === 'GAN';

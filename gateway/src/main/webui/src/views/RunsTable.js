// Every run in one table (W&B's runs table): settings, state, progress, speed and best quality; sort by any column,
// filter by text, select several to compare.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { totalSteps } from '../data/catalog.js';
import { useObservable } from '../data/observable.js';
import { isActive, refreshRuns, runs as allRuns } from '../data/runs.js';
import { loadQuality, seriesOf } from '../data/series.js';
import { fixed, percent } from '../components/Figures.js';
import { href } from '../router.js';

const COLUMNS = [
  { key: 'runId', title: 'Run', value: r => r.runId },
  { key: 'model', title: 'Model', value: r => r.spec?.model },
  { key: 'dataset', title: 'Data set', value: r => r.spec?.dataset },
  { key: 'batchSize', title: 'Batch', value: r => r.spec?.batchSize, number: true },
  { key: 'learningRate', title: 'LR', value: r => r.spec?.learningRate, number: true },
  { key: 'epochs', title: 'Epochs', value: r => r.spec?.epochs, number: true },
  { key: 'state', title: 'State', value: r => r.state },
  { key: 'progress', title: 'Progress', value: r => r.progress, number: true },
  { key: 'imagesPerSecond', title: 'img/s', value: r => r.imagesPerSecond, number: true },
  { key: 'bestFcd', title: 'Best FCD', value: r => r.best.fcd, number: true },
  { key: 'bestAccuracy', title: 'Best accuracy', value: r => r.best.accuracy, number: true },
  { key: 'updated', title: 'Updated', value: r => r.updatedMillis, number: true },
];

function useSummaries(list) {
  const [, setTick] = useState(0);
  const ids = list.map(r => r.runId).join(',');
  useEffect(() => {
    const unfollow = list.map(run => {
      loadQuality(run.runId);
      return seriesOf(run.runId).changes.follow(() => setTick(t => t + 1));
    });
    return () => unfollow.forEach(stop => stop());
  }, [ids]);
  return list.map(run => {
    const total = totalSteps(run.spec);
    return { ...run, best: seriesOf(run.runId).summary(), progress: total ? Math.min(1, run.step / total) : null };
  });
}

function compare(column, direction) {
  return (a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1; // unknowns last, either way
    if (y === null || y === undefined) return -1;
    return (column.number ? x - y : String(x).localeCompare(String(y))) * direction;
  };
}

const when = millis => (millis ? new Date(millis).toLocaleString() : '–');

const GROUPS = { model: r => r.spec?.model ?? '?', dataset: r => r.spec?.dataset ?? '?', state: r => r.state };

/** The rows in groups of one value of the column (W&B's grouping), each group in the table's order; one group without. */
function grouped(rows, by) {
  if (!GROUPS[by]) return [{ name: null, rows }];
  const groups = new Map();
  rows.forEach(row => {
    const name = GROUPS[by](row);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(row);
  });
  return [...groups].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([name, members]) => ({ name, rows: members }));
}

function bestOf(rows) {
  const fcds = rows.map(r => r.best.fcd).filter(v => v !== null);
  return fcds.length ? Math.min(...fcds) : null;
}

export function RunsTable({ operator }) {
  const list = useSummaries(useObservable(allRuns));
  const [sort, setSort] = useState({ key: 'updated', direction: -1 });
  const [filter, setFilter] = useState('');
  const [groupBy, setGroupBy] = useState('');
  const [selected, setSelected] = useState(new Set());
  const [problem, setProblem] = useState(null);
  const column = COLUMNS.find(c => c.key === sort.key);
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = list
    .filter(run => words.every(word => [run.runId, run.spec?.model, run.spec?.dataset, run.state]
      .some(v => String(v ?? '').toLowerCase().includes(word))))
    .sort(compare(column, sort.direction));
  const toggle = runId => {
    const next = new Set(selected);
    next.has(runId) ? next.delete(runId) : next.add(runId);
    setSelected(next);
  };
  const stop = async runId => {
    try { setProblem(null); await api(`/api/v1/runs/${runId}/stop`, { method: 'POST' }); await refreshRuns(); }
    catch (error) { setProblem(error); }
  };
  const chosen = [...selected].filter(id => list.some(r => r.runId === id));
  return html`<section class="card" aria-labelledby="runs-title">
    <div class="section-head">
      <h2 id="runs-title">Runs <span class="count">${shown.length} of ${list.length}</span></h2>
      <label class="filter">Group by <select id="runs-group" value=${groupBy} onChange=${e => setGroupBy(e.target.value)}>
        <option value="">nothing</option><option value="model">model</option><option value="dataset">data set</option>
        <option value="state">state</option></select></label>
      <label>Filter <input id="runs-filter" type="search" value=${filter} placeholder="id, model, data set, state"
        onInput=${e => setFilter(e.target.value)} /></label>
      <a id="compare-selected" class=${chosen.length ? 'button' : 'button disabled'} aria-disabled=${chosen.length === 0}
        href=${chosen.length ? href('compare', null, { runs: chosen.join(',') }) : undefined}>Compare ${chosen.length} selected</a>
    </div>
    ${problem && html`<p class="problem" role="alert" id="runs-problem">${problem.message}</p>`}
    <div class="table-scroll"><table id="runs" class="data">
      <thead><tr><th scope="col"><span class="visually-hidden">select</span></th>
        ${COLUMNS.map(c => html`<th scope="col" aria-sort=${sort.key === c.key ? (sort.direction > 0 ? 'ascending' : 'descending') : 'none'}>
          <button type="button" class="sort" onClick=${() => setSort({ key: c.key, direction: sort.key === c.key ? -sort.direction : (c.number ? -1 : 1) })}>
            ${c.title}${sort.key === c.key ? (sort.direction > 0 ? ' ▲' : ' ▼') : ''}</button></th>`)}
        <th scope="col"><span class="visually-hidden">actions</span></th></tr></thead>
      ${grouped(shown, groupBy).map(group => html`<tbody key=${group.name ?? 'all'}>
        ${group.name !== null && html`<tr class="group"><th scope="rowgroup" colspan=${COLUMNS.length + 2}>
          ${group.name} <span class="count">${group.rows.length} runs${bestOf(group.rows) !== null ? `, best FCD ${fixed(bestOf(group.rows))}` : ''}</span></th></tr>`}
        ${group.rows.map(run => html`<tr key=${run.runId} data-run=${run.runId} class=${selected.has(run.runId) ? 'selected' : ''}>
        <td><input type="checkbox" checked=${selected.has(run.runId)} onChange=${() => toggle(run.runId)}
          aria-label=${`select ${run.runId}`} /></td>
        <td><a href=${href('runs', run.runId)}>${run.runId}</a></td>
        <td>${run.spec?.model ?? '?'}</td><td>${run.spec?.dataset ?? '?'}</td>
        <td class="num">${run.spec?.batchSize ?? ''}</td><td class="num">${run.spec ? Number(run.spec.learningRate.toPrecision(4)) : ''}</td>
        <td class="num">${run.spec?.epochs ?? ''}</td>
        <td><span class=${'state state-' + run.state.toLowerCase()} title=${run.message || ''}>${run.state}</span></td>
        <td><progress max="1" value=${run.progress ?? 0} aria-label=${`progress of ${run.runId}`}></progress>
          <span class="num">${run.progress === null ? `step ${run.step}` : percent(run.progress)}</span></td>
        <td class="num">${run.imagesPerSecond ? Math.round(run.imagesPerSecond) : '–'}</td>
        <td class="num">${fixed(run.best.fcd)}${run.best.fcdStep !== null ? html` <small>@${run.best.fcdStep}</small>` : ''}</td>
        <td class="num">${percent(run.best.accuracy)}${run.best.accuracyStep !== null ? html` <small>@${run.best.accuracyStep}</small>` : ''}</td>
        <td>${when(run.updatedMillis)}</td>
        <td>${operator && isActive(run) && html`<button type="button" class="small" onClick=${() => stop(run.runId)}
          aria-label=${`stop ${run.runId}`}>Stop</button>`}</td>
      </tr>`)}</tbody>`)}
    </table></div>
  </section>`;
}

import { html, render } from 'htm/preact';
import { App } from './app.js';
import { loadRunOptions, refreshDatasets } from './data/catalog.js';
import { connect } from './data/live.js';
import { refreshRuns } from './data/runs.js';
import { refreshRole, signIn } from './data/session.js';
import './style.css';

/** Everything a signed-in page needs before its views: who, what runs, what data, and the live stream. */
async function start() {
  const role = await refreshRole();
  if (role === 'NONE') return;
  await Promise.all([refreshDatasets(), loadRunOptions(), refreshRuns()]).catch(() => {});
  connect();
}

async function boot() {
  // a link from ./gan up: #key=KEY; the key is handed over once and leaves the address bar
  const key = new URLSearchParams(location.hash.replace(/^#/, '')).get('key');
  if (key) {
    history.replaceState(null, '', location.pathname + '#/runs');
    await signIn(key).catch(() => {});
  }
  render(html`<${App} onSignIn=${start} />`, document.getElementById('app'));
  await start();
  // the live stream keeps runs current; this catches what a reconnect missed
  setInterval(() => { refreshRuns().catch(() => {}); refreshDatasets().catch(() => {}); }, 15000);
}

boot();

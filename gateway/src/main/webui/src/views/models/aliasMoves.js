// Moving a model's aliases: an operator's move (promote) and a move back to where the alias was (roll back). Each is
// sent with the ETag the alias was read with, so a move made meanwhile by someone else is refused (412) rather than
// overwritten.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api.js';
import { Problem } from '../../components/Problem.js';

/** Moves an alias; {@code current} is the alias' latest move as it was read (null for a new alias). */
export async function moveAlias(model, alias, version, current, reason) {
  const response = await fetch(`/api/v1/models/${model}/aliases/${alias}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(current ? { 'If-Match': `"${current.move}"` } : {}) },
    body: JSON.stringify({ version: Number(version), reason }),
  });
  const body = await response.json();
  if (!response.ok) throw new ApiProblem(response.status, body);
  return body;
}

export function AliasForm({ model, versions, aliases, onMoved }) {
  const [problem, setProblem] = useState(null);
  const submit = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const alias = form.get('alias');
    try {
      await moveAlias(model, alias, form.get('version'), aliases[alias], form.get('reason'));
      setProblem(null);
      onMoved();
    } catch (error) {
      setProblem(error);
    }
  };
  return html`<form id="move-alias" class="form-row" onSubmit=${submit} aria-labelledby="move-title">
    <h3 id="move-title">Move an alias</h3>
    <div class="field"><label for="move-alias-name">Alias</label>
      <input id="move-alias-name" name="alias" defaultValue="production" autocomplete="off" /></div>
    <div class="field"><label for="move-version">To version</label><select id="move-version" name="version">
      ${[...versions].reverse().map(v => html`<option value=${v.number}>v${v.number}: ${v.runId} @ ${v.step}</option>`)}</select></div>
    <div class="field"><label for="move-reason">Why</label><input id="move-reason" name="reason" autocomplete="off" /></div>
    <div class="form-actions"><button>Move</button></div>
    <${Problem} id="move-problem" error=${problem} />
  </form>`;
}

/** The alias' moves, newest first; an operator can move it back to where it was before its latest move. */
export function AliasHistory({ model, current, operator, onMoved }) {
  const alias = current.alias;
  const [moves, setMoves] = useState([]);
  const [problem, setProblem] = useState(null);
  useEffect(() => {
    api(`/api/v1/models/${model}/aliases/${alias}/history`).then(setMoves).catch(setProblem);
  }, [model, alias, current.move]);
  const rollBack = async () => {
    try {
      await moveAlias(model, alias, current.fromVersion, current, `roll back from v${current.toVersion}`);
      setProblem(null);
      onMoved();
    } catch (error) {
      setProblem(error);
    }
  };
  return html`<section class="alias-history" aria-labelledby=${`history-${alias}`}>
    <h3 id=${`history-${alias}`}>${alias} <span class="count">v${current.toVersion}</span></h3>
    ${operator && current.fromVersion && html`<button class="small" id=${`roll-back-${alias}`} onClick=${rollBack}
      aria-label=${`Roll back ${alias} to v${current.fromVersion}`}>Back to v${current.fromVersion}</button>`}
    <${Problem} id=${`roll-back-problem-${alias}`} error=${problem} />
    <ol class="history">${[...moves].reverse().map(m => html`<li key=${m.move}>
      <time datetime=${new Date(m.timeMillis).toISOString()}>${new Date(m.timeMillis).toLocaleString()}</time>${' '}
      <strong>${m.fromVersion ? `v${m.fromVersion} → ` : ''}v${m.toVersion}</strong>${' '}
      <span class="muted">by ${m.movedBy}${m.reason ? ` · ${m.reason}` : ''}</span></li>`)}</ol>
  </section>`;
}

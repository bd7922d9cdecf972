import { html } from 'htm/preact';
import { useObservable } from '../data/observable.js';
import { isOperator, role as currentRole } from '../data/session.js';
import { RunsTable } from './RunsTable.js';
import { StartRunForm } from './StartRunForm.js';

/** The front page: every run, and (for operators) the form that starts one. */
export function RunsView() {
  const operator = isOperator(useObservable(currentRole));
  return html`<div class="runs-view">
    <${RunsTable} operator=${operator} />
    ${operator && html`<${StartRunForm} />`}
  </div>`;
}

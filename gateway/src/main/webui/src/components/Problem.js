import { html } from 'htm/preact';

/** An API problem's detail where the action that caused it is; screen readers hear it when it appears. */
export function Problem({ id, error }) {
  return html`<p class="problem" id=${id} role="alert" hidden=${!error}>${error ? error.message : ''}</p>`;
}

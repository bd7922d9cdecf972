// Views are addressed in the URL's fragment: #/runs, #/runs/ID?step=200&class=3, #/compare?runs=a,b&smoothing=0.6.
// A link names the view, the runs and the step shown, so it can be shared and reloaded.
import { useEffect, useState } from 'preact/hooks';

export function parse(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] || 'runs', id: parts[1] || null, params: new URLSearchParams(query) };
}

export function href(view, id = null, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const text = query.toString().replace(/%2C/g, ','); // lists of runs stay readable: a,b,c
  return `#/${view}${id ? '/' + encodeURIComponent(id) : ''}${text ? '?' + text : ''}`;
}

/** The route now; views re-render when it changes. */
export function useRoute() {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parse(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** Changes some of the route's parameters in place (no new history entry): chart settings, the step shown. */
export function setParams(route, changes) {
  const params = Object.fromEntries(route.params);
  location.replace(href(route.view, route.id, { ...params, ...changes }));
}

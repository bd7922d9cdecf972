// The gateway's REST API as the views use it: every refusal becomes an ApiProblem carrying the RFC 9457 problem's
// detail, which forms show next to the control it concerns.

export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function body(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export async function api(path, options = {}) {
  const response = await fetch(path, options);
  const content = await body(response);
  if (!response.ok) {
    throw new ApiProblem(response.status, typeof content === 'object' && content ? content : { detail: content });
  }
  return content;
}

export function sendJson(method, path, value) {
  return api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
}

/** Every item of a paged listing: each answer's Link header names the next page. */
export async function allPages(path) {
  const items = [];
  for (let url = path; url;) {
    const response = await fetch(url);
    const content = await body(response);
    if (!response.ok) throw new ApiProblem(response.status, content || {});
    items.push(...content);
    url = ((response.headers.get('Link') || '').match(/<([^>]+)>;\s*rel="next"/) || [])[1];
  }
  return items;
}

/** A PUT of a file that reports its progress (fetch cannot): onProgress(sent, total). */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', path);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = event => onProgress(event.loaded, event.total);
    request.onload = () => {
      let content = null;
      try { content = JSON.parse(request.responseText); } catch { content = { detail: request.responseText }; }
      if (request.status >= 200 && request.status < 300) resolve(content);
      else reject(new ApiProblem(request.status, content || {}));
    };
    request.onerror = () => reject(new ApiProblem(0, { detail: 'the gateway could not be reached' }));
    request.send(file);
  });
}

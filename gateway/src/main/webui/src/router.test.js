import assert from 'node:assert/strict';
import { test } from 'node:test';
import { href, parse } from './router.js';

test('an address names the view, the item and its parameters', () => {
  const route = parse('#/runs/cgan-1?step=200&class=7');
  assert.equal(route.view, 'runs');
  assert.equal(route.id, 'cgan-1');
  assert.equal(route.params.get('step'), '200');
  assert.equal(route.params.get('class'), '7');
});

test('no address is the runs view', () => {
  assert.equal(parse('').view, 'runs');
  assert.equal(parse('#/').id, null);
});

test('a link drops empty parameters and keeps lists of runs readable', () => {
  assert.equal(href('compare', null, { runs: 'a,b', step: '', smoothing: 0.6 }), '#/compare?runs=a,b&smoothing=0.6');
  assert.equal(href('runs', 'x y'), '#/runs/x%20y');
  const back = parse(href('compare', null, { runs: 'a,b' }));
  assert.equal(back.params.get('runs'), 'a,b');
});

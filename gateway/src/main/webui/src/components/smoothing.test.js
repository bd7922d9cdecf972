import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smooth } from './smoothing.js';

test('weight 0 leaves the values as they are', () => {
  const values = [3, 1, 4];
  assert.equal(smooth(values, 0), values);
});

test('the first point is the value itself (debiased), later ones move towards the new values', () => {
  const smoothed = smooth([10, 0, 0], 0.5);
  assert.equal(smoothed[0], 10);
  assert.ok(smoothed[1] > 0 && smoothed[1] < 10);
  assert.ok(smoothed[2] < smoothed[1]);
});

test('a constant stays constant, and gaps stay gaps without moving the average', () => {
  assert.deepEqual(smooth([2, null, 2, 2], 0.9).map(v => v === null ? null : +v.toFixed(9)), [2, null, 2, 2]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { framesOf } from './frames.js';

const checkpoints = count => Array.from({ length: count }, (_, i) => ({ step: (i + 1) * 100 }));

test('a few checkpoints are all frames', () => {
  assert.equal(framesOf(checkpoints(4), null).length, 4);
});

test('many checkpoints are ten frames, evenly spread, with the first and the last', () => {
  const frames = framesOf(checkpoints(200), null);
  assert.equal(frames.length, 10);
  assert.equal(frames[0].step, 100);
  assert.equal(frames[frames.length - 1].step, 20000);
});

test('the selected checkpoint is always among the frames, in order', () => {
  const frames = framesOf(checkpoints(200), 4300);
  assert.ok(frames.some(c => c.step === 4300));
  assert.deepEqual(frames.map(c => c.step), [...frames.map(c => c.step)].sort((a, b) => a - b));
});

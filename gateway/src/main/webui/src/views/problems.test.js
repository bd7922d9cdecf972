import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemsByField } from './problems.js';

test("each part of the gateway's problem goes to the field it names, the rest to the form", () => {
  const shown = problemsByField('epochs must be between 1 and 10000, was 0; batchSize must be between 1 and 1024, was 0;'
    + ' the data set is not available', ['epochs', 'batchSize', 'seed']);
  assert.equal(shown.epochs, 'epochs must be between 1 and 10000, was 0');
  assert.equal(shown.batchSize, 'batchSize must be between 1 and 1024, was 0');
  assert.equal(shown.form, 'the data set is not available');
  assert.equal(shown.seed, undefined);
});

test('a longer field name wins over the shorter one it contains', () => {
  const shown = problemsByField('datasetLimit must be at least 0, was -1', ['dataset', 'datasetLimit']);
  assert.equal(shown.datasetLimit, 'datasetLimit must be at least 0, was -1');
});

import * as assert from 'node:assert/strict';
import { classifyPullError } from '../../../src/docker/pull/pull';

describe('pull errors in words', () => {
  it('names the likely cause', () => {
    assert.equal(classifyPullError('pull access denied for x, repository does not exist or may require \'docker login\'', 'x:latest').code, 'unauthorized');
    assert.equal(classifyPullError('manifest for localhost:5000/a:9 not found: manifest unknown: manifest unknown', 'localhost:5000/a:9').code, 'notFound');
    assert.equal(classifyPullError('Get "https://r/v2/": dial tcp 127.0.0.1:9: connect: connection refused', 'r/x:1').code, 'unreachable');
  });
});

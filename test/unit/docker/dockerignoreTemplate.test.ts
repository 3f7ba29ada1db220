import * as assert from 'node:assert/strict';
import { DOCKERIGNORE_TEMPLATE, missingPatterns } from '../../../src/docker/ignoreTemplate';

const templatePatterns = DOCKERIGNORE_TEMPLATE.filter((l) => l !== '' && !l.startsWith('#'));

describe('.dockerignore template: missing patterns', () => {
  it('an empty file lacks every pattern', () => {
    assert.deepEqual(missingPatterns(''), templatePatterns);
  });
  it('reads the existing file as Docker does: /data/ and ./data list data, CRLF is fine', () => {
    const missing = missingPatterns('/data/\r\n./checkpoints\r\n  .git  \r\n');
    assert.ok(!missing.includes('data') && !missing.includes('checkpoints') && !missing.includes('.git'));
    assert.ok(missing.includes('models'));
  });
  it('an exception does not count as the pattern, nor does a comment', () => {
    const missing = missingPatterns('!data\n# models\n');
    assert.ok(missing.includes('data') && missing.includes('models'));
  });
  it('a file with every pattern lacks none', () => {
    assert.deepEqual(missingPatterns(templatePatterns.join('\n')), []);
  });
});

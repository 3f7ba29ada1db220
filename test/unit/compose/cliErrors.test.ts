import * as assert from 'node:assert/strict';
import { locateCliError, serviceRange } from '../../../src/compose/cliErrors';

const file = { path: '/w/p/docker-compose.yml', text: 'services:\n  api:\n    image: x\n    enviroment:\n      A: b\n    deploy:\n      resources:\n        limits: {}\n  db.main:\n    image: postgres\n' };

describe('compose CLI errors → file positions', () => {
  it('v1: unsupported option for a service key', () => {
    const out = "ERROR: The Compose file '/w/p/docker-compose.yml' is invalid because:\nUnsupported config option for services.api: 'enviroment'\n";
    const loc = locateCliError(out, [file]);
    assert.deepEqual([loc?.path, loc?.range.line, loc?.range.column], [file.path, 4, 5]);
  });
  it('v2: additional property and dotted paths (deepest existing key)', () => {
    assert.equal(locateCliError('validating /w/p/docker-compose.yml: services.api Additional property enviroment is not allowed', [file])?.range.line, 4);
    assert.equal(locateCliError('services.api.deploy.resources.limits.devices is not allowed', [file])?.range.line, 8);
    assert.equal(locateCliError('services.db.main.ports must be a list', [file])?.range.line, 9);
  });
  it('service named in prose', () => {
    assert.equal(locateCliError('ERROR: for api  Cannot start service api: driver failed', [file])?.range.line, 2);
    assert.equal(locateCliError('Error response from daemon: service "db.main" has neither an image nor a build context', [file])?.range.line, 9);
    assert.equal(locateCliError("ERROR: Service 'api' depends on service 'cache' which is undefined.", [file])?.range.line, 2);
  });
  it('YAML line numbers', () => {
    const loc = locateCliError('yaml: line 4: did not find expected key', [file]);
    assert.deepEqual([loc?.range.line, loc?.range.column, loc?.range.endColumn], [4, 1, 16]);
    assert.equal(locateCliError('while parsing a block mapping\n  in "/w/p/docker-compose.yml", line 2, column 3', [file])?.range.line, 2);
  });
  it('nothing recognisable → undefined; unknown services are not guessed', () => {
    assert.equal(locateCliError('Something went wrong', [file]), undefined);
    assert.equal(locateCliError('service "ghost" failed', [file]), undefined);
    assert.equal(locateCliError('', []), undefined);
  });
  it('serviceRange finds a service key', () => {
    assert.equal(serviceRange(file.text, 'db.main')?.line, 9);
    assert.equal(serviceRange(file.text, 'nope'), undefined);
    assert.equal(serviceRange('{{', 'x'), undefined);
  });
});

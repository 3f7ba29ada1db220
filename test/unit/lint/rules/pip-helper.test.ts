import * as assert from 'node:assert/strict';
import { parseShell } from '../../../../src/lint/shell';
import { isPipInstall, parsePipInstall, pipInstallTargets } from '../../../../src/lint/pip';

const cmd = (s: string) => parseShell(s).commands[0];

describe('packages/pip helper', () => {
  it('recognises the ways to call pip install', () => {
    for (const s of ['pip install x', 'pip3 install x', 'pip3.11 install x', '/usr/local/bin/pip install x', 'python -m pip install x',
      'python3.12 -u -m pip install x', 'uv pip install x', 'pip --disable-pip-version-check -q install x', 'pip --proxy http://p:3128 install x', 'pipx install x']) {
      assert.ok(isPipInstall(cmd(s)), s);
    }
    for (const s of ['pip download x', 'pip uninstall -y x', 'python setup.py install', 'python -c "import pip"', 'uv sync', 'pip']) {
      assert.ok(!isPipInstall(cmd(s)), s);
    }
  });
  it('classifies targets', () => {
    const t = pipInstallTargets(cmd('pip install "Torch_Audio[cuda]==2.4.1" jax[cuda12] git+https://github.com/a/b@v1#egg=b ./pkg "x @ https://h/x-1.whl" -e .'));
    assert.deepEqual(t.map((x) => [x.kind, x.name, x.specifier, x.pinned, x.editable]), [
      ['requirement', 'torch-audio', '==2.4.1', true, false],
      ['requirement', 'jax', '', false, false],
      ['vcs', 'b', '@v1', true, false],
      ['path', null, '', true, false],
      ['url', 'x', '', true, false],
      ['path', null, '', true, true],
    ]);
    assert.deepEqual(t[1].extras, ['cuda12']);
  });
  it('collects option values', () => {
    const p = parsePipInstall(cmd('python3 -m pip install -qr req.txt --index-url https://download.pytorch.org/whl/cu121 --extra-index-url=https://pypi.org/simple -c c.txt --no-cache-dir torch'))!;
    assert.deepEqual(p.requirementFiles, ['req.txt']);
    assert.deepEqual(p.constraintFiles, ['c.txt']);
    assert.equal(p.indexUrl, 'https://download.pytorch.org/whl/cu121');
    assert.deepEqual(p.extraIndexUrls, ['https://pypi.org/simple']);
    assert.equal(p.noCache, true);
    assert.deepEqual(p.targets.map((x) => x.spec), ['torch']);
    assert.equal(parsePipInstall(cmd('uv pip install --no-cache torch'))!.noCache, true);
  });
});

import * as assert from 'assert';
import { applyProfile, collapsePath, parseProfiles, ProfileFileError, upsertProfile } from '../../../src/docker/run/profiles';

const v = { workspaceFolder: '/ws/proj', userHome: '/home/u' };

describe('run profiles file', () => {
  it('round-trips a profile with variables for workspace and home paths', () => {
    const text = upsertProfile('', 'ml:dev', {
      name: 'train', containerName: 'trainer', mounts: [{ source: '/ws/proj/data', target: '/data', readOnly: true }, { source: '/home/u/.cache/huggingface', target: '/root/.cache/huggingface' }],
      ports: [{ container: 8888, host: 8888 }], env: { A: '1' }, gpus: { kind: 'devices', deviceIds: ['0', '1'] }, shmSize: '8g', ipcHost: true, interactive: true, command: 'python train.py',
    }, v);
    assert.match(text, /source: \$\{workspaceFolder\}\/data/);
    assert.match(text, /source: \$\{userHome\}\/.cache\/huggingface/);
    const back = parseProfiles(text, v).get('ml:dev')!;
    assert.strictEqual(back.length, 1);
    assert.deepStrictEqual(back[0].mounts?.[0], { source: '/ws/proj/data', target: '/data', readOnly: true });
    assert.deepStrictEqual(back[0].gpus, { kind: 'devices', deviceIds: ['0', '1'] });
    const opts = applyProfile('ml:dev', back[0]);
    assert.strictEqual(opts.name, 'trainer');
    assert.strictEqual(opts.image, 'ml:dev');
    assert.strictEqual(opts.command, 'python train.py');
  });
  it('replaces a profile of the same name and keeps comments and other keys', () => {
    const start = '# team settings\nother: keep\nrunProfiles:\n  ml:dev:\n    - name: a\n      gpus: all\n    - name: b\n      gpus: 2\n';
    const out = upsertProfile(start, 'ml:dev', { name: 'a', gpus: { kind: 'count', count: 4 } }, v);
    assert.match(out, /# team settings/);
    assert.match(out, /other: keep/);
    const list = parseProfiles(out, v).get('ml:dev')!;
    assert.deepStrictEqual(list.map((p) => [p.name, p.gpus]), [['a', { kind: 'count', count: 4 }], ['b', { kind: 'count', count: 2 }]]);
  });
  it('reports bad entries with their path', () => {
    assert.throws(() => parseProfiles('runProfiles:\n  x:\n    - name: p\n      gpus: lots\n', v), (e: Error) => e instanceof ProfileFileError && /runProfiles\.x\[0\]: gpus/.test(e.message));
    assert.throws(() => parseProfiles('runProfiles:\n  x:\n    - mounts: []\n', v), /needs a name/);
    assert.throws(() => parseProfiles('runProfiles: [\n', v), /not valid YAML/);
    assert.deepStrictEqual([...parseProfiles('', v).keys()], []);
  });
  it('collapses only real path prefixes', () => {
    assert.strictEqual(collapsePath('/ws/project2/x', v), '/ws/project2/x');
    assert.strictEqual(collapsePath('/ws/proj', v), '${workspaceFolder}');
  });
});

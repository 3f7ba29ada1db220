import * as assert from 'node:assert/strict';
import { isSecretName } from '../../../src/docker/secretNames';
import { RunForm, freshProfileName, validateInput, type FormContext, type Step } from '../../../src/run/form';

const ctx = (over: Partial<FormContext> = {}): FormContext => ({
  image: 'ml/app:1',
  exposed: ['8888/tcp'],
  mountCandidates: [
    { source: '/home/ana/proj/data', target: '/workspace/data', what: 'workspace folder' },
    { source: '/home/ana/proj', target: '/workspace', what: 'the whole workspace' },
  ],
  hasWorkspace: true,
  homeDir: '/home/ana',
  profileNames: [],
  isSecret: isSecretName,
  ...over,
});

function pickStep(s: Step): Extract<Step, { kind: 'pick' }> {
  assert.equal(s.kind, 'pick', JSON.stringify(s));
  return s as Extract<Step, { kind: 'pick' }>;
}
function inputStep(s: Step): Extract<Step, { kind: 'input' }> {
  assert.equal(s.kind, 'input', JSON.stringify(s));
  return s as Extract<Step, { kind: 'input' }>;
}
const row = (s: Step, id: string) => pickStep(s).items.find((i) => i.id === id);
const idOf = (s: Step, label: RegExp): string => {
  const it = pickStep(s).items.find((i) => label.test(i.label));
  assert.ok(it, `no row ${label} in ${pickStep(s).items.map((i) => i.label).join(' | ')}`);
  return it.id;
};

describe('run form (pure state machine)', () => {
  it('opens on the overview: Run first and active, every setting listed with its value; Enter runs the defaults', () => {
    const f = new RunForm(ctx());
    const s = pickStep(f.step);
    assert.equal(s.id, 'overview');
    assert.equal(s.back, false);
    assert.equal(s.activeId, 'run');
    assert.deepEqual(s.items.map((i) => i.id), ['run', 'mounts', 'ports', 'gpu', 'env', 'shm', 'ipcHost', 'network', 'command', 'containerName', 'interactive', 'autoRemove', 'profileName']);
    assert.equal(row(s, 'ports')?.description, '8888 → 8888/tcp', 'EXPOSEd ports are published by default');
    assert.match(row(s, 'run')?.detail ?? '', /^docker run -it --rm -p 8888:8888 ml\/app:1$/);
    const done = f.pick(['run']);
    assert.equal(done.kind, 'done');
    if (done.kind !== 'done') return;
    assert.deepEqual(done.plan, { profile: { name: 'default', ports: [{ container: 8888, host: 8888 }], interactive: true, autoRemove: true }, secretNames: [], gpuChecked: false });
  });

  it('a new profile gets a name not taken yet', () => {
    assert.equal(freshProfileName([]), 'default');
    assert.equal(freshProfileName(['default', 'default-2']), 'default-3');
  });

  it('mounts: pick, then read-only; Back from read-only shows the picks as they were; Back from the first step leaves the value unchanged', () => {
    const f = new RunForm(ctx());
    let s = f.pick(['mounts']);
    assert.equal(pickStep(s).title, 'Run ml/app:1 · Mounts (1/2)');
    assert.equal(pickStep(s).back, true);
    assert.equal(pickStep(s).many, true);
    const data = idOf(s, /\/data → /);
    assert.equal(row(s, data)?.label, '~/proj/data → /workspace/data');
    const inWs = pickStep(new RunForm(ctx({ workspaceFolder: '/home/ana/proj' })).pick(['mounts'])).items.map((i) => i.label);
    assert.deepEqual(inWs.slice(0, 2), ['./data → /workspace/data', './ → /workspace'], 'workspace paths are shown relative');
    s = f.pick([data]);
    assert.equal(pickStep(s).id, 'mountsReadOnly');
    assert.equal(pickStep(s).title, 'Run ml/app:1 · Mounts (2/2)');
    s = f.back();
    assert.equal(pickStep(s).id, 'mounts');
    assert.equal(row(s, data)?.picked, true, 'the pick is kept');
    s = f.pick([data]);
    s = f.pick(['/workspace/data']);
    assert.equal(pickStep(s).id, 'overview');
    assert.equal(pickStep(s).activeId, 'mounts', 'back on the row just edited');
    assert.deepEqual(f.profile.mounts, [{ source: '/home/ana/proj/data', target: '/workspace/data', readOnly: true }]);
    // an edit left with Back changes nothing
    s = f.pick(['mounts']);
    s = f.pick([]);
    assert.equal(pickStep(s).id, 'overview');
    assert.equal(f.profile.mounts, undefined, 'accepting no mounts removes them');
    s = f.pick(['mounts']);
    s = f.back();
    assert.equal(pickStep(s).id, 'overview');
    assert.equal(f.profile.mounts, undefined);
  });

  it('a custom folder: the dialog, then its path inside the container (validated), then read-only', () => {
    const f = new RunForm(ctx());
    f.pick(['mounts']);
    let s = f.pick(['browse']);
    assert.equal(s.kind, 'browse');
    s = f.browsed('/srv/datasets/imagenet');
    assert.equal(inputStep(s).value, '/mnt/imagenet');
    assert.equal(inputStep(s).title, 'Run ml/app:1 · Mounts (2/3)');
    assert.equal(validateInput('mountTarget', 'data'), 'Use an absolute path');
    s = f.input('data');
    assert.equal(inputStep(s).id, 'mountTarget', 'an invalid answer keeps the step');
    assert.equal(inputStep(s).value, 'data', 'with what was typed');
    s = f.input('/data');
    assert.equal(pickStep(s).id, 'mountsReadOnly');
    s = f.back();
    assert.equal(inputStep(s).value, '/data', 'Back keeps the typed path');
    s = f.input('/data');
    s = f.pick([]);
    assert.deepEqual(f.profile.mounts, [{ source: '/srv/datasets/imagenet', target: '/data' }]);
    // a cancelled dialog goes on with the ticked mounts
    f.pick(['mounts']);
    s = f.pick(['m0', 'browse']);
    s = f.browsed(undefined);
    assert.equal(pickStep(s).id, 'mountsReadOnly');
  });

  it('ports: EXPOSE ports and "Other port…" with the port-spec message inline', () => {
    const f = new RunForm(ctx());
    let s = f.pick(['ports']);
    assert.equal(row(s, 'p0')?.picked, true);
    assert.equal(row(s, 'p0')?.description, 'EXPOSE in the image');
    s = f.pick(['other']);
    assert.equal(inputStep(s).id, 'portOther');
    assert.equal(validateInput('portOther', '70000'), 'Ports are 1–65535');
    assert.match(validateInput('portOther', 'x') ?? '', /^Use \[host-ip:\]/);
    s = f.input('127.0.0.1:6006:6006');
    assert.equal(pickStep(s).id, 'overview');
    assert.deepEqual(f.profile.ports, [{ container: 6006, host: 6006, hostIp: '127.0.0.1' }]);
  });

  it('env: values keep their commas; secret-looking values ask where they live, and Back keeps the text', () => {
    const f = new RunForm(ctx());
    let s = f.pick(['env']);
    assert.match(validateInput('env', 'not a pair') ?? '', /KEY=VALUE/);
    s = f.input('CUDA_VISIBLE_DEVICES=0,1, HF_TOKEN=hf_abc');
    assert.equal(pickStep(s).id, 'secretHome');
    assert.match(pickStep(s).title, /HF_TOKEN look like secrets \(2\/2\)$/);
    s = f.back();
    assert.equal(inputStep(s).value, 'CUDA_VISIBLE_DEVICES=0,1, HF_TOKEN=hf_abc');
    s = f.input('CUDA_VISIBLE_DEVICES=0,1, HF_TOKEN=hf_abc');
    s = f.pick(['envFile']);
    assert.equal(row(s, 'env')?.description, 'CUDA_VISIBLE_DEVICES=0,1, HF_TOKEN=********', 'the value is masked on the form');
    assert.doesNotMatch(row(s, 'run')?.detail ?? '', /hf_abc/);
    const done = f.pick(['run']);
    assert.ok(done.kind === 'done');
    assert.deepEqual(done.plan.profile.env, { CUDA_VISIBLE_DEVICES: '0,1', HF_TOKEN: 'hf_abc' });
    assert.equal(done.plan.secretHome, 'envFile');
    assert.deepEqual(done.plan.secretNames, ['HF_TOKEN']);
  });

  it('GPU: the check runs when a GPU is asked for; a failing verdict offers Run without GPU, or keeps the request as checked', () => {
    const f = new RunForm(ctx());
    let s = f.pick(['gpu']);
    s = f.pick(['count']);
    assert.equal(inputStep(s).id, 'gpuCount');
    assert.equal(validateInput('gpuCount', '0'), 'A positive number');
    s = f.input('2');
    assert.equal(s.kind, 'check');
    assert.ok(s.kind === 'check');
    assert.deepEqual(s.gpus, { kind: 'count', count: 2 });
    s = f.checked({ level: 'block', message: 'No GPU runtime: no NVIDIA runtime.', fix: 'Install the NVIDIA Container Toolkit' });
    assert.equal(pickStep(s).id, 'gpuVerdict');
    assert.equal(pickStep(s).placeholder, 'No GPU runtime: no NVIDIA runtime.');
    assert.equal(pickStep(s).activeId, 'without');
    assert.equal(row(s, 'without')?.detail, 'Install the NVIDIA Container Toolkit');
    assert.equal(pickStep(s).title, 'Run ml/app:1 · GPU check: this run will fail (3/3)');
    // Back returns to the count, then forward again re-runs the check
    s = f.back();
    assert.equal(inputStep(s).value, '2');
    s = f.input('2');
    assert.equal(s.kind, 'check');
    s = f.checked({ level: 'block', message: 'No GPU runtime.' });
    s = f.pick(['without']);
    assert.equal(f.profile.gpus, undefined);
    assert.equal(f.plan().gpuChecked, false);
    // keep it: the verdict shows on the GPU row and the run is not checked twice
    f.pick(['gpu']);
    f.pick(['all']);
    s = f.checked({ level: 'block', message: 'No GPU runtime.' });
    s = f.pick(['keep']);
    assert.deepEqual(f.profile.gpus, { kind: 'all' });
    assert.equal(row(s, 'gpu')?.detail, '$(error) No GPU runtime.');
    assert.equal(f.plan().gpuChecked, true);
    // a change of NVIDIA_* variables makes it check again before the run
    f.pick(['env']);
    f.input('NVIDIA_DISABLE_REQUIRE=1');
    assert.equal(f.plan().gpuChecked, false);
    // an ok verdict goes straight back to the overview
    f.pick(['gpu']);
    f.pick(['devices']);
    assert.equal(validateInput('gpuDevices', '0;1'), 'e.g. 0,1 or GPU-3a1b…');
    f.input('0, 1');
    s = f.checked({ level: 'ok', message: 'Driver 550 supports the image\'s CUDA 12.4.' });
    assert.equal(pickStep(s).id, 'overview');
    assert.deepEqual(f.profile.gpus, { kind: 'devices', deviceIds: ['0', '1'] });
    f.pick(['gpu']);
    f.pick(['none']);
    assert.equal(f.profile.gpus, undefined);
  });

  it('toggles flip in place; shm, command, names and network validate inline with the messages of the old prompts', () => {
    const f = new RunForm(ctx({ envFileCandidate: '/home/ana/proj/.env' }));
    let s = f.pick(['ipcHost']);
    assert.equal(pickStep(s).activeId, 'ipcHost');
    assert.match(row(s, 'ipcHost')?.label ?? '', /^\$\(pass-filled\) Host IPC/);
    f.pick(['interactive']);
    f.pick(['envFile']);
    assert.equal(f.profile.envFile, '/home/ana/proj/.env');
    assert.equal(f.profile.interactive, false);
    assert.match(validateInput('shm', '8 parsecs') ?? '', /Invalid size/);
    f.pick(['shm']);
    f.input('16g');
    assert.match(validateInput('command', 'python "train.py') ?? '', /close the quote, or escape it with a backslash\.$/);
    f.pick(['command']);
    f.input('python train.py --epochs 3');
    assert.equal(validateInput('containerName', '-x'), 'Letters, digits, "_", "." and "-"');
    f.pick(['containerName']);
    f.input('trainer');
    assert.equal(validateInput('profileName', ' '), 'A name, e.g. train or notebook');
    f.pick(['profileName']);
    f.input('train');
    s = f.pick(['network']);
    assert.equal(pickStep(s).activeId, 'bridge');
    s = f.pick(['other']);
    assert.equal(validateInput('networkName', 'a b'), 'Letters, digits, "_", "." and "-"');
    f.input('mlnet');
    s = f.step;
    assert.equal(row(s, 'run')?.detail, 'docker run -d --rm --name trainer --shm-size 16g --ipc host --network mlnet -p 8888:8888 --env-file /home/ana/proj/.env ml/app:1 python train.py --epochs 3');
    f.pick(['network']);
    f.pick(['bridge']);
    assert.equal(f.profile.network, undefined);
    const done = f.pick(['run']);
    assert.ok(done.kind === 'done');
    assert.equal(done.plan.profile.name, 'train');
    assert.equal(done.plan.profile.containerName, 'trainer');
  });

  it('changing a saved profile starts from its values, untouched until edited', () => {
    const start = { name: 'train', mounts: [{ source: '/home/ana/models', target: '/models', readOnly: true }], env: { HF_TOKEN: '${secret:HF_TOKEN}' }, gpus: { kind: 'all' as const } };
    const f = new RunForm(ctx({ profileNames: ['train'] }), start);
    const s = f.step;
    assert.equal(row(s, 'mounts')?.description, '~/models → /models (read-only)');
    assert.equal(row(s, 'env')?.description, 'HF_TOKEN=${secret:HF_TOKEN}');
    const m = f.pick(['mounts']);
    assert.equal(row(m, 'm0')?.description, 'from the profile');
    f.back();
    const done = f.pick(['run']);
    assert.ok(done.kind === 'done');
    assert.deepEqual(done.plan.profile, start);
    assert.equal(done.plan.gpuChecked, false, 'a saved GPU request is checked before the run');
    assert.deepEqual(done.plan.secretNames, [], 'a reference is not a typed secret');
    assert.deepEqual(start.mounts, [{ source: '/home/ana/models', target: '/models', readOnly: true }], 'the saved profile object is not changed');
  });

  it('a saved profile whose file holds a secret value keeps it there unless the user says otherwise', () => {
    const f = new RunForm(ctx({ profileNames: ['x'] }), { name: 'x', env: { WANDB_API_KEY: 'abc123' } });
    let done = f.pick(['run']);
    assert.ok(done.kind === 'done');
    assert.equal(done.plan.secretHome, 'inline');
    f.pick(['env']);
    const s = f.input('WANDB_API_KEY=abc123');
    assert.equal(pickStep(s).activeId, 'inline', 'the choice so far is offered first');
    f.pick(['storage']);
    done = f.pick(['run']);
    assert.ok(done.kind === 'done');
    assert.equal(done.plan.secretHome, 'storage');
  });

  it('stray answers change nothing: Back on the overview, unknown ids, an input or a check verdict where none is asked', () => {
    const f = new RunForm(ctx());
    assert.equal(pickStep(f.back()).id, 'overview');
    assert.equal(pickStep(f.pick(['nonsense'])).id, 'overview');
    assert.equal(pickStep(f.input('x')).id, 'overview', 'an input answer on a pick step changes nothing');
    assert.equal(pickStep(f.checked({ level: 'ok', message: '' })).id, 'overview', 'a stray check answer changes nothing');
    assert.equal(f.profile.gpus, undefined);
  });
});

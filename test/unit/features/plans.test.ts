import * as assert from 'node:assert/strict';
import { declaredArgNames, defaultTag, tagProblem } from '../../../src/build/plan';
import { pushTargetPlan } from '../../../src/push/plan';
import { isSecretName } from '../../../src/docker/secretNames';
import { toDockerRunCommand } from '../../../src/docker/run/options';
import { parsePortSpec, profileRisks } from '../../../src/run/plan';
import { parseProfiles, resolveSecretRefs, secretRefsIn, separateSecrets, upsertProfile } from '../../../src/docker/run/profiles';
import { formatKeyValues, parseKeyValues } from '../../../src/services/keyValues';

describe('feature plans (pure parts of build, run, push)', () => {
  describe('KEY=VALUE lists', () => {
    it('keeps commas inside values', () => {
      assert.deepEqual(parseKeyValues('CUDA_VISIBLE_DEVICES=0,1'), { CUDA_VISIBLE_DEVICES: '0,1' });
      assert.deepEqual(parseKeyValues('CUDA_VISIBLE_DEVICES=0,1, HF_HOME=/cache'), { CUDA_VISIBLE_DEVICES: '0,1', HF_HOME: '/cache' });
      assert.deepEqual(parseKeyValues('A=1,B=2'), { A: '1', B: '2' });
      assert.deepEqual(parseKeyValues('LIST=a,b,c,NEXT=x'), { LIST: 'a,b,c', NEXT: 'x' });
    });
    it('splits on new lines and on blanks before the next KEY=', () => {
      assert.deepEqual(parseKeyValues('A=1\nB=x y\r\nC='), { A: '1', B: 'x y', C: '' });
      assert.deepEqual(parseKeyValues('A=1 B=2'), { A: '1', B: '2' });
      assert.deepEqual(parseKeyValues(''), {});
      assert.deepEqual(parseKeyValues(' , \n'), {});
    });
    it('names the part that is not a pair', () => {
      const r = parseKeyValues('oops, A=1');
      assert.equal(typeof r, 'string');
      assert.match(r as string, /"oops"/);
      // after a pair, text that starts no new pair belongs to the value (values may hold ", ")
      assert.deepEqual(parseKeyValues('MSG=hello, world'), { MSG: 'hello, world' });
      assert.equal(typeof parseKeyValues('=1'), 'string');
      assert.equal(typeof parseKeyValues('1A=1'), 'string');
    });
    it('round-trips what it formats', () => {
      const pairs = { CUDA_VISIBLE_DEVICES: '0,1', PYTHONUNBUFFERED: '1', MSG: 'a b' };
      assert.deepEqual(parseKeyValues(formatKeyValues(pairs)), pairs);
    });
  });

  describe('build', () => {
    it('reads every ARG name, including several per instruction and quoted defaults', () => {
      const text = 'ARG BASE=python:3.11\nFROM $BASE\nARG A B=1 C="x y"\nARG A\narg lower=1\n';
      assert.deepEqual(declaredArgNames(text), ['BASE', 'A', 'B', 'C', 'lower']);
    });
    it('makes a valid default tag from any folder name', () => {
      assert.equal(defaultTag('/home/u/My Model_v2'), 'my-model_v2:latest');
      assert.equal(defaultTag('/x/---'), 'image:latest');
      assert.equal(tagProblem(defaultTag('/x/Ünïcode stuff')), undefined);
    });
    it('refuses tags with digests or upper case', () => {
      assert.match(tagProblem('a@sha256:' + 'a'.repeat(64)) ?? '', /digest/);
      assert.ok(tagProblem('Upper/Case:1'));
      assert.equal(tagProblem('localhost:5000/team/model:1.0'), undefined);
    });
  });

  describe('run', () => {
    it('reads the port forms the docker CLI accepts', () => {
      assert.deepEqual(parsePortSpec('8888'), { container: 8888 });
      assert.deepEqual(parsePortSpec('8080:80'), { container: 80, host: 8080 });
      assert.deepEqual(parsePortSpec('127.0.0.1:8080:80/udp'), { container: 80, host: 8080, hostIp: '127.0.0.1', protocol: 'udp' });
      assert.deepEqual(parsePortSpec('127.0.0.1::80'), { container: 80, hostIp: '127.0.0.1' });
      assert.equal(typeof parsePortSpec('70000'), 'string');
      assert.equal(typeof parsePortSpec('a:b'), 'string');
    });
  });

  describe('push', () => {
    it('asks before pushing a target that names no tag', () => {
      assert.deepEqual(pushTargetPlan('localhost:5000/model'), { ok: true, reference: 'localhost:5000/model:latest', tagWasImplied: true });
      assert.deepEqual(pushTargetPlan('localhost:5000/model:1.0'), { ok: true, reference: 'localhost:5000/model:1.0', tagWasImplied: false });
      assert.deepEqual(pushTargetPlan('user/model'), { ok: true, reference: 'user/model:latest', tagWasImplied: true });
    });
    it('refuses digests and invalid references', () => {
      const d = pushTargetPlan('a/b@sha256:' + 'a'.repeat(64));
      assert.equal(d.ok, false);
      assert.equal(pushTargetPlan('Bad/Name').ok, false);
    });
  });
});

describe('run profiles and secrets', () => {
  it('typed secrets leave the profile as references; other values stay', () => {
    const { env, secrets } = separateSecrets({ HF_TOKEN: 'hf_abcdefghijklmnop', WANDB_MODE: 'offline', TOKEN_FILE: '/run/secrets/t', OPENAI_API_KEY: '' }, isSecretName);
    assert.deepEqual(env, { HF_TOKEN: '${secret:HF_TOKEN}', WANDB_MODE: 'offline', TOKEN_FILE: '/run/secrets/t', OPENAI_API_KEY: '' });
    assert.deepEqual(secrets, { HF_TOKEN: 'hf_abcdefghijklmnop' });
  });
  it('references are filled in before the run, and a missing one is named', () => {
    const o = { image: 'm:1', env: { HF_TOKEN: '${secret:HF_TOKEN}', A: '1' } };
    assert.deepEqual(secretRefsIn(o.env), ['HF_TOKEN']);
    assert.deepEqual(resolveSecretRefs(o, { HF_TOKEN: 'hf_x' }).env, { HF_TOKEN: 'hf_x', A: '1' });
    assert.throws(() => resolveSecretRefs(o, {}), /HF_TOKEN/);
  });
  it('a profile written with references round-trips through the file without the value', () => {
    const vars = { workspaceFolder: '/w', userHome: '/home/u' };
    const text = upsertProfile('', 'm:1', { name: 'train', env: { HF_TOKEN: '${secret:HF_TOKEN}' } }, vars);
    assert.doesNotMatch(text, /hf_/);
    assert.deepEqual(parseProfiles(text, vars).get('m:1')?.[0].env, { HF_TOKEN: '${secret:HF_TOKEN}' });
  });
  it('the docker run line masks values of secret-looking names, never others', () => {
    const line = toDockerRunCommand({ image: 'm:1', env: { HF_TOKEN: 'hf_abcdefghijklmnop', CUDA_VISIBLE_DEVICES: '0,1', TOKENIZERS_PARALLELISM: 'false' } });
    assert.match(line, /HF_TOKEN=\*{8}/);
    assert.doesNotMatch(line, /hf_abc/);
    assert.match(line, /CUDA_VISIBLE_DEVICES=0,1/);
    assert.match(line, /TOKENIZERS_PARALLELISM=false/);
    assert.match(toDockerRunCommand({ image: 'm:1', env: { HF_TOKEN: 'hf_x' } }, true), /HF_TOKEN=hf_x/);
  });
  it('names secrets the way ML users write them', () => {
    for (const n of ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'WANDB_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'OPENAI_API_KEY', 'dbPassword', 'MLFLOW_TRACKING_PASSWORD']) assert.ok(isSecretName(n), n);
    for (const n of ['TOKENIZERS_PARALLELISM', 'HF_TOKEN_PATH', 'GOOGLE_APPLICATION_CREDENTIALS_FILE', 'WANDB_MODE', 'PUBLIC_KEY', 'CUDA_VISIBLE_DEVICES']) assert.ok(!isSecretName(n), n);
  });
});

describe('what a committed run profile grants', () => {
  const home = '/home/ana';
  it('flags /, the home folder, the engine socket, system folders and the host network', () => {
    const risks = profileRisks({
      mounts: [
        { source: '/', target: '/host' },
        { source: '/home/ana/', target: '/h', readOnly: true },
        { source: '/var/run/docker.sock', target: '/var/run/docker.sock' },
        { source: '/etc', target: '/e' },
        { source: '/home/ana/project/data', target: '/data' },
      ],
      network: 'host',
    }, home);
    assert.equal(risks.length, 5);
    assert.match(risks[0], /whole host file system/);
    assert.match(risks[1], /home folder .* read-only/);
    assert.match(risks[2], /engine's socket/);
    assert.match(risks[3], /system folder \/etc/);
    assert.match(risks[4], /host's network/);
  });
  it('a data folder and the engine default network grant nothing worth a question', () => {
    assert.deepEqual(profileRisks({ mounts: [{ source: '/home/ana/project/data', target: '/data', readOnly: true }] }, home), []);
  });
});

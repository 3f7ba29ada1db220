import * as assert from 'node:assert/strict';
import { declaredArgNames, defaultTag, tagProblem } from '../../../src/build/plan';
import { pushTargetPlan } from '../../../src/push/plan';
import { parsePortSpec } from '../../../src/run/plan';
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

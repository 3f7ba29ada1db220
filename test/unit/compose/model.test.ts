import * as assert from 'node:assert/strict';
import type { ContainerSummary, Engine, EngineEvent } from '../../../src/docker/engine';
import { EngineError } from '../../../src/docker/errors';
import type { FoundProject } from '../../../src/compose/files';
import { buildProjects, ComposeModel, COMPOSE_EVENT_FILTERS, LABELS } from '../../../src/compose/model';
import { FakeClock } from '../views/fakeClock';

function c(id: string, project: string | undefined, service: string, state = 'running', extra: Record<string, string> = {}): ContainerSummary {
  const Labels: Record<string, string> = { ...extra };
  if (project) Object.assign(Labels, { [LABELS.project]: project, [LABELS.service]: service, [LABELS.workingDir]: `/w/${project}`, [LABELS.configFiles]: `/w/${project}/compose.yaml` });
  return { Id: id, Names: [`/${id}`], Image: 'x', ImageID: 'sha256:x', Command: '', Created: 0, Ports: [], Labels, State: state, Status: state, Mounts: [] };
}

const found = (name: string, dir: string, services: string[]): FoundProject => ({ set: { dir, files: [`${dir}/compose.yaml`], extras: [], projectName: name }, services });

describe('compose project model', () => {
  it('groups labelled containers into projects and services, skipping one-off and unlabelled containers', () => {
    const p = buildProjects([
      c('a1', 'demo', 'api'), c('d1', 'demo', 'db', 'exited'), c('a2', 'demo', 'api', 'exited', { [LABELS.number]: '2' }),
      c('x', undefined, ''), c('run1', 'demo', 'api', 'running', { [LABELS.oneoff]: 'True' }), c('o1', 'other', 'w'),
    ]);
    assert.deepEqual(p.map((x) => [x.name, x.running, x.total, x.workingDir]), [['demo', 1, 3, '/w/demo'], ['other', 1, 1, '/w/other']]);
    const demo = p[0];
    assert.deepEqual(demo.services.map((s) => [s.name, s.state, s.containers.map((k) => k.Id)]), [['api', 'partial', ['a1', 'a2']], ['db', 'stopped', ['d1']]]);
    assert.deepEqual(demo.configFiles, ['/w/demo/compose.yaml']);
  });

  it('adds the services and projects of the workspace files, running or not', () => {
    const p = buildProjects([c('a1', 'demo', 'api')], [found('demo', '/w/demo', ['api', 'db']), found('idle', '/w/idle', ['nb'])]);
    assert.deepEqual(p.map((x) => x.name), ['demo', 'idle']);
    assert.deepEqual(p[0].services.map((s) => [s.name, s.state, s.declared]), [['api', 'running', true], ['db', 'notCreated', true]]);
    assert.equal(p[0].found?.set.dir, '/w/demo');
    assert.deepEqual(p[1].services.map((s) => s.state), ['notCreated']);
    assert.deepEqual(p[1].configFiles, ['/w/idle/compose.yaml']);
  });

  it('knows the workspace projects before the engine was listed (a command from the palette with the view never shown)', () => {
    const model = new ComposeModel(async () => { throw new Error('not asked'); });
    const found: FoundProject[] = [{ set: { dir: '/w/demo', files: ['/w/demo/compose.yaml'], extras: [], projectName: 'demo' }, services: ['api', 'db'] }];
    assert.equal(model.projects.length, 0);
    model.setFound(found);
    assert.deepEqual(model.projects.map((p) => p.name), ['demo']);
    assert.deepEqual(model.projects[0].services.map((x) => x.name).sort(), ['api', 'db']);
  });

  it('reads podman-compose labels too', () => {
    const p = buildProjects([c('p1', undefined, '', 'running', { 'io.podman.compose.project': 'pod', 'io.podman.compose.service': 'web' })]);
    assert.deepEqual(p.map((x) => [x.name, x.services[0].name]), [['pod', 'web']]);
  });

  it('lists on connect, re-lists once per burst of compose events (debounced), and records errors', async () => {
    const clock = new FakeClock();
    let containers = [c('a1', 'demo', 'api')];
    let fail = false;
    const pushers: ((e: EngineEvent) => void)[] = [];
    const filters: unknown[] = [];
    const engine = {
      listContainers: async () => {
        if (fail) throw new EngineError('unreachable', 'Cannot reach the engine.');
        return containers;
      },
      events: async (o: { signal: AbortSignal; filters: unknown }) => {
        filters.push(o.filters);
        const queue: EngineEvent[] = [];
        let wake: (() => void) | undefined;
        pushers.push((e) => { queue.push(e); wake?.(); });
        return (async function* () {
          for (;;) {
            if (!queue.length) await new Promise<void>((r) => (wake = r));
            yield queue.shift()!;
          }
        })();
      },
    } as unknown as Engine;
    const model = new ComposeModel(async () => engine, { clock, debounceMs: 300 });
    let changes = 0;
    model.onDidChange(() => changes++);
    model.start();
    await clock.advance(0);
    assert.deepEqual(filters, [COMPOSE_EVENT_FILTERS]);
    assert.equal(model.stats.lists, 1);
    assert.deepEqual(model.projects.map((p) => p.name), ['demo']);
    containers = [c('a1', 'demo', 'api'), c('d1', 'demo', 'db')];
    const ev = { Type: 'container', Action: 'start', Actor: { ID: 'd1', Attributes: { [LABELS.project]: 'demo' } }, time: 0, timeNano: 0 };
    pushers[0]({ ...ev, Actor: { ID: 'other', Attributes: { name: 'not-compose' } } });
    pushers[0]({ ...ev, Action: 'exec_start: sh' });
    pushers[0](ev);
    pushers[0](ev);
    await clock.advance(100);
    pushers[0](ev);
    await clock.advance(299);
    assert.equal(model.stats.lists, 1, 'still waiting for quiet');
    await clock.advance(1);
    assert.equal(model.stats.lists, 2);
    assert.equal(model.stats.events, 3);
    assert.deepEqual(model.projects[0].services.map((s) => s.name), ['api', 'db']);
    fail = true;
    await model.refresh();
    assert.equal(model.state.status, 'error');
    model.setFound([found('demo', '/w/demo', ['api'])]);
    assert.deepEqual(model.projects.map((p) => p.services.map((s) => s.state)), [['notCreated']], 'files still show while the engine is down');
    assert.ok(changes >= 3);
    model.stop();
  });
});

import * as assert from 'node:assert/strict';
import type { EngineEvent } from '../../../src/docker/engine';
import { EngineUnreachableError } from '../../../src/docker/errors';
import { RefreshManager, type ViewKind } from '../../../src/explorer/refreshManager';
import { FakeClock, settle } from './fakeClock';

/** An events source the test pushes into; `drop()` ends the current connection like an engine restart. */
class FakeEvents {
  opens = 0;
  failNext = 0;
  private push: ((e: EngineEvent | null) => void) | undefined;
  private queue: (EngineEvent | null)[] = [];

  open = async (signal: AbortSignal): Promise<AsyncIterable<EngineEvent>> => {
    this.opens++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new EngineUnreachableError('Cannot reach the engine');
    }
    this.queue = [];
    const take = (): Promise<EngineEvent | null> => {
      const queued = this.queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve) => {
        this.push = (e) => {
          this.push = undefined;
          resolve(e);
        };
      });
    };
    signal.addEventListener('abort', () => this.push?.(null));
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const next = await take();
          if (next === null || signal.aborted) return;
          yield next;
        }
      },
    };
  };

  emit(e: EngineEvent): void {
    if (this.push) this.push(e);
    else this.queue.push(e);
  }

  drop(): void {
    if (this.push) this.push(null);
    else this.queue.push(null);
  }
}

function containerEvent(action: string, id = 'c1'): EngineEvent {
  return { Type: 'container', Action: action, Actor: { ID: id }, time: 0, timeNano: 0 };
}

function setup(opts: { refreshMs?: number } = {}) {
  const clock = new FakeClock();
  const events = new FakeEvents();
  const calls: ViewKind[][] = [];
  let failRefresh = false;
  const manager = new RefreshManager({
    clock,
    openEvents: events.open,
    refresh: async (views, signal) => {
      calls.push([...views].sort());
      if (opts.refreshMs) {
        await new Promise<void>((resolve) => {
          const h = clock.setTimeout(resolve, opts.refreshMs!);
          signal.addEventListener('abort', () => {
            clock.clearTimeout(h);
            resolve();
          });
        });
      }
      if (failRefresh) throw new Error('boom');
    },
  });
  return {
    clock,
    events,
    calls,
    manager,
    setFail: (v: boolean) => (failRefresh = v),
  };
}

describe('RefreshManager', () => {
  it('does nothing until a view is visible', async () => {
    const { clock, events, calls } = setup();
    await clock.advance(120_000);
    assert.equal(events.opens, 0);
    assert.deepEqual(calls, []);
  });

  it('lists once when a view becomes visible, after the events stream connects', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    await settle();
    assert.equal(events.opens, 1);
    assert.deepEqual(calls, [['containers']]);
    await clock.advance(1000);
    assert.equal(calls.length, 1);
  });

  it('coalesces a burst of 200 events into one list, 500 ms after the last', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    await settle();
    calls.length = 0;
    for (let i = 0; i < 200; i++) {
      events.emit(containerEvent(i % 2 ? 'start' : 'create', `c${i}`));
      await clock.advance(2); // 400 ms of events, 2 ms apart
    }
    assert.equal(calls.length, 0, 'no list while the burst goes on');
    await clock.advance(497); // the last event was 2 ms ago
    assert.equal(calls.length, 0, 'not before 500 ms of quiet');
    await clock.advance(1);
    assert.deepEqual(calls, [['containers']]);
    await clock.advance(5000);
    assert.equal(calls.length, 1);
  });

  it('a single event is listed within 500 ms', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    await settle();
    calls.length = 0;
    events.emit(containerEvent('die'));
    await clock.advance(500);
    assert.equal(calls.length, 1);
  });

  it('an endless trickle of events still lists at least every maxWait (3 s)', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    await settle();
    calls.length = 0;
    for (let i = 0; i < 100; i++) {
      events.emit(containerEvent('start'));
      await clock.advance(100); // 10 s of events every 100 ms
    }
    assert.ok(calls.length >= 3 && calls.length <= 4, `got ${calls.length} lists in 10 s`);
  });

  it('events during a slow list cause exactly one more list afterwards', async () => {
    const { clock, events, calls, manager } = setup({ refreshMs: 2000 });
    manager.setVisible('containers', true);
    await settle();
    assert.equal(calls.length, 1); // initial list, in flight for 2 s
    for (let i = 0; i < 50; i++) {
      events.emit(containerEvent('create'));
      await clock.advance(10);
    }
    await clock.advance(10_000);
    assert.equal(calls.length, 2);
  });

  it('ignores exec/attach/resize noise and routes image events to the images view only', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    manager.setVisible('images', true);
    await settle();
    calls.length = 0;
    events.emit(containerEvent('exec_start: sh'));
    events.emit(containerEvent('resize'));
    await clock.advance(1000);
    assert.deepEqual(calls, []);
    events.emit({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:1' }, time: 0, timeNano: 0 });
    await clock.advance(1000);
    assert.deepEqual(calls, [['images']]);
  });

  it('polls as a backstop no more often than every 60 s', async () => {
    const { clock, calls, manager } = setup();
    manager.setVisible('images', true);
    await settle();
    calls.length = 0;
    await clock.advance(59_999);
    assert.equal(calls.length, 0);
    await clock.advance(1);
    assert.equal(calls.length, 1);
    await clock.advance(60_000);
    assert.equal(calls.length, 2);
  });

  it('makes no engine calls while hidden, and re-lists when shown again', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    await settle();
    manager.setVisible('containers', false);
    const opensBefore = events.opens;
    const callsBefore = calls.length;
    events.emit(containerEvent('start'));
    await clock.advance(10 * 60_000);
    assert.equal(events.opens, opensBefore);
    assert.equal(calls.length, callsBefore);
    assert.equal(clock.pending, 0, 'no timers left while hidden');
    manager.setVisible('containers', true);
    await settle();
    assert.equal(events.opens, opensBefore + 1);
    assert.equal(calls.length, callsBefore + 1);
  });

  it('reconnects a dropped events stream with growing backoff and re-lists on each drop and reconnect', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('containers', true);
    await settle();
    calls.length = 0;
    events.failNext = 3;
    events.drop(); // engine went away
    await settle();
    assert.equal(calls.length, 1, 're-list on drop (shows the unreachable state)');
    assert.equal(manager.eventsConnected, false);
    // backoff: 500, 1000, 2000 ms of failures, then success at 4000 ms
    await clock.advance(500);
    assert.equal(events.opens, 2);
    await clock.advance(1000);
    assert.equal(events.opens, 3);
    await clock.advance(2000);
    assert.equal(events.opens, 4);
    assert.equal(manager.eventsConnected, false);
    await clock.advance(3999);
    assert.equal(events.opens, 4);
    await clock.advance(1);
    assert.equal(events.opens, 5);
    assert.equal(manager.eventsConnected, true);
    assert.equal(calls.length, 5, 'one list per drop/failure and one on reconnect');
  });

  it('refreshNow on a broken stream reconnects at once (Retry)', async () => {
    const { clock, events, manager } = setup();
    events.failNext = 1;
    manager.setVisible('containers', true);
    await settle();
    assert.equal(manager.eventsConnected, false);
    manager.refreshNow();
    await settle();
    assert.equal(events.opens, 2);
    assert.equal(manager.eventsConnected, true);
    await clock.advance(0);
  });

  it('a failing refresh does not stop live refresh', async () => {
    const { clock, events, calls, manager, setFail } = setup();
    setFail(true);
    manager.setVisible('containers', true);
    await settle();
    events.emit(containerEvent('start'));
    await clock.advance(500);
    assert.equal(calls.length, 2);
  });

  it('volume and network events refresh their views; a container start leaves the volumes view alone', async () => {
    const { clock, events, calls, manager } = setup();
    manager.setVisible('volumes', true);
    await settle();
    assert.deepEqual(calls, [['volumes']]);
    calls.length = 0;
    events.emit(containerEvent('start'));
    events.emit({ Type: 'volume', Action: 'mount', Actor: { ID: 'v' }, time: 0, timeNano: 0 });
    await clock.advance(1000);
    assert.deepEqual(calls, [], 'start and mount do not change the volumes list');
    events.emit({ Type: 'volume', Action: 'create', Actor: { ID: 'datasets' }, time: 0, timeNano: 0 });
    events.emit(containerEvent('create'));
    await clock.advance(500);
    assert.deepEqual(calls, [['volumes']], 'one list for the burst');
    manager.setVisible('networks', true);
    await settle();
    calls.length = 0;
    events.emit({ Type: 'network', Action: 'connect', Actor: { ID: 'n' }, time: 0, timeNano: 0 });
    await clock.advance(500);
    assert.deepEqual(calls, [['networks']]);
    events.emit(containerEvent('destroy'));
    await clock.advance(500);
    assert.deepEqual(calls[1], ['networks', 'volumes']);
  });
});

// Folds a build's JSON message stream (BuildKit trace or classic builder) into steps, logs, the image
// id and the failure, independent of where the output is shown.
import { BkStatusResponse, decodeTraceAux } from './buildkitTrace';

export type BuilderKind = 'buildkit' | 'classic';

export interface BuildStep {
  /** Vertex digest (BuildKit) or `step-N` (classic). */
  key: string;
  /** Name as the builder shows it, e.g. `[stage-0 2/3] RUN pip install -r requirements.txt`. */
  name: string;
  /** The instruction text without the `[stage n/m]` prefix. */
  text: string;
  stageName?: string;
  /** Position and total inside the stage (BuildKit) or the file (classic). */
  index?: number;
  total?: number;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error?: string;
}

/** One decoded JSON message of the build endpoint. */
export interface BuildMessage {
  stream?: string;
  status?: string;
  id?: string;
  aux?: unknown;
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

export interface BuildProgressListener {
  onStep?(step: BuildStep): void;
  /** Text for the terminal (already newline-terminated where the builder ended a line). */
  onLog?(text: string): void;
}

const BK_STEP = /^\[(?:(\S+)\s+)?\s*(\d+)\/(\d+)\]\s+([\s\S]*)$/;
/** `Step 2/5 : RUN …` (Docker's classic builder) and `STEP 2/5: RUN …` (Buildah, behind Podman). */
const CLASSIC_STEP = /^(?:Step|STEP) (\d+)\/(\d+) ?: (.*)$/;

export class BuildProgress {
  readonly steps = new Map<string, BuildStep>();
  imageId?: string;
  error?: string;
  /** The step that failed (a BuildKit vertex with an error, or the classic builder's current step). */
  failedStep?: BuildStep;
  private lastClassic?: BuildStep;
  private readonly bkLogTail = new Map<string, string>();

  constructor(private readonly listener: BuildProgressListener = {}) {}

  /** Step N/M for a progress notification: the most recently started numbered step. */
  current?: BuildStep;

  push(msg: BuildMessage): void {
    if (msg.id === 'moby.buildkit.trace' && typeof msg.aux === 'string') {
      let decoded: BkStatusResponse;
      try {
        decoded = decodeTraceAux(msg.aux);
      } catch {
        return; // a malformed trace message must not end the build
      }
      this.pushBuildKit(decoded);
      return;
    }
    if (msg.id === 'moby.image.id' && isIdAux(msg.aux)) {
      this.imageId = msg.aux.ID;
      return;
    }
    if (isIdAux(msg.aux)) {
      this.imageId = msg.aux.ID;
      return;
    }
    if (msg.errorDetail || msg.error) {
      this.error = msg.errorDetail?.message || msg.error || 'build failed';
      if (!this.failedStep && this.lastClassic) {
        this.lastClassic.error = this.error;
        this.failedStep = this.lastClassic;
      }
      this.listener.onLog?.(`ERROR: ${this.error}\n`);
      return;
    }
    if (typeof msg.stream === 'string') {
      for (const line of msg.stream.split('\n')) {
        const m = CLASSIC_STEP.exec(line.trim());
        if (!m) continue;
        if (this.lastClassic) { this.lastClassic.completed = true; }
        const step: BuildStep = {
          key: `step-${m[1]}`, name: line.trim(), text: m[3], index: Number(m[1]), total: Number(m[2]),
          cached: false, started: true, completed: false,
        };
        this.steps.set(step.key, step);
        this.lastClassic = step;
        this.current = step;
        this.listener.onStep?.(step);
      }
      if (/^ ?-{2,3}> Using cache/m.test(msg.stream) && this.lastClassic) this.lastClassic.cached = true;
      this.listener.onLog?.(msg.stream);
      return;
    }
    if (typeof msg.status === 'string') {
      this.listener.onLog?.(`${msg.id ? msg.id + ': ' : ''}${msg.status}\n`);
    }
  }

  private pushBuildKit(r: BkStatusResponse): void {
    for (const v of r.vertexes) {
      let step = this.steps.get(v.digest);
      const isNew = !step;
      if (!step) {
        const m = BK_STEP.exec(v.name);
        step = {
          key: v.digest, name: v.name, text: m ? m[4] : v.name, stageName: m?.[1],
          index: m ? Number(m[2]) : undefined, total: m ? Number(m[3]) : undefined,
          cached: false, started: false, completed: false,
        };
        this.steps.set(v.digest, step);
      }
      const wasStarted = step.started;
      const wasCompleted = step.completed;
      step.cached = step.cached || v.cached;
      step.started = step.started || v.started !== undefined || v.cached;
      step.completed = step.completed || v.completed !== undefined;
      if (v.error && !step.error) {
        step.error = v.error;
        if (!this.failedStep || this.failedStep.index === undefined) this.failedStep = step;
      }
      if (step.started && !wasStarted) {
        if (step.index !== undefined) this.current = step;
        this.listener.onStep?.(step);
        this.listener.onLog?.(`#${this.order(step)} ${step.name}${step.cached ? ' (cached)' : ''}\n`);
      } else if (isNew && step.started) {
        this.listener.onStep?.(step);
      }
      if (step.completed && !wasCompleted && step.error) {
        this.listener.onLog?.(`#${this.order(step)} ERROR: ${step.error}\n`);
      } else if (step.completed && !wasCompleted && !step.cached) {
        this.listener.onLog?.(`#${this.order(step)} DONE\n`);
      }
    }
    for (const l of r.logs) {
      const step = this.steps.get(l.vertex);
      const prefix = step ? `#${this.order(step)} ` : '';
      // Logs arrive in chunks that may split lines: keep the unterminated tail per vertex.
      const text = (this.bkLogTail.get(l.vertex) ?? '') + l.msg.toString('utf8');
      const cut = text.lastIndexOf('\n');
      if (cut < 0) { this.bkLogTail.set(l.vertex, text); continue; }
      this.bkLogTail.set(l.vertex, text.slice(cut + 1));
      const lines = text.slice(0, cut).split('\n').map((s) => prefix + s);
      this.listener.onLog?.(lines.join('\n') + '\n');
    }
    for (const w of r.warnings) {
      this.listener.onLog?.(`WARNING: ${w.short}\n`);
    }
  }

  private order(step: BuildStep): number {
    let i = 1;
    for (const k of this.steps.keys()) {
      if (k === step.key) return i;
      i++;
    }
    return i;
  }

  /** Text for "step N/M" in a progress notification. */
  describeCurrent(): string | undefined {
    const s = this.current;
    if (!s || s.index === undefined) return undefined;
    const stage = s.stageName ? `${s.stageName} ` : '';
    return `${stage}step ${s.index}/${s.total}: ${s.text}`;
  }
}

function isIdAux(aux: unknown): aux is { ID: string } {
  return typeof aux === 'object' && aux !== null && typeof (aux as { ID?: unknown }).ID === 'string';
}

// ml-containers containerize [DIR] [--gpu auto|yes|no] [--cuda X.Y] [--python X.Y] [--port N]
//                            [--deps auto|apt] [--image NAME] [--write] [--force] [--json]
// Without --write nothing is written: the files that would be written are printed. Exit codes as
// the lint CLI: 0 done, 1 refused (a file exists and --force was not given), 2 usage error or
// unreadable input, always with a one-line message and no stack.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { containerize } from '../containerize/index';
import type { Choices, ContainerizeResult, GpuChoice } from '../containerize/types';

const USAGE =
  'usage: ml-containers containerize [DIR] [--gpu auto|yes|no] [--cuda X.Y] [--python X.Y] [--port N] [--deps auto|apt] [--image NAME] [--write [--force]] [--json]';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  version: string;
}

class UsageError extends Error {}

const FILE_ORDER = ['Dockerfile', '.dockerignore', '.vscode/ml-containers.yaml'] as const;

function parse(argv: string[]): { dir: string; choices: Choices; write: boolean; force: boolean; json: boolean } | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        gpu: { type: 'string', default: 'auto' },
        cuda: { type: 'string' },
        python: { type: 'string' },
        port: { type: 'string' },
        deps: { type: 'string', default: 'auto' },
        image: { type: 'string' },
        write: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const [cmd, dir, ...rest] = parsed.positionals;
  if (cmd !== 'containerize') throw new UsageError(cmd ? `unknown command "${cmd}" (the only command is containerize)` : 'no command given');
  if (rest.length) throw new UsageError(`one folder at most, got ${[dir, ...rest].join(' ')}`);
  if (!['auto', 'yes', 'no'].includes(v.gpu)) throw new UsageError(`--gpu must be auto, yes or no, not "${v.gpu}"`);
  if (v.cuda !== undefined && !/^\d{1,2}\.\d{1,2}$/.test(v.cuda)) throw new UsageError(`--cuda must be major.minor (e.g. 12.1), not "${v.cuda}"`);
  if (v.python !== undefined && !/^3\.\d{1,2}$/.test(v.python)) throw new UsageError(`--python must be 3.X (e.g. 3.11), not "${v.python}"`);
  let port: number | undefined;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!/^\d+$/.test(v.port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number (1-65535), not "${v.port}"`);
  }
  if (v.deps !== 'auto' && v.deps !== 'apt') throw new UsageError(`--deps must be auto or apt, not "${v.deps}"`);
  if (v.image !== undefined && !/^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/.test(v.image)) throw new UsageError(`--image "${v.image}" is not a valid image name`);
  if (v.force && !v.write) throw new UsageError('--force only makes sense with --write');
  const choices: Choices = {
    gpu: v.gpu as GpuChoice,
    ...(v.cuda ? { cuda: v.cuda } : {}),
    ...(v.python ? { python: v.python } : {}),
    ...(port ? { port } : {}),
    deps: v.deps,
    ...(v.image ? { image: v.image } : {}),
  };
  return { dir: dir ?? '.', choices, write: v.write, force: v.force, json: v.json };
}

function summary(r: ContainerizeResult): string {
  const d = r.detected;
  const lines = [
    `Detected: ${d.language}${r.plan.python ? ` ${r.plan.python}` : ''}, dependencies from ${d.source.kind}, runs ${d.app.kind} (${d.app.evidence})`,
    r.plan.gpu && r.plan.cuda
      ? `Proposed: ${r.plan.base} (CUDA ${r.plan.cuda.major}.${r.plan.cuda.minor}, NVIDIA driver >= ${r.plan.minDriver ?? '?'})`
      : `Proposed: ${r.plan.base} (CPU)`,
  ];
  return lines.join('\n') + '\n';
}

export function run(argv: string[], io: Io): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    io.stderr(`ml-containers: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(`${USAGE}\n\nReads a project (requirements, pyproject, locks, conda, renv) and proposes a Dockerfile, a .dockerignore and a run profile.\nWithout --write it prints them and changes nothing.\n`);
    return 0;
  }
  if (args === 'version') {
    io.stdout(`ml-containers ${io.version}\n`);
    return 0;
  }
  const dir = path.resolve(args.dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    io.stderr(`ml-containers: cannot read ${args.dir}: no such folder\n`);
    return 2;
  }
  if (!st.isDirectory()) {
    io.stderr(`ml-containers: ${args.dir} is not a folder\n`);
    return 2;
  }
  const result = containerize(dir, args.choices);
  if (args.json) {
    io.stdout(JSON.stringify({ detected: result.detected, plan: result.plan, files: result.files, warnings: result.warnings }, null, 2) + '\n');
  } else if (!args.write) {
    io.stdout(summary(result));
    for (const w of result.warnings) io.stdout(`warning: ${w}\n`);
    for (const name of FILE_ORDER) io.stdout(`\n===== ${name} =====\n${result.files[name]}`);
  }
  if (!args.write) return 0;

  const existing = FILE_ORDER.filter((f) => fs.existsSync(path.join(dir, f)));
  if (existing.length && !args.force) {
    io.stderr(`ml-containers: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${args.dir}; nothing was written (use --force to overwrite)\n`);
    return 1;
  }
  try {
    for (const name of FILE_ORDER) {
      const target = path.join(dir, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, result.files[name]);
    }
  } catch (err) {
    io.stderr(`ml-containers: cannot write in ${args.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  if (!args.json) {
    io.stdout(summary(result));
    for (const w of result.warnings) io.stdout(`warning: ${w}\n`);
    io.stdout(`wrote ${FILE_ORDER.join(', ')} in ${args.dir}\n`);
  }
  return 0;
}

declare const ML_CONTAINERS_VERSION: string | undefined;

if (require.main === module) {
  const version = typeof ML_CONTAINERS_VERSION === 'string' ? ML_CONTAINERS_VERSION : '0.0.0-dev';
  try {
    process.exitCode = run(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      version,
    });
  } catch (err) {
    process.stderr.write(`ml-containers: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}

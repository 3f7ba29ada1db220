import { parseImageRef, type Dockerfile, type Instruction, type Stage } from '../../parser';
import { defineRule, type RunInfo } from '../../rule';
import type { Fix } from '../../types';
import { parentStage, rootStage, type InstructionAt } from '../../facts';
import { baseName } from '../../shell';

/** Shells that understand `-o pipefail` (POSIX `sh`, i.e. dash on Debian/Ubuntu, historically does not). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ksh', 'ksh93', 'mksh', 'ash']);
const NON_POSIX = new Set(['pwsh', 'pwsh.exe', 'powershell', 'powershell.exe', 'cmd', 'cmd.exe']);
/** Base images that ship no bash, so the quick fix would break the build. */
const NO_BASH = /alpine|busybox|distroless|scratch|chainguard|cgr\.dev|wolfi|nanoserver|windows|static/;

interface ShellState {
  /** Shell set with SHELL, null for the default `/bin/sh -c`. */
  shell: string | null;
  pipefail: boolean;
}

const DEFAULT_SHELL: ShellState = { shell: null, pipefail: false };

/** True when an option list like `-eo pipefail`, `-o errexit -o pipefail` turns pipefail on. */
export function enablesPipefail(args: string[]): boolean {
  for (let k = 0; k + 1 < args.length; k++) {
    if (/^-[A-Za-z]*o$/.test(args[k]) && args[k + 1] === 'pipefail') return true;
  }
  return false;
}

function shellFrom(instr: Instruction): ShellState | null {
  if (!instr.json || instr.json.length === 0) return null;
  const shell = baseName(instr.json[0]).toLowerCase();
  return { shell, pipefail: PIPEFAIL_SHELLS.has(shell) && enablesPipefail(instr.json.slice(1)) };
}

/** True when the stage's root base image is known and has bash. */
function baseHasBash(doc: Dockerfile, stage: Stage): boolean {
  const img = rootStage(doc, stage).resolvedImage;
  if (!img) return false;
  const ref = parseImageRef(img.toLowerCase());
  return !NO_BASH.test(`${ref.registry ?? ''}/${ref.repository}:${ref.tag ?? ''}`);
}

/** `shellFrom` of each SHELL instruction (null for one that sets no shell, which keeps the state before it). */
function shellStates(shells: readonly InstructionAt[]): (ShellState | null)[] {
  const out: (ShellState | null)[] = [];
  for (const { instr } of shells) out.push(instr.stage >= 0 ? shellFrom(instr) : null);
  return out;
}

/**
 * The shell state before the instruction at `index` of `stage`: that of the stage's last SHELL before it
 * that sets a shell, else the state the stage it is built on ends with, else the default `/bin/sh -c`.
 */
function shellBefore(doc: Dockerfile, shells: readonly InstructionAt[], states: readonly (ShellState | null)[], stage: Stage, index: number): ShellState {
  for (let st: Stage | null = stage; st; st = parentStage(doc, st)) {
    for (let k = shells.length - 1; k >= 0; k--) {
      const instr = shells[k].instr;
      const state = states[k];
      if (instr.stage === st.index && instr.index < index && state) return state;
    }
    index = Infinity; // a parent counts with all of its SHELLs
  }
  return DEFAULT_SHELL;
}

/** True for a shell-form RUN (not an ONBUILD trigger) with a command piped into another. */
function hasPipe(run: RunInfo): boolean {
  if (run.onbuild || run.exec) return false;
  // a pipe inside `$(…)` does not decide the RUN's exit status, with or without pipefail
  for (const cmd of run.script.commands) if (!cmd.inner && (cmd.next === '|' || cmd.next === '|&')) return true;
  return false;
}

export const DL4006 = defineRule({
  code: 'DL4006',
  level: 'warning',
  title: 'Set -o pipefail before a RUN that uses a pipe.',
  description:
    'A pipeline\'s exit status is that of its last command, so in `RUN curl -fsSL $URL | tar -xz` a failed ' +
    'download goes unnoticed as long as `tar` succeeds. Set the shell with ' +
    '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before such a `RUN`, or start the script with ' +
    '`set -o pipefail`. A `SHELL` using `/bin/sh` does not count, since dash lacks the option; `||` and a `|` inside ' +
    'quotes are not pipes. The quick fix inserts that `SHELL` line before the `RUN`, and is offered only when ' +
    'the base image is known to have bash (not Alpine, BusyBox, distroless, …). Exec-form RUN, PowerShell ' +
    'and `ONBUILD` triggers are not checked, as in hadolint.',
  example: {
    bad: 'FROM ubuntu:24.04\nRUN curl -fsSL https://example.com/model.tar.gz | tar -xz -C /opt',
    good: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/model.tar.gz | tar -xz -C /opt',
  },
  check(ctx) {
    // Only a shell-form RUN (not a trigger) with a pipe can be reported: those RUNs are visited in file
    // order, each with the shell state in force before it (see shellBefore), instead of walking every
    // instruction of every stage.
    let shells: (ShellState | null)[] | null = null; // shellFrom of each SHELL, made on first need
    for (const run of ctx.runs()) {
      const stage = run.stage;
      if (!stage || !hasPipe(run)) continue;
      const instr = run.instr;
      shells ??= shellStates(ctx.instructions('SHELL'));
      const state = shellBefore(ctx.doc, ctx.instructions('SHELL'), shells, stage, instr.index);
      if (state.pipefail || (state.shell && NON_POSIX.has(state.shell))) continue;
      let on = false;
      const cmds = run.script.commands;
      for (let k = 0; k < cmds.length; k++) {
        const cmd = cmds[k];
        if (cmd.base === 'set' && enablesPipefail(cmd.args.map((a) => a.text))) on = true;
        if (on || cmd.inner || (cmd.next !== '|' && cmd.next !== '|&')) continue;
        let fixes: Fix[] | undefined;
        if ((state.shell === null || state.shell === 'bash' || state.shell === 'sh') && baseHasBash(ctx.doc, stage)) {
          const line = instr.keywordRange.line;
          const indent = (ctx.doc.lines[line - 1] ?? '').slice(0, instr.keywordRange.column - 1);
          const text = `SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${/^[ \t]*$/.test(indent) ? indent : ''}`;
          fixes = [{ title: 'Insert SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN', edits: [{ ...instr.keywordRange, endLine: instr.keywordRange.line, endColumn: instr.keywordRange.column, newText: text }] }];
        }
        let last = k + 1;
        while (last < cmds.length - 1 && (cmds[last].inner || cmds[last].next === '|' || cmds[last].next === '|&')) last++;
        ctx.report(run.range(cmd.start, (cmds[last] ?? cmd).end),
          `"${cmd.name}" pipes into another command, but without pipefail only the last command's failure fails the build; add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN or start it with set -o pipefail.`, fixes);
        break;
      }
    }
  },
});

import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import { commandsOf, optionValue, positionals, type Command, type Word } from '../../shell';
import { findTokens, fromSecret, isCredentialName } from './secrets';
import { mlRuns } from './scope';

const LOGIN_OPTS = ['--token', '--key', '--host', '-u', '--username', '-p', '--password'];
/** The commands whose login subcommands are checked below. */
const LOGIN_TOOLS = new Set(['huggingface-cli', 'hf', 'wandb', 'docker']);

/** `LOGIN_TOOLS.has(base)`, most commands settled by their first character (h, w, d) without hashing the name. */
function isLoginTool(base: string): boolean {
  const c = base.charCodeAt(0);
  return (c === 104 || c === 119 || c === 100) && LOGIN_TOOLS.has(base);
}
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const AUTH_HEADER = /Authorization:[ \t]*(?:Bearer|token|Basic)[ \t]+(\S+)/i;
const URL_USERINFO = /:\/\/([^/\s@]+)@/;

/** What one RUN has reported so far (created on the first candidate, so most RUNs allocate nothing). */
class RunReports {
  private flagged?: Set<number>;
  constructor(
    private readonly ctx: RuleContext,
    private readonly run: RunInfo,
  ) {}

  /** Reports the word once, unless it is a literal token (ML016's). */
  report(w: Word, what: string): void {
    if (this.flagged?.has(w.start) || findTokens(w.raw).length) return; // literal tokens: ML016
    (this.flagged ??= new Set()).add(w.start);
    this.ctx.report(this.run.range(w.start, w.end), `${what} puts a credential on the RUN command line, where the image history keeps it; read it from a --mount=type=secret instead.`);
  }

  /** Empty, or read from a BuildKit secret of this RUN. */
  ok(value: string): boolean {
    return value === '' || fromSecret(this.run, value);
  }
}

/** `NAME=value` with a credential name and a value not read from a secret. */
function checkAssignment(a: Word, ctx: RuleContext, run: RunInfo, state: RunReports | undefined): RunReports | undefined {
  const eq = a.text.indexOf('=');
  const name = a.text.slice(0, eq);
  if (!isCredentialName(name)) return state;
  state ??= new RunReports(ctx, run);
  if (!state.ok(a.text.slice(eq + 1))) state.report(a, `Setting ${name}`);
  return state;
}

/** `huggingface-cli login --token`, `hf auth login --token`, `wandb login <key>`, `docker login -p`. */
function checkLogin(cmd: Command, r: RunReports): void {
  const pos = positionals(cmd, LOGIN_OPTS);
  const p0 = pos[0]?.text;
  const isHfLogin = (cmd.base === 'huggingface-cli' && p0 === 'login') || (cmd.base === 'hf' && p0 === 'auth' && pos[1]?.text === 'login');
  if (isHfLogin) {
    const v = optionValue(cmd, '--token');
    const w = cmd.args.find((x) => x.text === '--token' || x.text.startsWith('--token='));
    if (v !== null && w && !r.ok(v)) r.report(w.text === '--token' ? cmd.args[cmd.args.indexOf(w) + 1] : w, `${cmd.base} login --token`);
  }
  if (cmd.base === 'wandb' && p0 === 'login') {
    const key = positionals(cmd, ['--host'])[1];
    if (key && !r.ok(key.text)) r.report(key, 'wandb login <key>');
  }
  if (cmd.base === 'docker' && p0 === 'login') {
    const k = cmd.args.findIndex((x) => x.text === '-p' || x.text === '--password' || x.text.startsWith('--password='));
    if (k >= 0) {
      const w = cmd.args[k].text.includes('=') ? cmd.args[k] : cmd.args[k + 1];
      if (w && !r.ok(w.text.replace(/^--password=/, ''))) r.report(w, 'docker login --password');
    }
  }
}

export const ML011 = defineRule({
  code: 'ML011',
  level: 'warning',
  title: 'A credential is passed on a RUN command line.',
  description:
    'Tokens given to `huggingface-cli login --token`, `hf auth login --token`, `wandb login <key>`, `HF_TOKEN=… cmd`, `Authorization: Bearer …` headers or `https://<token>@host` URLs ' +
    'come from an `ARG`/`ENV` or a literal, so they are stored in the image history or its metadata. ' +
    'Mount the credential as a BuildKit secret instead: `RUN --mount=type=secret,id=hf_token,env=HF_TOKEN …` or `$(cat /run/secrets/hf_token)`; those pass. ' +
    'Literal tokens anywhere in the file are reported as errors by ML016. Messages never repeat the credential.',
  example: {
    bad: 'FROM python:3.12-slim\nARG HF_TOKEN\nRUN huggingface-cli login --token "$HF_TOKEN" && huggingface-cli download org/model',
    good: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=hf_token,env=HF_TOKEN huggingface-cli download org/model --local-dir /opt/model',
  },
  check(ctx) {
    for (const run of mlRuns(ctx)) {
      let state: RunReports | undefined;
      // `NAME=value cmd`, and the arguments of `export` / `env`
      for (const cmd of run.script.commands) {
        for (const a of cmd.assignments) state = checkAssignment(a, ctx, run, state);
        if (cmd.base === 'export' || cmd.base === 'env') for (const a of cmd.args) if (ASSIGNMENT.test(a.text)) state = checkAssignment(a, ctx, run, state);
      }
      // a word's text is made of characters of the script, so without a `:` there no word has one
      const colon = run.script.text.includes(':');
      for (const cmd of commandsOf(run.script)) {
        if (isLoginTool(cmd.base)) checkLogin(cmd, (state ??= new RunReports(ctx, run)));
        if (!colon) continue;
        for (const w of cmd.args) {
          if (!w.text.includes(':')) continue; // both patterns below need one
          const auth = AUTH_HEADER.exec(w.text);
          if (auth && !(state ??= new RunReports(ctx, run)).ok(auth[1])) state.report(w, 'An Authorization header');
          const url = w.text.includes('@') ? URL_USERINFO.exec(w.text) : null;
          if (url && (url[1].includes(':') || url[1].includes('$')) && !(state ??= new RunReports(ctx, run)).ok(url[1])) state.report(w, 'A URL with credentials');
        }
      }
    }
  },
});

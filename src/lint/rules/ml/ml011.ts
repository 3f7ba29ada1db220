import { defineRule } from '../../rule';
import { commandsOf, optionValue, positionals, type Word } from '../../shell';
import { findTokens, fromSecret, isCredentialName } from './secrets';
import { mlRuns } from './scope';

const LOGIN_OPTS = ['--token', '--key', '--host', '-u', '--username', '-p', '--password'];
/** The commands whose login subcommands are checked below. */
const LOGIN_TOOLS = new Set(['huggingface-cli', 'hf', 'wandb', 'docker']);

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
      const flagged = new Set<number>();
      const report = (w: Word, what: string) => {
        if (flagged.has(w.start) || findTokens(w.raw).length) return; // literal tokens: ML016
        flagged.add(w.start);
        ctx.report(run.range(w.start, w.end), `${what} puts a credential on the RUN command line, where the image history keeps it; read it from a --mount=type=secret instead.`);
      };
      const ok = (value: string) => value === '' || fromSecret(run, value);
      for (const cmd of run.script.commands) {
        const assigns: Word[] = [...cmd.assignments];
        if (cmd.base === 'export' || cmd.base === 'env') assigns.push(...cmd.args.filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text)));
        for (const a of assigns) {
          const eq = a.text.indexOf('=');
          const name = a.text.slice(0, eq);
          if (isCredentialName(name) && !ok(a.text.slice(eq + 1))) report(a, `Setting ${name}`);
        }
      }
      for (const cmd of commandsOf(run.script)) {
        const pos = LOGIN_TOOLS.has(cmd.base) ? positionals(cmd, LOGIN_OPTS).map((w) => w.text) : [];
        const isHfLogin = (cmd.base === 'huggingface-cli' && pos[0] === 'login') || (cmd.base === 'hf' && pos[0] === 'auth' && pos[1] === 'login');
        if (isHfLogin) {
          const v = optionValue(cmd, '--token');
          const w = cmd.args.find((x) => x.text === '--token' || x.text.startsWith('--token='));
          if (v !== null && w && !ok(v)) report(w.text === '--token' ? cmd.args[cmd.args.indexOf(w) + 1] : w, `${cmd.base} login --token`);
        }
        if (cmd.base === 'wandb' && pos[0] === 'login') {
          const key = positionals(cmd, ['--host'])[1];
          if (key && !ok(key.text)) report(key, 'wandb login <key>');
        }
        if (cmd.base === 'docker' && pos[0] === 'login') {
          const k = cmd.args.findIndex((x) => x.text === '-p' || x.text === '--password' || x.text.startsWith('--password='));
          if (k >= 0) {
            const w = cmd.args[k].text.includes('=') ? cmd.args[k] : cmd.args[k + 1];
            if (w && !ok(w.text.replace(/^--password=/, ''))) report(w, 'docker login --password');
          }
        }
        for (const w of cmd.args) {
          if (!w.text.includes(':')) continue; // both patterns below need one
          const auth = /Authorization:[ \t]*(?:Bearer|token|Basic)[ \t]+(\S+)/i.exec(w.text);
          if (auth && !ok(auth[1])) report(w, 'An Authorization header');
          const url = /:\/\/([^/\s@]+)@/.exec(w.text);
          if (url && (url[1].includes(':') || url[1].includes('$')) && !ok(url[1])) report(w, 'A URL with credentials');
        }
      }
    }
  },
});

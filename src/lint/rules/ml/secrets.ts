// Credential detection shared by ML011 (credentials used on RUN lines) and ML016 (literal tokens).
// Messages never contain a secret: `maskToken` keeps only the well-known prefix.
import type { RunInfo } from '../../rule';
import { runAssigned, secretMounts } from './scope';

export interface TokenHit {
  start: number;
  end: number;
  kind: string;
  masked: string;
}

interface TokenPattern {
  re: RegExp;
  kind: string;
  prefix: string;
  /** Capture group holding the token (default 0). */
  group?: number;
}

const PATTERNS: TokenPattern[] = [
  { re: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/g, kind: 'Hugging Face token', prefix: 'hf_' },
  { re: /(?<![A-Za-z0-9_])api_org_[A-Za-z0-9]{30,}/g, kind: 'Hugging Face organisation token', prefix: 'api_org_' },
  { re: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g, kind: 'API key (OpenAI/Anthropic style)', prefix: 'sk-' },
  { re: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}/g, kind: 'GitHub token', prefix: 'gh' },
  { re: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{40,}/g, kind: 'GitHub token', prefix: 'github_pat_' },
  { re: /(?<![A-Za-z0-9_])nvapi-[A-Za-z0-9_-]{40,}/g, kind: 'NVIDIA NGC API key', prefix: 'nvapi-' },
  { re: /(?<![A-Za-z0-9_])r8_[A-Za-z0-9]{30,}/g, kind: 'Replicate token', prefix: 'r8_' },
  { re: /(?<![A-Z0-9])AKIA[0-9A-Z]{16}(?![A-Z0-9])/g, kind: 'AWS access key id', prefix: 'AKIA' },
  { re: /(WANDB_API_KEY["']?(?:[ \t]*=[ \t]*|[ \t]+)["']?|wandb[ \t]+login[ \t]+(?:--relogin[ \t]+)?["']?)([0-9a-f]{40})(?![0-9a-fA-F])/gi, kind: 'Weights & Biases API key', prefix: '', group: 2 },
];

const PLACEHOLDER = /x{6,}|X{6,}|\.\.\.|your|example|placeholder|redacted|dummy|fake|changeme|0{10,}/i;

export function maskToken(prefix: string): string {
  return prefix ? `${prefix}…(redacted)` : '…(redacted)';
}

/**
 * Every pattern needs one of the prefixes `hf_ api_org_ sk- gh[pousr]_ github_pat_ nvapi- r8_ AKIA wandb`
 * (the last in any case), so most lines are ruled out by one test. The same set, written so that each
 * alternative starts at a character that is rare in Dockerfiles (`_`, `k`, `v`, `K`, `w`/`W`) and checks
 * the characters before it by lookbehind: about twice as fast as the plain alternation.
 */
const ANY_PREFIX = /_(?<=(?:hf|r8|gh[pousr]|api_org|github_pat)_)|k(?<=sk)-|v(?<=nv)api-|K(?<=AK)IA|[wW][aA][nN][dD][bB]/;
/** No pattern matches fewer characters than this (`AKIA` + 16). */
const MIN_TOKEN_TEXT = 20;
/** Whether `findTokens(text)` can find anything (false for almost every line): its first test, small enough to inline. */
export function mayHoldToken(text: string): boolean {
  return text.length >= MIN_TOKEN_TEXT && ANY_PREFIX.test(text);
}
/** What `findTokens` returns when there is nothing (shared: never mutated). */
const NO_TOKENS: TokenHit[] = [];

/** Literal tokens in a line of text. Linear: each pattern is a single pass without nested quantifiers. */
export function findTokens(text: string): TokenHit[] {
  if (!mayHoldToken(text)) return NO_TOKENS;
  const out: TokenHit[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const token = p.group ? m[p.group] : m[0];
      const start = m.index + (p.group ? m[0].length - token.length : 0);
      if (PLACEHOLDER.test(token)) continue;
      // real keys mix letters and digits
      const body = token.slice(p.prefix.length);
      if (!/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) continue;
      out.push({ start, end: start + token.length, kind: p.kind, masked: maskToken(p.prefix === 'gh' ? token.slice(0, 4) : p.prefix) });
    }
  }
  return out;
}

const CREDENTIAL_NAME = /(^|_)(TOKEN|API_?KEY|SECRET|SECRET_KEY|PASSWORD|PASSWD|ACCESS_KEY|AUTH)(_|$)/i;
const NOT_CREDENTIAL_NAME = /^(TOKENIZERS_|HF_HUB_DISABLE_)/i;

/** Names that hold credentials (`HF_TOKEN`, `WANDB_API_KEY`, `*_PASSWORD`…). */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !NOT_CREDENTIAL_NAME.test(name);
}

/** True when `value` is read from a BuildKit secret mounted on this RUN (file or `env=`). */
export function fromSecret(run: RunInfo, value: string): boolean {
  if (run.mounts.length === 0) return false; // no secret mount (the common case), without building the sets
  const s = secretMounts(run);
  if (s.files.length === 0 && s.envs.size === 0) return false;
  if (/\/run\/secrets\//.test(value) || s.files.some((f) => value.includes(f))) return true;
  const refs = [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  if (refs.length === 0) return false;
  // a secret's env, or a variable this RUN fills from a secret file (`token="$(cat /run/secrets/x)"`)
  const assigned = runAssigned(run);
  return refs.every((r) => {
    if (s.envs.has(r)) return true;
    const v = assigned.get(r);
    return v !== undefined && (/\/run\/secrets\//.test(v) || s.files.some((f) => v.includes(f)));
  });
}

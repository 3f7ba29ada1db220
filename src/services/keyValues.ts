// KEY=VALUE lists typed by the user (build args, environment variables). Pure: no vscode import.
// Pairs are separated by new lines, or by a comma or blanks that come right before the next `KEY=`:
// so values keep their commas (`CUDA_VISIBLE_DEVICES=0,1`) and their inner blanks.

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isNameStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
}

/** True when `text` at `i` starts `NAME=`. */
function startsPair(text: string, i: number): boolean {
  if (!isNameStart(text[i] ?? '')) return false;
  let j = i + 1;
  while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
  return text[j] === '=';
}

/** Splits the text into pair strings (one pass, no backtracking). */
function splitPairs(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      parts.push(cur);
      cur = '';
      continue;
    }
    if (c === ',' || c === ' ' || c === '\t') {
      let j = i;
      while (j < text.length && (text[j] === ',' || text[j] === ' ' || text[j] === '\t')) j++;
      if (j >= text.length || startsPair(text, j) || cur.trim() === '') {
        parts.push(cur);
        cur = '';
        i = j - 1;
        continue;
      }
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The pairs, or a message naming the first part that is not `KEY=VALUE`. */
export function parseKeyValues(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of splitPairs(text)) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : '';
    if (!NAME.test(key)) return `Use KEY=VALUE pairs, one per line or separated by commas: "${part}" is not one.`;
    out[key] = part.slice(eq + 1);
  }
  return out;
}

/** The inverse, for showing remembered values: `A=1, B=0,1` (commas in values stay unambiguous). */
export function formatKeyValues(pairs: Readonly<Record<string, string>>): string {
  return Object.entries(pairs).map(([k, v]) => `${k}=${v}`).join(', ');
}

// Which variable names hold a secret (HF_TOKEN, WANDB_API_KEY, AWS_SECRET_ACCESS_KEY, dbPassword), and
// which only point at one (GOOGLE_APPLICATION_CREDENTIALS_FILE, TOKEN_PATH). One reader for the lint
// rules (DL3064), run profiles (masking, secret storage) and compose hints. Pure.

/** Words that name a secret by themselves. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'secretkey', 'accesskey']);
/** Word pairs that name a secret: API_KEY, ACCESS_KEY, … */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'auth', 'signing', 'encryption', 'master', 'license']);
/** A last word that makes the variable a pointer to a secret, or a setting about it, not the secret itself. */
const NOT_A_SECRET_TAIL = new Set(['file', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'location', 'name',
  'id', 'limit', 'limits', 'count', 'length', 'len', 'size', 'type', 'mode', 'enabled', 'required', 'header', 'env']);

/** Cheap first test (a prefilter for whole instructions too): every secret word and `key`/`keys` contains one of these. */
export const MAYBE_SECRET = /pass|secret|token|key|credential/i;

/** Splits `HF_HUB_TOKEN`, `apiKey`, `db-password` into lowercase words. */
export function nameWords(name: string): string[] {
  // runs of ASCII letters and digits, also cut before an upper-case letter that follows a lower-case one or a digit
  const out: string[] = [];
  let start = -1;
  let prev = 0; // 1: lower-case letter or digit, 2: upper-case letter
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0;
    const kind = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? 1 : c >= 65 && c <= 90 ? 2 : 0;
    if (start >= 0 && (kind === 0 || (kind === 2 && prev === 1))) {
      out.push(name.slice(start, i).toLowerCase());
      start = -1;
    }
    if (kind !== 0 && start < 0) start = i;
    prev = kind;
  }
  return out;
}

/** The word(s) that make a variable name look like it holds a secret, or null. */
export function sensitiveWord(name: string): string | null {
  if (!MAYBE_SECRET.test(name)) return null; // every word above contains one of these
  const words = nameWords(name);
  if (words.length === 0) return null;
  if (NOT_A_SECRET_TAIL.has(words[words.length - 1]) && words.length > 1) return null;
  if (words.includes('public')) return null;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (SECRET_WORDS.has(w)) return w;
    if ((w === 'key' || w === 'keys') && k > 0 && KEY_QUALIFIERS.has(words[k - 1])) return `${words[k - 1]}_${w}`;
  }
  return null;
}

export function isSecretName(name: string): boolean {
  return sensitiveWord(name) !== null;
}

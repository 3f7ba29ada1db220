// Keeps credentials out of logs, errors and terminals. Every secret we touch is registered here;
// everything we print goes through redact().

const MASK = '********';

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret (and the encodings it may appear in). Short strings are ignored (too many false hits). */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4) return;
    this.secrets.add(secret);
    this.secrets.add(Buffer.from(secret).toString('base64'));
    this.secrets.add(encodeURIComponent(secret));
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
  }

  /** Registers username:password in the forms an auth header or config.json carries. */
  addBasic(username: string | undefined, password: string | undefined): void {
    this.add(password);
    if (username !== undefined && password) {
      const pair = `${username}:${password}`;
      this.add(pair);
    }
  }

  redact(text: string): string {
    return redactText(text, [...this.secrets]);
  }
}

/** Masks the given secrets and anything that looks like an auth header or token assignment. */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const list = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const s of list) out = out.split(s).join(MASK);
  out = out
    .replace(/(authorization\s*[:=]\s*(?:basic|bearer)\s+)[A-Za-z0-9+/=._~-]+/gi, `$1${MASK}`)
    .replace(/(x-registry-(?:auth|config)\s*[:=]\s*)[A-Za-z0-9+/=_-]+/gi, `$1${MASK}`)
    .replace(/("(?:password|secret|identitytoken|auth|registrytoken|identityToken|Secret|Password)"\s*:\s*")[^"]*(")/g, `$1${MASK}$2`);
  return out;
}

/** A redactor shared by the whole extension: the log channel and error messages go through it. */
export const globalRedactor = new SecretRedactor();

// Value checks for hadolint's label-schema types (DL3052–DL3058). All linear, no backtracking regexes.

/** An absolute URI: `scheme:rest`; web schemes need `//host`. */
export function isUrl(v: string): boolean {
  if (/\s/.test(v)) return false;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.+)$/.exec(v);
  if (!m) return false;
  const scheme = m[1].toLowerCase();
  if (['http', 'https', 'ftp', 'ftps', 'ws', 'wss', 'git', 'ssh', 'file'].includes(scheme)) {
    const h = /^\/\/([^/?#]*)/.exec(m[2]);
    if (!h) return false;
    if (scheme !== 'file' && !/^([^@]*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(h[1])) return false;
  }
  return true;
}

/** RFC 3339 date-time: `2024-05-01T12:30:00Z`, `2024-05-01T12:30:00.5+02:00`. */
export function isRfc3339(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [year, month, day, hour, min, sec] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k]));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
  if (hour > 23 || min > 59 || sec > 60) return false;
  if (m[8].length > 1 && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

/** Semantic Versioning 2.0.0 (no leading `v`). */
export function isSemver(v: string): boolean {
  const plus = v.indexOf('+');
  const main = plus < 0 ? v : v.slice(0, plus);
  if (plus >= 0) {
    const build = v.slice(plus + 1).split('.');
    if (!build.every((id) => /^[0-9A-Za-z-]+$/.test(id))) return false;
  }
  const dash = main.indexOf('-');
  const core = dash < 0 ? main : main.slice(0, dash);
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(core)) return false;
  if (dash >= 0) {
    const pre = main.slice(dash + 1).split('.');
    for (const id of pre) {
      if (!/^[0-9A-Za-z-]+$/.test(id)) return false;
      if (/^\d+$/.test(id) && id.length > 1 && id[0] === '0') return false;
    }
  }
  return true;
}

/** A git commit hash, abbreviated (7) to full SHA-1 (40). */
export function isGitHash(v: string): boolean {
  return /^[0-9a-fA-F]{7,40}$/.test(v);
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;

/** An address in RFC 5322 `addr-spec` form: `local@domain`. */
export function isEmail(v: string): boolean {
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1 || v.length > 320) return false;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  const localOk = /^"([^"\\]|\\.)*"$/.test(local) || local.split('.').every((p) => ATEXT.test(p));
  if (!localOk) return false;
  if (/^\[[^\][\\]*\]$/.test(domain)) return true;
  return domain.split('.').every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l) && l.length <= 63);
}

/** Common SPDX license identifiers (lowercase for case-insensitive matching). */
const SPDX_IDS = new Set([
  '0bsd', 'afl-3.0', 'agpl-1.0', 'agpl-3.0', 'agpl-3.0-only', 'agpl-3.0-or-later', 'apache-1.0', 'apache-1.1', 'apache-2.0',
  'apsl-2.0', 'artistic-1.0', 'artistic-2.0', 'blueoak-1.0.0', 'bsd-1-clause', 'bsd-2-clause', 'bsd-2-clause-patent',
  'bsd-3-clause', 'bsd-3-clause-clear', 'bsd-4-clause', 'bsl-1.0', 'busl-1.1', 'cc-by-3.0', 'cc-by-4.0', 'cc-by-nc-4.0',
  'cc-by-nc-sa-4.0', 'cc-by-nd-4.0', 'cc-by-sa-3.0', 'cc-by-sa-4.0', 'cc0-1.0', 'cddl-1.0', 'cddl-1.1', 'cecill-2.1',
  'cpl-1.0', 'ecl-2.0', 'efl-2.0', 'epl-1.0', 'epl-2.0', 'eupl-1.1', 'eupl-1.2', 'gfdl-1.3-only', 'gfdl-1.3-or-later',
  'gpl-1.0-only', 'gpl-1.0-or-later', 'gpl-2.0', 'gpl-2.0-only', 'gpl-2.0-or-later', 'gpl-3.0', 'gpl-3.0-only',
  'gpl-3.0-or-later', 'hpnd', 'icu', 'isc', 'lgpl-2.0-only', 'lgpl-2.0-or-later', 'lgpl-2.1', 'lgpl-2.1-only',
  'lgpl-2.1-or-later', 'lgpl-3.0', 'lgpl-3.0-only', 'lgpl-3.0-or-later', 'lppl-1.3c', 'mit', 'mit-0', 'mpl-1.1',
  'mpl-2.0', 'mpl-2.0-no-copyleft-exception', 'ms-pl', 'ms-rl', 'mulanpsl-2.0', 'ncsa', 'ofl-1.1', 'openssl', 'osl-3.0',
  'php-3.01', 'postgresql', 'psf-2.0', 'python-2.0', 'ruby', 'sissl', 'sleepycat', 'ssh-openssh', 'unicode-dfs-2016',
  'unicode-3.0', 'unlicense', 'upl-1.0', 'vim', 'w3c', 'wtfpl', 'x11', 'xnet', 'zlib', 'zpl-2.1', 'curl', 'libpng-2.0',
  'imagemagick', 'elastic-2.0', 'sspl-1.0', 'openrail', 'cc-by-nc-nd-4.0', 'llama2', 'llama3',
]);

/** Common SPDX license exceptions (after `WITH`). */
const SPDX_EXCEPTIONS = new Set([
  'classpath-exception-2.0', 'llvm-exception', 'gcc-exception-2.0', 'gcc-exception-3.1', 'openjdk-assembly-exception-1.0',
  'autoconf-exception-3.0', 'bison-exception-2.2', 'font-exception-2.0', 'qt-gpl-exception-1.0', 'qt-lgpl-exception-1.1',
  'linux-syscall-note', 'swift-exception', 'universal-foss-exception-1.0', 'openvpn-openssl-exception',
]);

function isLicenseId(tok: string): boolean {
  const t = tok.endsWith('+') ? tok.slice(0, -1) : tok;
  if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(t)) return true;
  return SPDX_IDS.has(t.toLowerCase());
}

/** An SPDX license expression: ids, `+`, `AND`/`OR`/`WITH` and parentheses. */
export function isSpdx(v: string): boolean {
  const tokens = v.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length > 200) return false;
  let pos = 0;
  const op = (t: string | undefined, name: string) => t !== undefined && (t === name || t === name.toLowerCase());
  // expr := term ((AND|OR) term)* ; term := '(' expr ')' | id [WITH exception]
  const term = (): boolean => {
    const t = tokens[pos];
    if (t === '(') {
      pos++;
      if (!expr()) return false;
      if (tokens[pos] !== ')') return false;
      pos++;
      return true;
    }
    if (t === undefined || !isLicenseId(t)) return false;
    pos++;
    if (op(tokens[pos], 'WITH')) {
      pos++;
      const ex = tokens[pos];
      if (ex === undefined || !(SPDX_EXCEPTIONS.has(ex.toLowerCase()) || /^(DocumentRef-[A-Za-z0-9.-]+:)?AdditionRef-[A-Za-z0-9.-]+$/.test(ex))) return false;
      pos++;
    }
    return true;
  };
  let depth = 0;
  const expr = (): boolean => {
    if (++depth > 50) return false;
    if (!term()) return false;
    while (op(tokens[pos], 'AND') || op(tokens[pos], 'OR')) {
      pos++;
      if (!term()) return false;
    }
    depth--;
    return true;
  };
  return expr() && pos === tokens.length;
}

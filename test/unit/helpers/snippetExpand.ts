// Expands a VS Code snippet body the way the editor does when the user accepts every default:
// tab stops take their placeholder text, choices their first entry (or a chosen override),
// mirrors repeat the value, transforms apply their regex. Variables expand to their default.
// Throws on syntax VS Code would not accept as intended (unbalanced `${`, empty choice lists).

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: Node[] };

interface Transform { regex: RegExp; format: string }

export interface TabStopInfo { index: number; choices?: string[] }

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseAll(): Node[] {
    const nodes = this.parseUntil(null);
    if (this.pos < this.src.length) throw new Error(`unexpected '${this.src[this.pos]}' at ${this.pos}`);
    return nodes;
  }

  private parseUntil(stop: '}' | null): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => { if (text) { nodes.push({ kind: 'text', text }); text = ''; } };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length && '$}\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && stop === '}') {
        break;
      } else if (c === '$') {
        const node = this.parseDollar();
        if (node) { flush(); nodes.push(node); } else { text += '$'; this.pos++; }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** At a `$`: returns the construct, or undefined when the `$` is literal text. */
  private parseDollar(): Node | undefined {
    const rest = this.src.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) { this.pos += m[0].length; return { kind: 'tabstop', index: Number(m[1]) }; }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) { this.pos += m[0].length; return { kind: 'variable', name: m[1] }; }
    m = /^\$\{(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      const index = Number(m[1]);
      const c = this.src[this.pos];
      if (c === '}') { this.pos++; return { kind: 'tabstop', index }; }
      if (c === ':') { this.pos++; const children = this.parseUntil('}'); this.expect('}'); return { kind: 'tabstop', index, children }; }
      if (c === '|') { this.pos++; return { kind: 'tabstop', index, choices: this.parseChoices() }; }
      if (c === '/') { this.pos++; return { kind: 'tabstop', index, transform: this.parseTransform() }; }
      throw new Error(`bad tab stop at ${this.pos}`);
    }
    m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      if (this.src[this.pos] === '}') { this.pos++; return { kind: 'variable', name: m[1] }; }
      if (this.src[this.pos] === ':') { this.pos++; const children = this.parseUntil('}'); this.expect('}'); return { kind: 'variable', name: m[1], children }; }
      throw new Error(`unsupported variable form at ${this.pos}`);
    }
    if (rest.startsWith('${')) throw new Error(`unbalanced or unknown \${ at ${this.pos}`);
    return undefined;
  }

  private parseChoices(): string[] {
    const choices: string[] = [];
    let cur = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\$}'.includes(this.src[this.pos + 1] ?? '')) { cur += this.src[this.pos + 1]; this.pos += 2; continue; }
      if (c === ',') { choices.push(cur); cur = ''; this.pos++; continue; }
      if (c === '|' && this.src[this.pos + 1] === '}') {
        choices.push(cur);
        this.pos += 2;
        if (choices.some((x) => x === '')) throw new Error('empty choice');
        return choices;
      }
      cur += c;
      this.pos++;
    }
    throw new Error('unterminated choice list');
  }

  private parseTransform(): Transform {
    const part = (): string => {
      let out = '';
      while (this.pos < this.src.length) {
        const c = this.src[this.pos];
        if (c === '\\' && this.src[this.pos + 1] === '/') { out += '/'; this.pos += 2; continue; }
        if (c === '/') { this.pos++; return out; }
        out += c;
        this.pos++;
      }
      throw new Error('unterminated transform');
    };
    const regex = part();
    const format = part();
    const flags = /^[a-z]*/.exec(this.src.slice(this.pos))?.[0] ?? '';
    this.pos += flags.length;
    this.expect('}');
    return { regex: new RegExp(regex, flags), format };
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) throw new Error(`expected '${c}' at ${this.pos}`);
    this.pos++;
  }
}

function bodyText(body: string | string[]): string {
  return Array.isArray(body) ? body.join('\n') : body;
}

function walk(nodes: Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind !== 'text' && n.children) walk(n.children, visit);
  }
}

/** Tab stops of a body with their choice lists (first definition wins, as in VS Code). */
export function tabStops(body: string | string[]): TabStopInfo[] {
  const nodes = new Parser(bodyText(body)).parseAll();
  const seen = new Map<number, TabStopInfo>();
  walk(nodes, (n) => {
    if (n.kind !== 'tabstop') return;
    const prev = seen.get(n.index);
    if (!prev || (!prev.choices && n.choices)) seen.set(n.index, { index: n.index, choices: n.choices });
  });
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

function applyFormat(format: string, m: RegExpExecArray): string {
  return format.replace(/\$(\d+)|\$\{(\d+)\}/g, (_s, a?: string, b?: string) => m[Number(a ?? b)] ?? '');
}

/**
 * The text the editor inserts when every tab stop keeps its default. `overrides` sets the value of
 * tab stops by index (e.g. another entry of a choice list).
 */
export function expandSnippet(body: string | string[], overrides: Record<number, string> = {}): string {
  const nodes = new Parser(bodyText(body)).parseAll();
  const values = new Map<number, string>(Object.entries(overrides).map(([k, v]) => [Number(k), v]));
  // A tab stop's value comes from its first definition that has content (placeholder or choice).
  const render = (list: Node[]): string => list.map(renderNode).join('');
  const define = (list: Node[]): void => {
    for (const n of list) {
      if (n.kind === 'tabstop' && !values.has(n.index)) {
        if (n.choices) values.set(n.index, n.choices[0]);
        else if (n.children) { define(n.children); values.set(n.index, render(n.children)); }
      } else if (n.kind !== 'text' && n.children) {
        define(n.children);
      }
    }
  };
  function renderNode(n: Node): string {
    if (n.kind === 'text') return n.text;
    if (n.kind === 'variable') return n.children ? render(n.children) : '';
    const value = values.get(n.index) ?? '';
    if (n.transform) {
      const m = n.transform.regex.exec(value);
      if (!m) return value;
      return value.slice(0, m.index) + applyFormat(n.transform.format, m) + value.slice(m.index + m[0].length);
    }
    return value;
  }
  define(nodes);
  return render(nodes);
}

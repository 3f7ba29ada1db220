// requirements*.txt: requirements, `-r`/`-c` includes (followed, bounded, never outside the
// project), `--index-url`/`--extra-index-url`/`-f`, environment markers, line continuations.
import * as path from 'node:path';
import { parseRequirement } from './pep508';
import type { ProjectFiles } from './projectFiles';
import type { PyDep, PyIndex } from './types';

export interface RequirementsResult {
  deps: PyDep[];
  indexes: PyIndex[];
  /** Every file read (the start file and its includes), project-relative, in reading order. */
  files: string[];
  notes: string[];
}

const MAX_INCLUDES = 50;

/** Physical lines joined at trailing backslashes, comments removed. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of text.split(/\r?\n/)) {
    let line = raw;
    // a comment starts at line start or after whitespace (`#egg=` fragments in URLs stay)
    const hash = line.search(/(^|\s)#/);
    if (hash >= 0) line = line.slice(0, hash);
    if (line.endsWith('\\')) {
      cur += line.slice(0, -1) + ' ';
      continue;
    }
    cur += line;
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function optionValue(line: string, names: string[]): string | undefined {
  for (const n of names) {
    if (line === n) return '';
    if (line.startsWith(n + '=')) return line.slice(n.length + 1).trim();
    if (line.startsWith(n + ' ') || line.startsWith(n + '\t')) return line.slice(n.length).trim();
    // `-rfile` short form
    if (n.length === 2 && line.startsWith(n) && !line.startsWith(n + '-') && line.length > 2 && !line.startsWith('--')) return line.slice(2).trim();
  }
  return undefined;
}

/** Reads `start` (project-relative) and what it includes. */
export function readRequirements(files: ProjectFiles, start: string): RequirementsResult {
  const res: RequirementsResult = { deps: [], indexes: [], files: [], notes: [] };
  const seen = new Set<string>();
  const visit = (rel: string, constraint: boolean): void => {
    if (seen.has(rel) || seen.size >= MAX_INCLUDES) return;
    seen.add(rel);
    const text = files.read(rel);
    if (text === undefined) {
      res.notes.push(`${rel} is included but cannot be read`);
      return;
    }
    res.files.push(rel);
    const dir = path.posix.dirname(rel);
    for (const line of logicalLines(text)) {
      const inc = optionValue(line, ['-r', '--requirement']);
      const con = optionValue(line, ['-c', '--constraint']);
      const target = inc ?? con;
      if (target !== undefined) {
        if (!target || /^[a-z]+:\/\//i.test(target)) continue;
        const next = path.posix.normalize(path.posix.join(dir, target));
        if (next.startsWith('../') || path.posix.isAbsolute(next)) {
          res.notes.push(`${rel}: ${target} is outside the project and was not read`);
          continue;
        }
        visit(next, con !== undefined || constraint);
        continue;
      }
      const idx = optionValue(line, ['-i', '--index-url']);
      if (idx !== undefined) {
        if (idx) res.indexes.push({ url: idx, kind: 'index', from: rel });
        continue;
      }
      const extra = optionValue(line, ['--extra-index-url']);
      if (extra !== undefined) {
        if (extra) res.indexes.push({ url: extra, kind: 'extra', from: rel });
        continue;
      }
      const links = optionValue(line, ['-f', '--find-links']);
      if (links !== undefined) {
        if (links) res.indexes.push({ url: links, kind: 'extra', from: rel });
        continue;
      }
      if (line.startsWith('-')) continue; // -e, --hash, --pre, --no-binary… do not change what is detected
      if (constraint) continue; // constraints pin versions but add no packages
      // requirements may carry per-requirement options after the spec (`--hash=…`)
      const spec = line.split(/\s--?[a-z]/)[0];
      const dep = parseRequirement(spec, rel);
      if (dep) res.deps.push(dep);
    }
  };
  visit(start, false);
  return res;
}

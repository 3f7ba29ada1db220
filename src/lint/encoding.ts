// How a Dockerfile's bytes become text, as the builder reads them: UTF-8, with a leading byte order
// mark ignored (BuildKit strips it). A UTF-16 file (byte order mark FF FE / FE FF, or NUL bytes, as
// in UTF-16 text without a mark) is not something the builder can read: it gets one clear problem.
import type { Problem } from './types';

export const UTF16_MESSAGE = 'This file is UTF-16 encoded (or binary); the builder reads Dockerfiles as UTF-8. Save it as UTF-8.';

/** The one problem reported for a file in UTF-16, at the start of the file. */
export function encodingProblem(): Problem {
  return { code: 'DL1000', level: 'error', message: UTF16_MESSAGE, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** True when text (already decoded by someone else) is really UTF-16 or binary: NULs, or a byte order mark decoded the wrong way. */
export function looksUtf16Text(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const c0 = text.charCodeAt(0);
  const c1 = text.charCodeAt(1);
  return c0 === 0xfffe || (c0 === 0xfffd && c1 === 0xfffd) || (c0 === 0xff && c1 === 0xfe) || (c0 === 0xfe && c1 === 0xff);
}

/** Text without a leading byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes file bytes: UTF-8 without its byte order mark, or null text with the UTF-16 problem. */
export function decodeDockerfile(bytes: Uint8Array): { text: string; problem: null } | { text: null; problem: Problem } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { text: null, problem: encodingProblem() };
  if (bytes.indexOf(0) >= 0) return { text: null, problem: encodingProblem() };
  return { text: new TextDecoder('utf-8').decode(bytes), problem: null };
}

// What the lint provider and the quick fixes share: which documents are Dockerfiles, ranges, the
// diagnostics source, and the per-document lint state the quick fixes read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockerfile } from '../lint/index';
import type { Problem } from '../lint/types';

export const SOURCE = 'ml-containers';

export interface LintState {
  problems: Problem[];
  doc: Dockerfile;
  version: number;
}

/** Dockerfiles by language or by name (Dockerfile, *.Dockerfile, Containerfile, Dockerfile.*). */
export function isDockerfile(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'dockerfile') return true;
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
  const base = path.basename(doc.uri.path).toLowerCase();
  return base === 'dockerfile' || base === 'containerfile' || base.endsWith('.dockerfile') || base.startsWith('dockerfile.') || base.startsWith('containerfile.');
}

export function toRange(p: { line: number; column: number; endLine: number; endColumn: number }): vscode.Range {
  const start = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  const end = new vscode.Position(Math.max(0, p.endLine - 1), Math.max(0, p.endColumn - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

/** The latest lint of each open Dockerfile (implemented by LintProvider). */
export interface LintStates {
  state(uri: vscode.Uri): LintState | undefined;
  /** Lints now (synchronously) and returns the problems. */
  lintNow(doc: vscode.TextDocument): Problem[];
}

// Converts the language-server types of dockerfile-language-service into the editor's types.
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';

export function toPosition(p: lsp.Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toRange(r: lsp.Range): vscode.Range {
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

export function fromPosition(p: vscode.Position): lsp.Position {
  return { line: p.line, character: p.character };
}

export function fromRange(r: vscode.Range): lsp.Range {
  return { start: fromPosition(r.start), end: fromPosition(r.end) };
}

export function toTextEdit(e: lsp.TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toRange(e.range), e.newText);
}

function toMarkdown(m: lsp.MarkupContent | lsp.MarkedString | lsp.MarkedString[] | string | undefined): vscode.MarkdownString | string | undefined {
  if (m === undefined) return undefined;
  if (typeof m === 'string') return new vscode.MarkdownString(m);
  if (Array.isArray(m)) return new vscode.MarkdownString(m.map((x) => (typeof x === 'string' ? x : `\`\`\`${x.language}\n${x.value}\n\`\`\``)).join('\n\n'));
  if ('kind' in m) return m.kind === 'markdown' ? new vscode.MarkdownString(m.value) : m.value;
  return new vscode.MarkdownString(`\`\`\`${m.language}\n${m.value}\n\`\`\``);
}

/** LSP CompletionItemKind (1-based) → vscode.CompletionItemKind (0-based). */
export function toCompletionItem(item: lsp.CompletionItem): vscode.CompletionItem {
  const out = new vscode.CompletionItem(item.label, item.kind !== undefined ? (item.kind - 1) as vscode.CompletionItemKind : undefined);
  out.detail = item.detail;
  const doc = toMarkdown(item.documentation);
  if (doc !== undefined) out.documentation = doc;
  out.sortText = item.sortText;
  out.filterText = item.filterText;
  const snippet = item.insertTextFormat === 2;
  const edit = item.textEdit;
  if (edit && 'range' in edit) {
    out.range = toRange(edit.range);
    out.insertText = snippet ? new vscode.SnippetString(edit.newText) : edit.newText;
  } else if (item.insertText !== undefined) {
    out.insertText = snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  }
  if (item.additionalTextEdits) out.additionalTextEdits = item.additionalTextEdits.map(toTextEdit);
  if (item.deprecated || item.tags?.includes(1)) out.tags = [vscode.CompletionItemTag.Deprecated];
  if (item.command) out.command = { command: item.command.command, title: item.command.title, arguments: item.command.arguments };
  return out;
}

export function toHover(h: lsp.Hover): vscode.Hover {
  const c = toMarkdown(h.contents);
  return new vscode.Hover(c ?? '', h.range ? toRange(h.range) : undefined);
}

/** LSP SymbolKind (1-based) → vscode.SymbolKind (0-based). */
export function toSymbol(s: lsp.SymbolInformation, uri: vscode.Uri): vscode.SymbolInformation {
  return new vscode.SymbolInformation(s.name, (s.kind - 1) as vscode.SymbolKind, s.containerName ?? '', new vscode.Location(uri, toRange(s.location.range)));
}

export function toHighlight(h: lsp.DocumentHighlight): vscode.DocumentHighlight {
  return new vscode.DocumentHighlight(toRange(h.range), h.kind !== undefined ? ((h.kind - 1) as vscode.DocumentHighlightKind) : undefined);
}

export function toFoldingRange(f: lsp.FoldingRange): vscode.FoldingRange {
  return new vscode.FoldingRange(f.startLine, f.endLine, f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : f.kind === 'imports' ? vscode.FoldingRangeKind.Imports : undefined);
}

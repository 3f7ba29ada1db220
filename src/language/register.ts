// Dockerfile language features — completion of instructions, flags, stage names and variables; hover
// docs; outline; formatting; folding; highlights; go to definition and rename of stages and ARGs;
// signature help; links — from dockerfile-language-service, the service behind Microsoft's Docker
// tooling (same author as dockerfile-utils). Diagnostics stay ours (src/diagnostics).
//
// Switched off when another installed extension already provides them (Container Tools, the Docker
// extension, Docker DX): two completion lists and two hovers for every Dockerfile help nobody.
import * as vscode from 'vscode';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import {
  fromPosition, fromRange, toCompletionItem, toFoldingRange, toHighlight, toHover, toRange, toSymbol, toTextEdit,
} from './convert';

/** Extensions that bring their own Dockerfile language server. */
export const OTHER_PROVIDERS = ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'];

const SETTING = 'mlContainers.languageFeatures';

let service: DockerfileLanguageService | undefined;
/** The service is loaded on the first request, not at activation. */
function languageService(): DockerfileLanguageService {
  if (!service) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DockerfileLanguageServiceFactory } = require('dockerfile-language-service') as typeof import('dockerfile-language-service');
    service = DockerfileLanguageServiceFactory.createLanguageService();
    service.setCapabilities({
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      foldingRange: { lineFoldingOnly: true },
    });
  }
  return service;
}

function enabled(): boolean {
  const mode = vscode.workspace.getConfiguration().get<string>(SETTING, 'auto');
  if (mode === 'off') return false;
  if (mode === 'on') return true;
  return !OTHER_PROVIDERS.some((id) => vscode.extensions.getExtension(id));
}

function formatting(options: vscode.FormattingOptions) {
  return { tabSize: options.tabSize, insertSpaces: options.insertSpaces, ignoreMultilineInstructions: false };
}

function providers(): vscode.Disposable[] {
  const sel: vscode.DocumentSelector = { language: 'dockerfile' };
  const ls = languageService;
  const id = (doc: vscode.TextDocument) => ({ uri: doc.uri.toString() });
  return [
    vscode.languages.registerCompletionItemProvider(sel, {
      async provideCompletionItems(doc, pos) {
        return (await ls().computeCompletionItems(doc.getText(), fromPosition(pos))).map(toCompletionItem);
      },
    }, '=', ' ', '$', '-', ':', '{', '/'),
    vscode.languages.registerHoverProvider(sel, {
      provideHover(doc, pos) {
        const h = ls().computeHover(doc.getText(), fromPosition(pos));
        return h ? toHover(h) : undefined;
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(sel, {
      provideDocumentSymbols(doc) {
        return ls().computeSymbols(id(doc), doc.getText()).map((s) => toSymbol(s, doc.uri));
      },
    }),
    vscode.languages.registerDocumentFormattingEditProvider(sel, {
      provideDocumentFormattingEdits(doc, options) {
        return ls().format(doc.getText(), formatting(options)).map(toTextEdit);
      },
    }),
    vscode.languages.registerDocumentRangeFormattingEditProvider(sel, {
      provideDocumentRangeFormattingEdits(doc, range, options) {
        return ls().formatRange(doc.getText(), fromRange(range), formatting(options)).map(toTextEdit);
      },
    }),
    vscode.languages.registerFoldingRangeProvider(sel, {
      provideFoldingRanges(doc) {
        return ls().computeFoldingRanges(doc.getText()).map(toFoldingRange);
      },
    }),
    vscode.languages.registerDocumentHighlightProvider(sel, {
      provideDocumentHighlights(doc, pos) {
        return ls().computeHighlightRanges(doc.getText(), fromPosition(pos)).map(toHighlight);
      },
    }),
    vscode.languages.registerDefinitionProvider(sel, {
      provideDefinition(doc, pos) {
        const loc = ls().computeDefinition(id(doc), doc.getText(), fromPosition(pos));
        return loc ? new vscode.Location(vscode.Uri.parse(loc.uri), toRange(loc.range)) : undefined;
      },
    }),
    vscode.languages.registerRenameProvider(sel, {
      prepareRename(doc, pos) {
        const r = ls().prepareRename(doc.getText(), fromPosition(pos));
        if (!r) throw new Error(vscode.l10n.t('Only stage names and variables can be renamed here.'));
        return toRange(r);
      },
      provideRenameEdits(doc, pos, newName) {
        const edit = new vscode.WorkspaceEdit();
        for (const e of ls().computeRename(id(doc), doc.getText(), fromPosition(pos), newName)) edit.replace(doc.uri, toRange(e.range), e.newText);
        return edit;
      },
    }),
    vscode.languages.registerSignatureHelpProvider(sel, {
      provideSignatureHelp(doc, pos) {
        const h = ls().computeSignatureHelp(doc.getText(), fromPosition(pos));
        if (!h || !h.signatures.length) return undefined;
        const out = new vscode.SignatureHelp();
        out.activeSignature = h.activeSignature ?? 0;
        out.activeParameter = h.activeParameter ?? 0;
        out.signatures = h.signatures.map((s) => {
          const info = new vscode.SignatureInformation(s.label, typeof s.documentation === 'string' ? s.documentation : s.documentation?.value);
          info.parameters = (s.parameters ?? []).map((p) => new vscode.ParameterInformation(p.label, typeof p.documentation === 'string' ? p.documentation : p.documentation?.value));
          return info;
        });
        return out;
      },
    }, ' ', '='),
    vscode.languages.registerDocumentLinkProvider(sel, {
      provideDocumentLinks(doc) {
        return ls().computeLinks(doc.getText()).map((l) => ls().resolveLink(l)).filter((l) => l.target).map((l) => new vscode.DocumentLink(toRange(l.range), vscode.Uri.parse(l.target!)));
      },
    }),
  ];
}

/** Registers the providers now and whenever the setting or the installed extensions change. */
export function registerLanguageFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  let active: vscode.Disposable[] = [];
  const update = (): void => {
    const on = enabled();
    if (on === active.length > 0) return;
    for (const d of active) d.dispose();
    active = on ? providers() : [];
    log.info(on ? 'Dockerfile language features: on' : `Dockerfile language features: off (${vscode.workspace.getConfiguration().get(SETTING)} setting, or another extension provides them)`);
  };
  update();
  context.subscriptions.push(
    vscode.extensions.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SETTING)) update(); }),
    { dispose: () => { for (const d of active) d.dispose(); } },
  );
}

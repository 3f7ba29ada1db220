// Shared types of the lint core. Pure TypeScript: no editor, no file system.

/** Severity of a finding, hadolint's names. */
export type Level = 'error' | 'warning' | 'info' | 'style';
/** A rule's configured severity; `ignore` turns it off. */
export type Severity = Level | 'ignore';

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style', 'ignore'];

/** 1-based positions. `endColumn` points one past the last character (like hadolint's and LSP's end). */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit extends Range {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Problem extends Range {
  code: string;
  level: Level;
  message: string;
  /** Machine-applicable fixes (quick fixes in the editor). */
  fixes?: Fix[];
}

export interface RuleInfo {
  code: string;
  level: Severity;
  title: string;
}

/** Label schema types understood by DL3049–DL3058 (hadolint's `label-schema`). */
export type LabelType = 'text' | 'url' | 'rfc3339' | 'semver' | 'hash' | 'spdx' | 'email';

/** The parsed contents of a `.hadolint.yaml`, plus our own keys. */
export interface LintConfig {
  ignored?: string[];
  override?: Partial<Record<Severity, string[]>>;
  trustedRegistries?: string[];
  'label-schema'?: Record<string, LabelType | string>;
  'strict-labels'?: boolean;
  'failure-threshold'?: Severity | 'none';
  /** ML008: images that bake weights on purpose. */
  allowModelWeights?: boolean;
}

export interface LintOptions {
  config?: LintConfig;
  /** Per-rule severity overrides from the editor settings; applied after `config.override`. */
  severityOverrides?: Record<string, Severity>;
  /** Codes switched off (editor setting), in addition to `config.ignored`. */
  ignore?: string[];
  /** File name, used by rules that look at it (e.g. ML004 skips dev/ci/test Dockerfiles). */
  fileName?: string;
  /** Context facts gathered by the caller (workspace-aware rules such as ML009). */
  context?: BuildContextFacts;
  /** Told when a rule throws; the rule is skipped and the lint goes on (the editor logs it, tests fail on it). */
  onRuleError?(code: string, err: unknown): void;
}

/** A `torch==X` (or `tensorflow[and-cuda]==X`) pin of the project and the CUDA its wheel is built for (from src/ml's tables). */
export interface ProjectTorchPin {
  /** File name relative to the build context, e.g. `requirements.txt`. */
  file: string;
  line: number;
  package: 'torch' | 'tensorflow';
  version: string;
  cudaMajor: number;
  /** `major.minor` when the wheel's CUDA is known exactly. */
  cuda: string | null;
  source: 'pypi' | 'index' | 'local-version';
  asOf: string;
}

/** What the caller found in the build context, for rules that cannot read the file system themselves. */
export interface BuildContextFacts {
  /** True when a `.dockerignore` (or `<Dockerfile>.dockerignore`) exists. */
  hasDockerignore: boolean;
  /** Top-level entries of the context that hold ML bulk and are NOT excluded by .dockerignore. */
  unignoredBulk: string[];
  /** The torch pin of the project's own requirements (ML021), when one names a CUDA. */
  torchPin?: ProjectTorchPin;
}

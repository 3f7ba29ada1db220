// Maps a failed build step back to the Dockerfile instruction that produced it.
import { DockerfileInfo, DfInstruction, normaliseInstructionText } from './dockerfileInfo';
import { BuildStep, BuilderKind } from '../docker/build/progress';

export interface MappedBuildError {
  /** 0-based line range of the instruction. */
  startLine: number;
  endLine: number;
  message: string;
  instruction?: DfInstruction;
}

/** Instructions that create a numbered BuildKit vertex (`[stage n/m]`). */
const BK_VERTEX_KEYWORDS = new Set(['FROM', 'ADD', 'COPY', 'RUN', 'WORKDIR']);

function stageIndexFor(info: DockerfileInfo, stageName: string | undefined): number | undefined {
  if (stageName === undefined) return info.stages.length === 1 ? 0 : undefined;
  const byName = info.stages.find((s) => s.name?.toLowerCase() === stageName.toLowerCase());
  if (byName) return byName.index;
  const m = /^stage-(\d+)$/.exec(stageName);
  if (m && Number(m[1]) < info.stages.length) return Number(m[1]);
  return undefined;
}

function textMatches(ins: DfInstruction, text: string): boolean {
  const a = normaliseInstructionText(`${ins.keyword} ${ins.args}`).toLowerCase();
  const b = normaliseInstructionText(text).toLowerCase();
  return a === b || (b.length > 8 && a.startsWith(b)) || (a.length > 8 && b.startsWith(a));
}

export function mapFailedStep(
  info: DockerfileInfo,
  builder: BuilderKind,
  step: BuildStep | undefined,
  message: string,
): MappedBuildError | undefined {
  const pull = step ? baseImagePullFailure(info, builder, step, message) : undefined;
  if (pull) return pull;
  const found = step ? findInstruction(info, builder, step) : undefined;
  if (found) return { startLine: found.startLine, endLine: found.endLine, message, instruction: found };
  // Parse errors name the line themselves: "dockerfile parse error line 7: …", "Dockerfile:7".
  const m = /(?:error (?:on )?line|Dockerfile:)\s*(\d+)/i.exec(message);
  if (m) {
    const line = Number(m[1]) - 1;
    const ins = info.instructions.find((i) => i.startLine <= line && line <= i.endLine);
    return { startLine: ins?.startLine ?? line, endLine: ins?.endLine ?? line, message, instruction: ins };
  }
  return undefined;
}

/** Why a registry refused or could not be reached, in words; undefined when the text is not a pull failure. */
export function pullFailureReason(message: string): string | undefined {
  const host = /lookup ([\w.-]+)(?: on [\w.:[\]]+?)?: no such host/.exec(message);
  if (host) return `the registry ${host[1]} cannot be reached (its name does not resolve: offline, or a proxy is needed)`;
  if (/connection refused|i\/o timeout|dial tcp|TLS handshake timeout/i.test(message)) return 'the registry cannot be reached';
  if (/pull access denied|unauthorized|authentication required|denied: requested access/i.test(message)) {
    return 'the registry refused access: the image does not exist, or it is private and needs `docker login`';
  }
  if (/manifest unknown|not found: manifest|manifest for .* not found|: not found$/i.test(message)) return 'no such tag in the registry';
  if (/no match for platform in manifest/i.test(message)) return 'the image has no variant for this platform';
  return undefined;
}

/** `python:3.11-slim` and `docker.io/library/python:3.11-slim` name the same image. */
function sameImage(fromArgs: string, ref: string): boolean {
  const image = fromArgs.split(/\s+/).find((w) => w && !w.startsWith('--')) ?? '';
  const norm = (r: string): string => r.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/^index\.docker\.io\//, '');
  return norm(image) === norm(ref) || (!/:|@/.test(norm(image)) && norm(ref) === `${norm(image)}:latest`);
}

/**
 * A base image that cannot be pulled: BuildKit reports it on an `[internal] load metadata for REF` vertex,
 * the classic builder on the FROM step. Mapped to the FROM line with one clear sentence.
 */
function baseImagePullFailure(info: DockerfileInfo, builder: BuilderKind, step: BuildStep, message: string): MappedBuildError | undefined {
  const reason = pullFailureReason(step.error ?? message);
  if (!reason) return undefined;
  const meta = /^\[internal\] load metadata for (\S+)$/.exec(step.text.trim());
  let from: DfInstruction | undefined;
  let ref: string | undefined;
  if (meta) {
    ref = meta[1];
    from = info.instructions.find((i) => i.keyword === 'FROM' && sameImage(i.args, ref!));
  } else if (builder === 'classic') {
    const found = findInstruction(info, builder, step);
    if (found?.keyword === 'FROM') {
      from = found;
      ref = found.args.split(/\s+/).find((w) => w && !w.startsWith('--'));
    }
  }
  if (!from || !ref) return undefined;
  return { startLine: from.startLine, endLine: from.endLine, message: `The base image ${ref} cannot be pulled: ${reason}.`, instruction: from };
}

function findInstruction(info: DockerfileInfo, builder: BuilderKind, step: BuildStep): DfInstruction | undefined {
  if (builder === 'classic') {
    if (step.index !== undefined) {
      const byIndex = info.instructions.find((i) => i.globalIndex === step.index);
      if (byIndex && (textMatches(byIndex, step.text) || step.total === info.instructions.length)) return byIndex;
    }
    return info.instructions.find((i) => textMatches(i, step.text));
  }
  const stage = stageIndexFor(info, step.stageName);
  const pool = stage === undefined ? info.instructions : info.instructions.filter((i) => i.stage === stage);
  const byText = pool.filter((i) => textMatches(i, step.text));
  if (byText.length === 1) return byText[0];
  if (stage !== undefined && step.index !== undefined) {
    const numbered = pool.filter((i) => BK_VERTEX_KEYWORDS.has(i.keyword));
    const byIndex = numbered[step.index - 1];
    if (byIndex && (byText.length === 0 || byText.includes(byIndex))) return byIndex;
  }
  return byText[0];
}

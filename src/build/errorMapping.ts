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

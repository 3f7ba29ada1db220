// The view of a Dockerfile the build flow needs: stage names for the target picker and instruction
// line ranges (0-based) for mapping a failed build step back to its line. Parsed by the lint core.
import { parseDockerfile } from '../lint/parser';

export interface DfInstruction {
  /** Upper-case keyword, e.g. `RUN`. */
  keyword: string;
  /** Arguments as written, continuation lines joined with a space. */
  args: string;
  /** 0-based first and last line of the instruction (continuations included). */
  startLine: number;
  endLine: number;
  /** Index of the stage the instruction belongs to (-1 before the first FROM). */
  stage: number;
  /** 1-based position inside its stage, FROM being 1 (BuildKit's `[stage 2/5]` numbering). */
  indexInStage: number;
  /** 1-based position in the whole file (the classic builder's `Step 7/12`). */
  globalIndex: number;
}

export interface DfStage {
  index: number;
  name?: string;
  /** The image reference after FROM. */
  from: string;
  line: number;
}

export interface DockerfileInfo {
  instructions: DfInstruction[];
  stages: DfStage[];
}

/** Reads instructions and stages through the lint core's parser (continuations, escape directive, heredocs). */
export function readDockerfile(text: string): DockerfileInfo {
  const df = parseDockerfile(text);
  const perStage = new Map<number, number>();
  const instructions: DfInstruction[] = df.instructions.map((ins, i) => {
    const n = (perStage.get(ins.stage) ?? 0) + 1;
    perStage.set(ins.stage, n);
    return {
      keyword: ins.keyword,
      args: ins.args,
      startLine: ins.range.line - 1,
      endLine: ins.range.endLine - 1,
      stage: ins.stage,
      indexInStage: n,
      globalIndex: i + 1,
    };
  });
  const stages: DfStage[] = df.stages.map((st) => ({
    index: st.index,
    name: st.name ?? undefined,
    from: st.image,
    line: st.from.range.line - 1,
  }));
  return { instructions, stages };
}

/** Normalises an instruction's text for comparison with a builder's step name. */
export function normaliseInstructionText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

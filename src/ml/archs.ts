// GPU compute capabilities: per architecture (S12) and the range each CUDA toolkit line can compile
// for (S8, S4, S13, S17 via the fact sheet). Table date: TABLE_DATES.archs.
import { parseCuda } from './version';

export interface GpuArch {
  name: string;
  capabilities: string[];
  examples: string;
}

export const GPU_ARCHS: readonly GpuArch[] = [
  { name: 'Kepler', capabilities: ['3.0', '3.2', '3.5', '3.7'], examples: 'K80 (3.7), K40 (3.5)' },
  { name: 'Maxwell', capabilities: ['5.0', '5.2', '5.3'], examples: 'M40, M60 (5.2)' },
  { name: 'Pascal', capabilities: ['6.0', '6.1', '6.2'], examples: 'P100 (6.0), P40, P4 (6.1)' },
  { name: 'Volta', capabilities: ['7.0', '7.2'], examples: 'V100 (7.0)' },
  { name: 'Turing', capabilities: ['7.5'], examples: 'T4, RTX 20xx' },
  { name: 'Ampere', capabilities: ['8.0', '8.6', '8.7'], examples: 'A100 (8.0), A10, RTX 30xx (8.6)' },
  { name: 'Ada Lovelace', capabilities: ['8.9'], examples: 'L4, L40S, RTX 40xx' },
  { name: 'Hopper', capabilities: ['9.0'], examples: 'H100, H200' },
  { name: 'Blackwell', capabilities: ['10.0', '10.3', '11.0', '12.0', '12.1'], examples: 'B200 (10.0), B300 (10.3), RTX 50xx (12.0)' },
];

export interface ToolkitArchRange {
  /** First and last `major.minor` of the toolkit line this row covers. */
  from: string;
  to: string;
  /** Lowest compute capability the toolkit compiles for. */
  lowest: string;
  /** Highest compute capability of the line's newest release. */
  highest: string;
}

export const TOOLKIT_ARCHS: readonly ToolkitArchRange[] = [
  { from: '10.0', to: '10.2', lowest: '3.0', highest: '7.5' },
  { from: '11.0', to: '11.0', lowest: '3.5', highest: '8.0' },
  { from: '11.1', to: '11.4', lowest: '3.5', highest: '8.6' },
  { from: '11.5', to: '11.7', lowest: '3.5', highest: '8.7' },
  { from: '11.8', to: '11.8', lowest: '3.5', highest: '9.0' },
  { from: '12.0', to: '12.6', lowest: '5.0', highest: '9.0' },
  { from: '12.8', to: '12.8', lowest: '5.0', highest: '12.0' },
  { from: '12.9', to: '12.9', lowest: '5.0', highest: '12.1' },
  { from: '13.0', to: '13.99', lowest: '7.5', highest: '12.1' },
];

/** The compute-capability range a CUDA toolkit version compiles for; null when unknown. */
export function archRangeOf(cuda: string): { lowest: string; highest: string } | null {
  const v = parseCuda(cuda);
  if (!v) return null;
  const key = v.major * 100 + v.minor;
  const num = (s: string) => {
    const p = parseCuda(s)!;
    return p.major * 100 + p.minor;
  };
  const row = TOOLKIT_ARCHS.find((r) => key >= num(r.from) && key <= num(r.to));
  return row ? { lowest: row.lowest, highest: row.highest } : null;
}

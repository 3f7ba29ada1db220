// Every rule, in one list. Each family folder exports its own array.
import type { Rule } from '../rule';
import { packageRules } from './packages';
import { stageRules } from './stages';
import { instructionRules } from './instructions';
import { mlRules } from './ml';

/**
 * Code order by UTF-16 code units. Codes are `[A-Z]+[0-9]+`, where this is the order localeCompare gives,
 * without its cost: the first localeCompare in a process loads ICU's collation data (~15-30 ms), paid at
 * extension activation and CLI start.
 */
export const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export const ALL_RULES: Rule[] = [...packageRules, ...stageRules, ...instructionRules, ...mlRules].sort(byCode);

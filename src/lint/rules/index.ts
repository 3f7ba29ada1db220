// Every rule, in one list. Each family folder exports its own array.
import type { Rule } from '../rule';
import { packageRules } from './packages';
import { stageRules } from './stages';
import { instructionRules } from './instructions';
import { mlRules } from './ml';

export const ALL_RULES: Rule[] = [...packageRules, ...stageRules, ...instructionRules, ...mlRules].sort((a, b) => a.code.localeCompare(b.code));

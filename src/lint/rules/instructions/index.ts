import type { Rule } from '../../rule';

export const instructionRules: Rule[] = [];

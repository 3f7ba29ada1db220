import type { Rule } from '../../rule';

export const stageRules: Rule[] = [];

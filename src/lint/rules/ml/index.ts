import type { Rule } from '../../rule';

export const mlRules: Rule[] = [];

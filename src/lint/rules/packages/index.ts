import type { Rule } from '../../rule';
import { DL3027 } from './dl3027';

export const packageRules: Rule[] = [DL3027];

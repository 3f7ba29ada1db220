import type { Rule } from '../../rule';
import { DL3027 } from './dl3027';
import { DL3008, DL3009, DL3014, DL3015, ML020 } from './apt';
import { DL3018, DL3019 } from './apk';
import { DL3013, DL3042 } from './pip-rules';
import { DL3030, DL3032, DL3033, DL3034, DL3035, DL3036, DL3037, DL3038, DL3040, DL3041 } from './rpm';
import { DL3016, DL3028, DL3060, DL3062 } from './lang';
import { DL3046, DL3047, DL4001 } from './misc';

export const packageRules: Rule[] = [
  DL3008, DL3009, DL3013, DL3014, DL3015, DL3016, DL3018, DL3019, DL3027, DL3028,
  DL3030, DL3032, DL3033, DL3034, DL3035, DL3036, DL3037, DL3038, DL3040, DL3041,
  DL3042, DL3046, DL3047, DL3060, DL3062, DL4001, ML020,
];

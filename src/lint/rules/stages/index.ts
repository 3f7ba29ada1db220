import type { Rule } from '../../rule';
import { DL3000 } from './dl3000';
import { DL3002 } from './dl3002';
import { DL3006 } from './dl3006';
import { DL3007 } from './dl3007';
import { DL3010 } from './dl3010';
import { DL3011 } from './dl3011';
import { DL3020 } from './dl3020';
import { DL3021 } from './dl3021';
import { DL3022 } from './dl3022';
import { DL3023 } from './dl3023';
import { DL3024 } from './dl3024';
import { DL3025 } from './dl3025';
import { DL3026 } from './dl3026';
import { DL3043 } from './dl3043';
import { DL3045 } from './dl3045';
import { DL3057 } from './dl3057';
import { DL3061 } from './dl3061';
import { DL3063 } from './dl3063';
import { DL3067 } from './dl3067';
import { DL4000 } from './dl4000';
import { DL3012, DL4003, DL4004 } from './multiple';
import { DL3029, DL3065 } from './platform';

export { stageNameMap } from '../../facts';

export const stageRules: Rule[] = [
  DL3000, DL3002, DL3006, DL3007, DL3010, DL3011, DL3012, DL3020, DL3021, DL3022, DL3023, DL3024, DL3025,
  DL3026, DL3029, DL3043, DL3045, DL3057, DL3061, DL3063, DL3065, DL3067, DL4000, DL4003, DL4004,
];

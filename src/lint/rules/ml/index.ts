import type { Rule } from '../../rule';
import { ML001 } from './ml001';
import { ML002 } from './ml002';
import { ML003 } from './ml003';
import { ML004 } from './ml004';
import { ML005 } from './ml005';
import { ML006 } from './ml006';
import { ML007 } from './ml007';
import { ML008 } from './ml008';
import { ML009 } from './ml009';
import { ML010 } from './ml010';
import { ML011 } from './ml011';
import { ML012 } from './ml012';
import { ML013 } from './ml013';
import { ML014 } from './ml014';
import { ML015 } from './ml015';
import { ML016 } from './ml016';
import { ML017 } from './ml017';
import { ML019 } from './ml019';
import { ML021 } from './ml021';
import { ML022 } from './ml022';

export const mlRules: Rule[] = [ML001, ML002, ML003, ML004, ML005, ML006, ML007, ML008, ML009, ML010, ML011, ML012, ML013, ML014, ML015, ML016, ML017, ML019, ML021, ML022];

/**
 * ML rules that say again what a DL rule says about the same token. The ML finding is dropped when
 * that DL rule reports an overlapping range, and when a `# hadolint ignore=` (or global ignore) of the
 * DL code covers the instruction. With the DL rule switched off by configuration, the ML rule speaks.
 */
export const ML_ECHOES: Readonly<Record<string, readonly string[]>> = {
  ML003: ['DL3007'],
  ML010: ['DL3042'],
  ML013: ['DL3013'],
  ML014: ['DL3057'],
};

import type { Rule } from '../../rule';
import { DL1001 } from './dl1001';
import { DL3001 } from './dl3001';
import { DL3003 } from './dl3003';
import { DL3004 } from './dl3004';
import { DL3044 } from './dl3044';
import { DL3048 } from './dl3048';
import { DL3059 } from './dl3059';
import { DL3064 } from './dl3064';
import { DL3066 } from './dl3066';
import { DL4005 } from './dl4005';
import { DL4006 } from './dl4006';
import { labelSchemaRules } from './labels';
import { ML018 } from './casing';

export const instructionRules: Rule[] = [DL1001, DL3001, DL3003, DL3004, DL3044, DL3048, ...labelSchemaRules, DL3059, DL3064, DL3066, DL4005, DL4006, ML018];

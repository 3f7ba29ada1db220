import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../../src/lint';
import { ruleCases } from '../helpers';

ruleCases('DL3044', {
  catches: [
    { text: 'FROM ubuntu:24.04\nENV A=1 B=$A', lines: [2] },
    { text: 'FROM ubuntu:24.04\nENV CUDA_HOME=/usr/local/cuda \\\n    LD_LIBRARY_PATH=${CUDA_HOME}/lib64', lines: [3], name: 'braces, continuation' },
    { text: 'FROM ubuntu:24.04\nENV A=1 B="${A:-x}/y" C=$A', count: 1, name: 'default form and two uses: once per instruction' },
    { text: 'FROM ubuntu:24.04\nENV X=1 X=$X:2', name: 'redefining within the statement' },
    { text: 'FROM ubuntu:24.04 AS a\nENV P=1\nFROM ubuntu:24.04\nENV P=2 Q=$P', name: 'variable of an unrelated stage does not count' },
  ],
  passes: [
    'FROM ubuntu:24.04\nENV PATH=/opt/bin:$PATH',
    'FROM ubuntu:24.04\nENV A=1\nENV B=$A',
    'FROM ubuntu:24.04\nENV B=$A A=1',
    "FROM ubuntu:24.04\nENV A=1 B='$A'",
    'FROM ubuntu:24.04\nENV A=1 B=\\$A',
    'FROM ubuntu:24.04\nARG V=1\nENV V=2 W=$V',
    'FROM ubuntu:24.04 AS base\nENV P=1\nFROM base\nENV P=2 Q=$P',
    'FROM ubuntu:24.04\nENV A 1 $A',
    'FROM ubuntu:24.04\nENV AB=1 C=$A',
  ],
});

describe('DL3044 like hadolint', () => {
  it('catches a variable referenced on its own right side twice in one ENV', () => {
    const got = lintDockerfile('FROM ubuntu:24.04\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}').filter((p) => p.code === 'DL3044');
    assert.equal(got.length, 1);
    assert.match(got[0].message, /before this ENV \(from the base image, or empty\)/);
  });
});

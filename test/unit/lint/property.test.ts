// Property tests of the lint core: generated and mutated Dockerfiles never make the linter (or any
// rule) throw and always give well-formed problems, whose ranges lie within the lines they name.
//
// `npm run test:unit` runs 10,000 inputs from a fixed seed, so it is quick and gives the same result
// every time; `npm run test:props` explores 100,000 inputs from a new seed, which it prints (replay a
// failure with PROP_SEED=<seed>). PROP_SCALE scales the number of inputs, PROP_SEED=new picks a new seed.
// That linting work stays linear in the input size is checked in linearity.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintDockerfile, type Problem } from '../../../src/lint';
import { LINEAR_PATTERNS } from './linearPatterns';

const LEVELS = new Set(['error', 'warning', 'info', 'style']);
const CORPUS_DIR = path.resolve(__dirname, '../../../bench/corpus');
const CORPUS: string[] = fs.existsSync(CORPUS_DIR)
  ? fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.Dockerfile')).sort().map((f) => fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8'))
  : [];

const show = (s: string) => JSON.stringify(s.length > 600 ? s.slice(0, 600) + '…' : s);

/** Lints `text`; returns a description of what went wrong, or null. */
function checkOne(text: string): string | null {
  const ruleErrors: string[] = [];
  const onRuleError = (code: string, err: unknown): void => { ruleErrors.push(`rule ${code} threw: ${err instanceof Error ? err.stack ?? err.message : String(err)}`); };
  let problems: Problem[];
  try {
    problems = lintDockerfile(text, { onRuleError });
  } catch (err) {
    return `lintDockerfile threw: ${err instanceof Error ? err.stack : String(err)}\ninput: ${show(text)}`;
  }
  if (ruleErrors.length) return `${ruleErrors.join('\n')}\ninput: ${show(text)}`;
  const lines = text.split(/\r\n|\r|\n/);
  const lineCount = lines.length;
  for (const p of problems) {
    const bad = (why: string) => `${why}: ${JSON.stringify(p)} (lineCount ${lineCount})\ninput: ${show(text)}`;
    if (typeof p.code !== 'string' || !p.code) return bad('problem without a code');
    if (typeof p.message !== 'string' || !p.message) return bad('problem without a message');
    if (!LEVELS.has(p.level)) return bad('level not in error|warning|info|style');
    for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) {
      if (!Number.isInteger(p[k])) return bad(`${k} is not an integer`);
    }
    if (p.line < 1 || p.line > lineCount) return bad('line out of range');
    if (p.endLine < 1 || p.endLine > lineCount) return bad('endLine out of range');
    if (p.column < 1 || p.endColumn < 1) return bad('column < 1');
    if (p.endLine < p.line || (p.endLine === p.line && p.endColumn < p.column)) return bad('end before start');
    // columns are 1-based and the end is exclusive: at most one past the last character of its line
    if (p.column > lines[p.line - 1].length + 1) return bad(`column past the end of line ${p.line} (length ${lines[p.line - 1].length})`);
    if (p.endColumn > lines[p.endLine - 1].length + 1) return bad(`endColumn past the end of line ${p.endLine} (length ${lines[p.endLine - 1].length})`);
  }
  return null;
}

function assertOk(text: string): void {
  const err = checkOne(text);
  if (err) assert.fail(err);
}

// ---------------------------------------------------------------------------------------------
// A grammar of Dockerfile lines

const KEYWORDS = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'];
const keyword = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...KEYWORDS).map((k) => k.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom('FORM', 'RUUN', 'Run', 'cOpY', 'FROM:', '--', '\\', '`', '[', 'ＲＵＮ', 'ﬁ') },
);

const FLAGS = ['--platform=linux/amd64', '--platform=$BUILDPLATFORM', '--platform=$TARGETPLATFORM', '--from=builder', '--from=0',
  '--from=nvidia/cuda:12.1.1-base-ubuntu22.04', '--chown=1000:1000', '--chown=app', '--chmod=0755', '--link', '--link=false',
  '--mount=type=cache,target=/root/.cache/pip', '--mount=type=cache,target=/var/cache/apt,sharing=locked',
  '--mount=type=secret,id=hf_token', '--mount=type=bind,source=uv.lock,target=uv.lock', '--mount=target=/x',
  '--mount=type=cache,target=/root/.cache/uv', '--mount=type=cache,target=/opt/conda/pkgs', '--mount=',
  '--network=none', '--security=insecure', '--interval=30s', '--timeout=5s', '--retries=3', '--start-period=1m',
  '--checksum=sha256:abc', '--keep-git-dir', '--parents', '--exclude=*.pt', '--bogus', '--', '--=', '--from', '--chown="a b"',
  "--mount='type=cache,target=/x'", '--mount=type=tmpfs,target=/tmp'];

const IMAGES = ['nvidia/cuda', 'nvidia/cuda:latest', 'nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04', 'nvidia/cuda:11.3.1-devel-ubuntu20.04',
  'nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04', 'nvcr.io/nvidia/cuda:12.2.0-base-ubi8', 'nvidia/cuda:${CUDA}-runtime-ubuntu22.04',
  'nvidia/cuda:banana', 'nvidia/cuda:10.2-base', 'python:3.11-slim', 'python', 'python:latest', 'ubuntu:22.04', 'alpine',
  'pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel', 'tensorflow/tensorflow:latest-gpu', 'vllm/vllm-openai:latest',
  'nvcr.io/nvidia/pytorch:24.05-py3', 'scratch', 'builder', '$BASE', '${BASE:-python:3.11}', '${A}${B}', 'img@sha256:0123456789abcdef',
  'localhost:5000/x/y:tag', 'registry.example.com:443/ml/model-server:1.0', 'a:b:c@d', ':', '@', '/', 'İMAGE:ü', 'ghcr.io/huggingface/text-generation-inference:2.2.0'];

const SHELL_CMDS = [
  'apt-get update', 'apt-get install -y --no-install-recommends python3=3.10.6-1 git', 'apt-get install python3', 'apt install -y curl',
  'apt-get -qq install -y foo', 'rm -rf /var/lib/apt/lists/*', 'apt-get clean', 'apt-get dist-upgrade', 'apt-get upgrade -y',
  'pip install torch', 'pip install --no-cache-dir torch==2.3.1', 'pip3 install -r requirements.txt', 'pip install -e .',
  'pip install "torch>=2" --index-url https://download.pytorch.org/whl/cu121', 'pip install torch==2.3.1+cpu -f https://download.pytorch.org/whl/torch_stable.html',
  'pip install git+https://github.com/huggingface/peft.git', 'pip install flash-attn --no-build-isolation', 'python -m pip install x==1',
  'python setup.py install', 'python setup.py bdist_wheel', 'uv pip install torch', 'uv sync --frozen', 'uv pip install --system --no-cache x',
  'conda install -y pytorch cudatoolkit=11.3 -c pytorch', 'conda clean -afy', 'mamba install -y x', 'micromamba install -y -n base -f env.yaml',
  'conda env create -f environment.yml', 'npm install express', 'npm ci', 'yarn install', 'yarn cache clean', 'gem install rails',
  'go install example.com/x@latest', 'go install example.com/y', 'apk add --no-cache curl', 'apk add --update py3-pip', 'apk add x=1.0',
  'yum install httpd', 'yum install -y httpd-2.4', 'yum clean all', 'dnf install -y x', 'dnf clean all', 'zypper install x', 'zypper -n in y=1',
  'zypper dist-upgrade', 'zypper clean', 'curl -fsSL https://example.com/install.sh | sh', 'wget https://huggingface.co/x/resolve/main/model.safetensors',
  'wget --progress=dot:giga -O /m.pt https://x/m.pt', 'curl -L -o model.gguf https://example.com/model.gguf', 'sudo apt-get install -y vim',
  'sudo -u app pip install x', 'env FOO=1 pip install y', 'cd /app', 'cd', 'useradd -u 100000 app', 'useradd -l -u 100000 app',
  'ssh host', 'vim /etc/hosts', 'service ssh start', 'shutdown -h now', 'ps aux', 'kill 1', 'mount /dev/sda', 'ifconfig',
  'huggingface-cli download meta-llama/Llama-3-8B', 'huggingface-cli login --token hf_abcdefghijklmnopqrstuvwxyz0123456789',
  'hf auth login --token $HF_TOKEN', 'wandb login 0123456789abcdef0123456789abcdef01234567', 'HF_TOKEN=$(cat /run/secrets/hf) python dl.py',
  'python -c "from transformers import AutoModel; AutoModel.from_pretrained(\'bert-base-uncased\')"', 'ollama pull llama3',
  'git clone https://huggingface.co/bert-base-uncased', 'git clone https://github.com/NVIDIA/apex && cd apex && git checkout 24.04.01',
  'curl -H "Authorization: Bearer $TOKEN" https://api.example.com', 'git clone https://$GITHUB_TOKEN@github.com/org/repo',
  'echo "conda activate ml" >> ~/.bashrc', 'export PATH=/opt/venv/bin:$PATH', 'set -euxo pipefail', 'source /etc/profile',
  'ln -sf /usr/bin/python3 /usr/bin/python', 'chmod -R 777 /opt', 'chown -R app:app /app', 'tar xzf a.tar.gz', 'true', ':',
  'echo $((1+2))', 'echo ${VAR:-default}', 'echo `date`', 'for i in 1 2 3; do echo $i; done', 'if [ -f x ]; then rm x; fi',
  'case $x in a) echo a;; esac', '(cd /tmp && make)', '{ echo a; echo b; }', 'cat <<<"here string"', 'exec "$@"', 'nohup x &',
  'TORCH_CUDA_ARCH_LIST="8.0;9.0" pip install .', 'FORCE_CUDA=1 pip install -v .', 'pip wheel -w /wheels .',
];
const SEPS = [' && ', ' || ', '; ', ' | ', ' & ', ' && \\\n    ', ' \\\n && ', '\n', ' |& ', ';;', ' &&'];

const WORDS = ['/app', '.', './', 'src/', 'a b', '"quoted arg"', "'single'", '"unterminated', "'unterminated", '$HOME', '${HOME}',
  '${X:-y}', '${X:+z}', '${X-y}', '${', '$', '$(', '$(echo x)', '`date`', '`', '\\', '\\\\', '\\$', '"\\""', '8080', '8080/tcp', '80000',
  '-1', '0', '65535', '65536', '8000-8010', 'udp', '8080/sctp', '8080/xyz', 'SIGTERM', '9', 'root', '0:0', 'app:app', 'NONE', 'none', 'AS', 'as',
  'As', 'builder', 'base', 'scratch', 'context', 'a=b', 'A=1', 'B="x y"', "C='z'", 'D=${A}', 'E=$A', '=', '==', 'k=', '=v', 'maintainer="x@y"',
  'org.opencontainers.image.title=x', 'com.example.Key=bad', 'HF_TOKEN=hf_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'PASSWORD=x',
  'WANDB_API_KEY=abc', 'NVIDIA_VISIBLE_DEVICES=void', 'NVIDIA_DRIVER_CAPABILITIES=utility', 'TORCH_CUDA_ARCH_LIST=8.0', 'CMD', 'cmd',
  'model.safetensors', 'weights/', 'checkpoints/model.ckpt', 'x.onnx', 'https://example.com/a.tar.gz', 'a.tar.gz', 'http://x/y.zip',
  '/root/.cache/huggingface', 'ünïcödé', '模型', '🤗', 'é', '\u00a0', '\u200b', '\u2028', '\ufeff', '\t', '  ', '#', '# not a comment', '<<', '<<<',
  '<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF'", '<<A <<B', '>', '2>&1', '>/dev/null', '&>', '|', '&&', ';', '(', ')', '{', '}', '[', ']', '[]', '[""]',
  '["a"]', '["a", "b"]', "['a', 'b']", '["a" "b"]', '["a",]', '[1, 2]', '["sh", "-c", "echo hi && apt-get install x"]', '{"a": 1}', 'null'];

const word = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const words = fc.array(word, { maxLength: 6 }).map((ws) => ws.join(' '));

const shellScript = fc
  .array(fc.tuple(fc.constantFrom(...SHELL_CMDS), fc.constantFrom(...SEPS)), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([c, s], i) => (i < parts.length - 1 ? c + s : c)).join(''));

const jsonArray = fc.oneof(
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }).map((a) => JSON.stringify(a)),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((a) => JSON.stringify(a)),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((a) => `[${a.map((w) => `'${w}'`).join(', ')}]`),
  fc.constantFrom('[', '[]', '["unterminated', '["a"', '["a"] trailing', '[["nested"]]', '["\\u00e9", "\\n"]', '["a",,"b"]', '[ "a" , "b" ]'),
);

const flags = fc.array(fc.constantFrom(...FLAGS), { maxLength: 3 }).map((fs) => (fs.length ? fs.join(' ') + ' ' : ''));

/** Arguments that fit the keyword (most of the time), or anything. */
const instruction: fc.Arbitrary<string> = fc
  .tuple(keyword, flags, fc.nat(9), fc.constantFrom(...IMAGES), words, shellScript, jsonArray, fc.constantFrom(...KEYWORDS))
  .map(([kw, fl, pick, image, ws, sh, json, trig]) => {
    const K = kw.toUpperCase();
    const useFlags = pick < 7 ? fl : '';
    let args: string;
    if (pick === 9) args = ws;
    else if (K === 'FROM') args = `${image}${pick < 4 ? ` ${pick < 3 ? 'AS' : 'as'} ${ws.split(' ')[0] || 'stage'}` : ''}`;
    else if (K === 'RUN') args = pick < 6 ? sh : pick < 8 ? json : `<<EOF\n${sh}\nEOF`;
    else if (K === 'CMD' || K === 'ENTRYPOINT' || K === 'SHELL') args = pick < 5 ? json : sh;
    else if (K === 'ONBUILD') args = `${trig} ${trig === 'RUN' ? sh : ws}`;
    else if (K === 'HEALTHCHECK') args = pick < 2 ? 'NONE' : `CMD ${pick < 5 ? json : sh}`;
    else if (K === 'COPY' || K === 'ADD') args = pick < 3 ? `<<EOF /dst\n${ws}\nEOF` : `${ws || 'a'} /dst/`;
    else args = ws;
    return `${kw} ${useFlags}${args}`;
  });

const commentLine = fc.oneof(
  fc.constantFrom('# a comment', '#', '#comment without space', '   # indented comment', '# hadolint ignore=DL3008,DL3013',
    '# hadolint ignore=DL3008 ,ML001', '# hadolint global ignore=DL3059', '# hadolint shell=pwsh', '# hadolint shell=bash',
    '# hadolint ignore=', '# hadolint ignore=all', '# hadolint', '# syntax=docker/dockerfile:1', '# escape=`', '# escape=\\',
    '# escape=x', '# check=skip=all', '# check=error=true', '# directive=unknown', '#!/bin/sh', '# ünïcödé 🤗'),
  fc.string({ maxLength: 20 }).map((s) => '#' + s),
);

const directives = fc.subarray(['# syntax=docker/dockerfile:1.7', '# escape=`', '# escape=\\', '# check=skip=JSONArgsRecommended', '#syntax=x', '# ESCAPE=`']);

/** Joins a line with the next one through a continuation, sometimes with comments or blank lines inside. */
const lineItem = fc.oneof(
  { weight: 10, arbitrary: instruction },
  { weight: 2, arbitrary: commentLine },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t', '\\', '`', ' \\ ', 'EOF', '\u00a0') },
  { weight: 2, arbitrary: fc.tuple(instruction, fc.constantFrom(' \\', '\\', ' `', ' \\  '), fc.constantFrom('', '# inside', '  ', '    && echo cont'), fc.constantFrom('', 'echo tail', 'EOF')).map(([a, c, mid, tail]) => `${a}${c}\n${mid}${mid ? '\n' : ''}${tail}`) },
);

const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

const generatedDockerfile: fc.Arbitrary<string> = fc
  .tuple(directives, fc.array(lineItem, { maxLength: 10 }), eol, fc.boolean(), fc.boolean())
  .map(([dirs, items, nl, mixed, finalNl]) => {
    const lines = [...dirs, ...items];
    let out = '';
    lines.forEach((l, i) => {
      const body = l.replace(/\n/g, mixed && i % 2 ? '\r\n' : nl);
      out += body + (i < lines.length - 1 || finalNl ? (mixed && i % 3 === 0 ? '\r\n' : nl) : '');
    });
    return out;
  });

// ---------------------------------------------------------------------------------------------
// Mutations of the corpus

type Mutation =
  | { kind: 'delete' | 'duplicate' | 'truncateLine' | 'swap'; at: number }
  | { kind: 'insertChar' | 'flip'; at: number; ch: string }
  | { kind: 'insertText'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'crlf' | 'joinAll' | 'lower' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncateLine' as const, 'swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('insertChar' as const, 'flip' as const), at: fc.nat(), ch: fc.oneof(fc.constantFrom('\\', '`', '"', "'", '\n', '\r', '[', ']', '$', '{', '}', '(', ')', '<', '#', '=', ' ', '\t', '-', '\u0000', '\ud800', '🤗', '&', '|', ';'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
  fc.record({ kind: fc.constant('insertText' as const), at: fc.nat(), text: fc.oneof(instruction, fc.constantFrom(...WORDS), shellScript, commentLine) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('crlf' as const, 'joinAll' as const, 'lower' as const) }),
);

function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = 'at' in m ? m.at % Math.max(1, lines.length) : 0;
  const ci = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'delete': lines.splice(li, 1); return lines.join('\n');
    case 'duplicate': lines.splice(li, 0, lines[li] ?? ''); return lines.join('\n');
    case 'swap': { const j = (li + 1) % lines.length; [lines[li], lines[j]] = [lines[j], lines[li]]; return lines.join('\n'); }
    case 'truncateLine': lines[li] = (lines[li] ?? '').slice(0, (m.at >> 3) % ((lines[li] ?? '').length + 1)); return lines.join('\n');
    case 'insertChar': return text.slice(0, ci) + m.ch + text.slice(ci);
    case 'flip': return text.slice(0, ci) + m.ch + text.slice(ci + 1);
    case 'insertText': lines.splice(li, 0, m.text); return lines.join('\n');
    case 'truncate': return text.slice(0, ci);
    case 'crlf': return text.replace(/\n/g, '\r\n');
    case 'joinAll': return text.replace(/\n/g, ' ');
    case 'lower': return text.toLowerCase();
  }
}

const mutatedCorpus: fc.Arbitrary<string> = fc
  .tuple(fc.nat(Math.max(0, CORPUS.length - 1)), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([i, ms]) => ms.reduce(applyMutation, CORPUS[i] ?? 'FROM python:3.11\nRUN pip install torch\n'));

/** A window of 1–25 lines of a corpus file, mutated (cheaper than whole files, same variety). */
const mutatedWindow: fc.Arbitrary<string> = fc
  .tuple(fc.nat(Math.max(0, CORPUS.length - 1)), fc.nat(), fc.integer({ min: 1, max: 25 }), fc.array(mutation, { minLength: 0, maxLength: 5 }))
  .map(([i, start, len, ms]) => {
    const lines = (CORPUS[i] ?? 'FROM python:3.11\nRUN pip install torch\n').split('\n');
    const a = start % lines.length;
    return ms.reduce(applyMutation, lines.slice(a, a + len).join('\n'));
  });

/** Two corpus files glued, one cut short (half-written files, merge conflicts). */
const spliced: fc.Arbitrary<string> = fc
  .tuple(fc.nat(Math.max(0, CORPUS.length - 1)), fc.nat(Math.max(0, CORPUS.length - 1)), fc.nat(), fc.constantFrom('', '<<<<<<< HEAD\n', '=======\n', '>>>>>>> branch\n'))
  .map(([a, b, cut, marker]) => {
    const x = CORPUS[a] ?? '';
    return x.slice(0, cut % (x.length + 1)) + marker + (CORPUS[b] ?? '');
  });

// Regression inputs: cases that once broke (or nearly broke) a part of the linter.
const REGRESSIONS: string[] = [
  '',
  '\n',
  '\r',
  '\r\n\r\n',
  '\\',
  '`',
  '#',
  '# escape=`',
  '# escape=`\nFROM x `\n',
  'FROM',
  'FROM \\',
  'RUN \\',
  'RUN <<EOF',
  'RUN <<EOF\n',
  'COPY <<A <<B /x\nA\n',
  'ONBUILD',
  'ONBUILD ONBUILD RUN x',
  'ONBUILD RUN <<EOF\napt-get install x\n',
  'ONBUILD --mount=type=cache RUN x',
  'HEALTHCHECK',
  'HEALTHCHECK --interval=1s',
  'HEALTHCHECK CMD',
  'HEALTHCHECK CMD []',
  'CMD [',
  'CMD []',
  'CMD ["a"',
  'CMD [[[[]]]]',
  'RUN []',
  'RUN [""]',
  'RUN ["sh", "-c"]',
  'RUN ["sh", "-c", ""]',
  'SHELL []',
  'ENV',
  'ENV =',
  'ENV a',
  'ENV ="" a=',
  'LABEL =',
  'ARG',
  'ARG =',
  'FROM $',
  'FROM ${',
  'FROM ${A:-${B}}',
  'ARG A\nFROM $A',
  'ARG A=\nFROM ${A}',
  'FROM a AS',
  'FROM a AS b c',
  'FROM --platform= a',
  'COPY --from= a b',
  'COPY --from',
  'RUN --mount= x',
  'RUN --mount=,,,=,= x',
  'RUN $(',
  'RUN "$(',
  'RUN `',
  'RUN ${',
  'RUN (((((',
  'RUN )))))',
  'RUN sudo',
  'RUN sudo -u',
  'RUN env',
  'RUN gosu',
  'RUN apt-get',
  'RUN apt-get install',
  'RUN pip',
  'RUN pip install',
  'RUN pip install -r',
  'RUN pip install --index-url',
  'RUN conda',
  'RUN uv pip',
  'RUN useradd -u',
  'RUN curl | sh',
  'RUN | |',
  'RUN && &&',
  'RUN a >',
  'RUN a 2>',
  'RUN cat <<',
  'RUN cat <<-',
  'EXPOSE',
  'EXPOSE /',
  'EXPOSE -',
  'EXPOSE 1-',
  'EXPOSE 99999999999999999999999',
  'EXPOSE 1e5',
  'USER',
  'USER :',
  'WORKDIR',
  'STOPSIGNAL',
  'MAINTAINER',
  'VOLUME []',
  'FROM x\r\nRUN apt-get install y \\\r\n  z\r\n',
  'FROM x\rRUN a\rCMD b',
  '\ufeffFROM x',
  'FROM x\n\u2028RUN y',
  'FROM x\nRUN echo \ud800',
  'FROM x\nRUN a \\\n\n\n',
  'FROM x\nRUN a \\\n# c\n',
  'FROM x\nRUN a \\',
  'FROM x AS a\nFROM a AS a\nCOPY --from=a / /',
  'FROM scratch AS scratch',
  // found while writing these tests (see parser.test.ts for the expected behaviour)
  'FROM a\nRUN echo "<<EOF"\nRUN b\n',
  'FROM a\nRUN echo $((x<<y))\nRUN b\n',
  'FROM a\nRUN apt-get install x &> /dev/null && echo ok\n',
  'ARG A B=2\nFROM x:$B\n',
  // fast-check seed -2078509759: ML011's range ended on line 2 of a one-line file (parser: heredoc
  // marker read inside the JSON form, and an unterminated heredoc's range runs past the last line)
  'RUN ["PASSWORD=x","<<\'EOF\'"]',
  'FROM a\nRUN ["sh", "-c", "<<EOF"]',
  'ARG A=1 B\nFROM x:$B\n',
  '# escape=`\n# escape=\\\nFROM a\n',
  'FROM a\nRUN nice -n 10 pip install x && xargs -n 1 pip install && env -u HOME pip install y\n',
  'FROM x\n' + 'RUN a\n'.repeat(50),
  // two heredocs, the first unterminated and holding an unclosed $( at the end of the file (seed -765955255)
  'FROM a\nRUN --mount=type=secret,id=hf_token \\\n<<A <<B\n    HF_TOKEN=$(',
];

// ---------------------------------------------------------------------------------------------

/**
 * A keyword split by a continuation (`U\` + `SER`) ends on the next line; the rules that underline an
 * instruction's first line once reached past that line's end with the keyword's end column.
 */
const SPLIT_KEYWORDS: { code: string; text: string; range: [number, number, number, number] }[] = [
  { code: 'DL3061', text: 'E\\\nXPOSE 80\nFROM a:1\n', range: [1, 1, 1, 2] },
  { code: 'DL4000', text: 'FROM a:1\nM\\\nAINTAINER me\n', range: [2, 1, 2, 2] },
  { code: 'DL3002', text: 'FROM a:1\nU\\\nSER root\n', range: [2, 1, 2, 2] },
  { code: 'DL3002', text: 'FROM a:1\r\nUS\\  \r\nER root\r\n', range: [2, 1, 2, 3] },
  { code: 'DL3002', text: '# escape=`\nFROM a:1\nU`\n# a comment inside\nSER root\n', range: [3, 1, 3, 2] },
  { code: 'DL3025', text: 'FROM a:1\nE\\\nNTRYPOINT run.sh\n', range: [2, 1, 2, 2] },
  { code: 'ML014', text: 'FROM vllm/vllm-openai:v0.6.3\nE\\\nNTRYPOINT ["vllm", "serve", "/models/llm"]\n', range: [2, 1, 2, 2] },
];

describe('lint core: a keyword split across a continuation', () => {
  for (const c of SPLIT_KEYWORDS) {
    it(`${c.code} underlines the first line only: ${JSON.stringify(c.text)}`, () => {
      assertOk(c.text);
      const found = lintDockerfile(c.text).filter((p) => p.code === c.code).map((p) => [p.line, p.column, p.endLine, p.endColumn]);
      assert.deepEqual(found, [c.range]);
    });
  }
});

// ---------------------------------------------------------------------------------------------

/** The seed of the default suite; `PROP_SEED=<integer>` replays another, `PROP_SEED=new` draws one. */
const FIXED_SEED = 20_261_204;

function seedFromEnv(): number {
  const env = process.env.PROP_SEED;
  if (env === undefined || env === '') return FIXED_SEED;
  if (env === 'new') return Math.floor(Math.random() * 2 ** 31) * (Math.random() < 0.5 ? -1 : 1);
  const n = Number(env);
  if (!Number.isSafeInteger(n)) throw new Error(`PROP_SEED must be an integer or "new", not ${JSON.stringify(env)}`);
  return n;
}

describe('lint core: property tests', function () {
  this.timeout(300_000);
  // At scale 1, 100,000 inputs: 50,000 generated + 36,000 mutated corpus windows + 5,000 mutated whole
  // corpus files + 2,000 spliced + 7,000 arbitrary strings. The default suite runs a tenth of them.
  const scale = Number(process.env.PROP_SCALE ?? 0.1);
  if (!(scale > 0)) throw new Error(`PROP_SCALE must be a positive number, not ${JSON.stringify(process.env.PROP_SCALE)}`);
  const seed = seedFromEnv();
  if (seed !== FIXED_SEED) console.log(`  property tests: seed ${seed} (replay with PROP_SEED=${seed}), scale ${scale}`);
  const params = (numRuns: number): fc.Parameters<unknown> => ({ seed, numRuns });
  const RUNS = {
    generated: Math.round(scale * 50_000),
    window: Math.round(scale * 36_000),
    mutated: Math.round(scale * 5_000),
    spliced: Math.round(scale * 2_000),
    arbitrary: Math.round(scale * 7_000),
  };

  it('has a corpus to mutate', () => {
    assert.ok(CORPUS.length >= 30, `expected bench/corpus to hold at least 30 Dockerfiles, found ${CORPUS.length}`);
  });

  it('regression inputs lint cleanly', () => {
    const failures = REGRESSIONS.map(checkOne).filter((x): x is string => x !== null);
    assert.deepEqual(failures, [], `${failures.length} regression input(s) failed:\n${failures.join('\n\n')}`);
  });

  it('the adversarial shapes of the linearity test lint cleanly', () => {
    const failures = Object.values(LINEAR_PATTERNS).map((make) => checkOne(make(2_000))).filter((x): x is string => x !== null);
    assert.deepEqual(failures, [], `${failures.length} input(s) failed:\n${failures.join('\n\n')}`);
  });

  it(`never throws on ${RUNS.generated} generated Dockerfiles; problems are well-formed`, () => {
    fc.assert(fc.property(generatedDockerfile, (t) => { assertOk(t); }), params(RUNS.generated));
  });

  it(`never throws on ${RUNS.window} mutated windows of corpus files; problems are well-formed`, () => {
    fc.assert(fc.property(mutatedWindow, (t) => { assertOk(t); }), params(RUNS.window));
  });

  it(`never throws on ${RUNS.mutated} mutated whole corpus files; problems are well-formed`, () => {
    fc.assert(fc.property(mutatedCorpus, (t) => { assertOk(t); }), params(RUNS.mutated));
  });

  it(`never throws on ${RUNS.spliced} spliced corpus files`, () => {
    fc.assert(fc.property(spliced, (t) => { assertOk(t); }), params(RUNS.spliced));
  });

  it(`never throws on ${RUNS.arbitrary} arbitrary strings`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 80 })), (t) => { assertOk(t); }),
      params(RUNS.arbitrary),
    );
  });
});

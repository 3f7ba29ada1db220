import { defineRule } from '../../rule';
import { isCudaRepo, stageImageInfo } from './images';
import { parentStage } from '../../facts';

const ML_REPO_PREFIXES = [
  'tensorflow/', 'pytorch/', 'vllm/', 'ghcr.io/huggingface/', 'huggingface/', 'nvcr.io/nvidia/', 'nvidia/', 'jupyter/',
  'quay.io/jupyter/', 'rocm/', 'ollama/', 'lmsysorg/', 'continuumio/', 'condaforge/', 'mambaorg/', 'paddlepaddle/',
  'rayproject/', 'intel/intel-extension-for-pytorch', 'openvino/', 'ghcr.io/mlflow/', 'kserve/', 'seldonio/', 'bitnami/pytorch',
];

export function isMlRepo(repo: string): boolean {
  return ML_REPO_PREFIXES.some((p) => repo.startsWith(p));
}

const DIGIT = /\d/;
/** Tags that stand for a value someone will fill in (templates, CI substitution), not a real tag. */
const PLACEHOLDER = /^(notset|not-set|unset|placeholder|changeme|change-me|replaceme|replace-me|replace_me|todo|tbd|undefined|none|null|xxx+|tag|version|your-?tag|<.*>|@.*@|%.*%|\{\{.*\}\}|__.*__)$/i;
const MOVING_WORD = /(^|[-_.])(latest|nightly)([-_.]|$)/;

/** A tag that moves: no digit at all (`latest-gpu`, `nightly`, `gpu`, `devel`), or a `latest`/`nightly` word; `sha-…` commit tags are fixed. */
export function isFloatingTag(tag: string): boolean {
  if (tag.startsWith('sha-')) return false; // commit tags (TGI's `sha-7e2a743`)
  if (PLACEHOLDER.test(tag)) return false;
  return !DIGIT.test(tag) || MOVING_WORD.test(tag);
}

export const ML003 = defineRule({
  code: 'ML003',
  level: 'warning',
  title: 'ML framework or serving image uses a moving tag.',
  description:
    'Tags such as `latest-gpu`, `nightly`, `gpu` or `devel` on framework and serving images (TensorFlow, PyTorch, TorchServe, vLLM, TGI, NGC, Jupyter…) ' +
    'move to new framework and CUDA versions without notice, so the same Dockerfile builds a different stack next week. ' +
    'Pin a release tag (e.g. `vllm/vllm-openai:v0.6.3`) or a digest. ' +
    'A placeholder tag (`notset`, `changeme`, `TAG`…) is text a template or CI fills in, not a moving tag, and is not reported. ' +
    'Unlike DL3007 this also catches `latest-*`/`*-latest`/`nightly` and tags that come from an `ARG` default; the literal `:latest` is left to DL3007.',
  example: {
    bad: 'FROM tensorflow/tensorflow:latest-gpu',
    good: 'FROM tensorflow/tensorflow:2.17.0-gpu',
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      const ref = st.resolvedImage;
      // every ML repository has a `/` (a prefix above or a registry): `python:3.12` and the like end here
      if (!ref || !ref.includes('/') || parentStage(ctx.doc, st) || ref.includes('$')) continue;
      const info = stageImageInfo(st)!;
      if (!isMlRepo(info.repo) || isCudaRepo(info.repo) || info.digest) continue; // nvidia/cuda tags are ML001's
      const viaArg = ref !== st.image;
      if (!info.tag) {
        if (viaArg) ctx.report(st.imageRange, `The ARG default gives "${ref}" with no tag, which means "latest": pin a release tag of ${info.repo}.`);
        continue;
      }
      if (!isFloatingTag(info.tag)) continue;
      if (info.tag === 'latest' && !viaArg) continue; // DL3007's case
      ctx.report(st.imageRange, `"${info.repo}:${info.tag}" is a moving tag${viaArg ? ' (from an ARG default)' : ''}: the framework and CUDA inside can change between builds; pin a release tag or a digest.`);
    }
  },
});

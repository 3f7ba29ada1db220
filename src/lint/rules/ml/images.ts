// What the ML rules need to know about base images: CUDA tags, framework images, GPU vs CPU bases,
// (stage lineage — which stage an image finally comes from — is in ../../facts).
import { parseImageRef, type Dockerfile, type Stage } from '../../parser';
import { rootStage } from '../../facts';
import { CUDA_IMAGE_TAG_RE, cudaOfNgcTag } from '../../../ml';

export interface ImageInfo {
  /** Registry-qualified repository, lower-case, `docker.io/` and `library/` dropped: `nvidia/cuda`, `nvcr.io/nvidia/pytorch`. */
  repo: string;
  tag: string | null;
  digest: string | null;
}

export function imageInfo(ref: string): ImageInfo {
  const r = parseImageRef(ref.trim());
  const registry = r.registry && !/^(index\.)?docker\.io$/i.test(r.registry) ? r.registry.toLowerCase() + '/' : '';
  return { repo: registry + r.repository.toLowerCase(), tag: r.tag, digest: r.digest };
}

/** `nvidia/cuda` on Docker Hub or NGC. */
export function isCudaRepo(repo: string): boolean {
  return repo === 'nvidia/cuda' || repo === 'nvcr.io/nvidia/cuda';
}

export interface CudaTag {
  major: number;
  minor: number;
  /** null when the tag has no patch (`10.2-base-ubuntu18.04`). */
  patch: number | null;
  flavor: 'base' | 'runtime' | 'devel';
}

/** `<maj>.<min>[.<patch>]-[cudnn[N]-](base|runtime|devel)-<os><ver>`, read with the knowledge base's tag grammar. */
export function parseCudaTag(tag: string): CudaTag | null {
  const m = CUDA_IMAGE_TAG_RE.exec(tag);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? null : Number(m[3]), flavor: m[5] as CudaTag['flavor'] };
}

export interface ImageCuda {
  /** CUDA `major.minor` of the image, null when it is a GPU image of unknown CUDA version. */
  version: { major: number; minor: number } | null;
  /** The image carries the CUDA compiler and headers (a `devel` flavor). */
  devel: boolean;
}

const NGC_FRAMEWORKS = /^nvcr\.io\/nvidia\/(pytorch|tensorflow|tritonserver|jax|paddlepaddle|mxnet)$/;
const GPU_REPOS = new Set([
  'vllm/vllm-openai', 'ghcr.io/huggingface/text-generation-inference', 'ghcr.io/huggingface/text-embeddings-inference',
  'huggingface/transformers-pytorch-gpu', 'huggingface/transformers-all-latest-gpu', 'lmsysorg/sglang', 'ollama/ollama',
  'nvidia/cudagl', 'nvidia/opengl', 'nvidia/vulkan',
]);

/** CUDA facts of an image; null when it is not known to be a GPU image. */
function cudaOf(info: ImageInfo): ImageCuda | null {
  const tag = info.tag ?? '';
  if (isCudaRepo(info.repo)) {
    const t = parseCudaTag(tag);
    return t ? { version: { major: t.major, minor: t.minor }, devel: t.flavor === 'devel' } : { version: null, devel: /devel/.test(tag) };
  }
  if (info.repo === 'pytorch/pytorch') {
    const m = /cuda(\d{1,2})\.(\d{1,2})/.exec(tag);
    if (m) return { version: { major: Number(m[1]), minor: Number(m[2]) }, devel: /devel/.test(tag) };
    return /cpu/.test(tag) ? null : { version: null, devel: /devel/.test(tag) };
  }
  if (NGC_FRAMEWORKS.test(info.repo)) {
    return { version: cudaOfNgcTag(tag), devel: false };
  }
  if (info.repo.startsWith('nvcr.io/nvidia/') || info.repo.startsWith('nvidia/') || GPU_REPOS.has(info.repo)) {
    return { version: null, devel: /devel/.test(tag) };
  }
  if (GPU_TAG.test(tag)) {
    const m = /cuda(\d{1,2})\.(\d{1,2})/.exec(tag);
    return { version: m ? { major: Number(m[1]), minor: Number(m[2]) } : null, devel: /devel/.test(tag) };
  }
  return null;
}

/** A tag that names a GPU build of an image of any repository (`…-gpu`, `cuda12.1-…`). */
const GPU_TAG = /(^|[-_.])(gpu|cuda\d*(\.\d+)*)([-_.]|$)/;
/** AMD ROCm and other accelerator names in a tag: not CPU images, but no CUDA either. */
const ACCELERATOR = /rocm|xpu|habana|neuron|tpu/;

/** General-purpose bases: none is a GPU or accelerator repository by name (a unit test checks it). */
export const CPU_REPOS: ReadonlySet<string> = new Set([
  'python', 'debian', 'ubuntu', 'alpine', 'buildpack-deps', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'centos',
  'oraclelinux', 'opensuse/leap', 'redhat/ubi8', 'redhat/ubi9', 'redhat/ubi8-minimal', 'redhat/ubi9-minimal',
  'registry.access.redhat.com/ubi8', 'registry.access.redhat.com/ubi9', 'registry.access.redhat.com/ubi9/python-311',
  'continuumio/miniconda3', 'continuumio/anaconda3', 'condaforge/miniforge3', 'condaforge/mambaforge', 'mambaorg/micromamba',
  'ghcr.io/astral-sh/uv', 'cgr.dev/chainguard/python', 'gcr.io/distroless/python3', 'gcr.io/distroless/python3-debian12',
  'jupyter/base-notebook', 'jupyter/minimal-notebook', 'jupyter/scipy-notebook', 'jupyter/datascience-notebook',
  'jupyter/pytorch-notebook', 'jupyter/tensorflow-notebook',
  'quay.io/jupyter/base-notebook', 'quay.io/jupyter/minimal-notebook', 'quay.io/jupyter/scipy-notebook',
  'quay.io/jupyter/datascience-notebook', 'quay.io/jupyter/pytorch-notebook', 'quay.io/jupyter/tensorflow-notebook',
]);

/** A general-purpose base with no GPU stack (python, debian, ubuntu, conda, jupyter CPU images…). */
function isCpuImage(info: ImageInfo): boolean {
  if (!CPU_REPOS.has(info.repo)) return false;
  // no CUDA and no other accelerator: for these repositories only the tag can name a GPU or accelerator build
  const tag = info.tag;
  return tag === null || (!GPU_TAG.test(tag) && !ACCELERATOR.test(tag));
}

/** True when the external image a stage finally starts from is a CPU base (`isCpuImage`; false when unresolved). */
export function stageIsCpuBase(doc: Dockerfile, stage: Stage): boolean {
  const info = stageImageInfo(rootStage(doc, stage));
  return info !== null && isCpuImage(info);
}

/**
 * `imageInfo(stage.resolvedImage)` (null when unresolved), parsed once per stage and lint run for the
 * ML rules (shared: read-only).
 */
export function stageImageInfo(stage: Stage): ImageInfo | null {
  if (!stage.resolvedImage) return null;
  // the stage's memo slot: only this function writes it, always with an ImageInfo
  return (stage.memo.image ??= imageInfo(stage.resolvedImage)) as ImageInfo;
}

/** True when the stage builds only for arm64 (PyTorch publishes no CUDA wheels there on PyPI). */
export function isArm64Only(stage: Stage): boolean {
  return !!stage.platform && /^linux\/(arm64|aarch64)(\/v8)?$/i.test(stage.platform.trim());
}

/** CUDA facts of the external image a stage finally starts from (null when unresolved), computed once per stage. */
export function stageCuda(doc: Dockerfile, stage: Stage): ImageCuda | null {
  // the stage's memo slot: only this function writes it (undefined until computed, then ImageCuda | null)
  if (stage.memo.cuda === undefined) {
    // the external base is the root stage's image: its facts are computed once, for every stage built on it
    const root = rootStage(doc, stage);
    if (root !== stage) stage.memo.cuda = stageCuda(doc, root);
    else {
      const info = stageImageInfo(root);
      stage.memo.cuda = info ? cudaOf(info) : null;
    }
  }
  return stage.memo.cuda as ImageCuda | null;
}

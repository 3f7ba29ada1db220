// A workload (source.ts) → Kubernetes objects: a Job for training (restartPolicy Never, backoffLimit,
// ttlSecondsAfterFinished) or a Deployment + Service for a model API (replicas, startup/readiness/
// liveness probes from the image's HEALTHCHECK or the served port), with GPU limits, /dev/shm as a
// memory-backed emptyDir, data/model folders as PersistentVolumeClaims or hostPath, env with secrets
// as Secret references only, the pushed image (by digest when known) and its pull secret.
// Objects are built with kubernetes-models' typed classes and validated against that package's JSON
// schemas (Kubernetes KUBERNETES_VERSION) before anything is written. Pure: no vscode, no I/O.
import { Deployment, Job, PersistentVolumeClaim, Service } from './models';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { PortOption } from '../docker/run/options';
import { isLocalRegistry, registryOf, type Healthcheck, type SourceMount, type WorkloadSource } from './source';

/** The Kubernetes API the schemas of kubernetes-models 4.5 describe (checked by a unit test). */
export const KUBERNETES_VERSION = '1.33';

export type WorkloadKind = 'job' | 'deployment';

export interface ExportOptions {
  kind: WorkloadKind;
  /** Base name of every object; made a valid DNS-1123 label by kubeName(). */
  name: string;
  namespace?: string;
  /** Bind mounts as PersistentVolumeClaims (default) or as hostPath volumes (single-node clusters). */
  volumes?: 'pvc' | 'hostPath';
  /** Size requested for each generated claim. */
  pvcSize?: string;
  /** Name of a docker-registry Secret for imagePullSecrets. */
  pullSecret?: string;
  /** With GPUs: nodeSelector nvidia.com/gpu.present=true (the label NVIDIA's GPU feature discovery sets). */
  gpuNodeSelector?: boolean;
  /** With GPUs: tolerate the nvidia.com/gpu taint GPU node pools usually carry. */
  gpuTolerations?: boolean;
  /** Requests (and memory limit), e.g. "4", "500m"; "16Gi". */
  cpu?: string;
  memory?: string;
  replicas?: number;
  backoffLimit?: number;
  ttlSecondsAfterFinished?: number;
}

/** A comment written above the key at `path` (or the item of a list) in the object's YAML. */
export interface PathComment {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

export interface ManifestDoc {
  readonly object: Deployment | Job | Service | PersistentVolumeClaim;
  readonly comments: readonly PathComment[];
}

export interface ExportPlan {
  readonly name: string;
  readonly docs: readonly ManifestDoc[];
  /** Lines for the file's header: what to create before applying, what to change. */
  readonly header: readonly string[];
  /** Keys of the `<name>-secrets` Secret the env refers to. */
  readonly secretKeys: readonly string[];
}

export class ManifestError extends Error {}

const NAME_LABEL = 'app.kubernetes.io/name';
const MANAGED_LABEL = 'app.kubernetes.io/managed-by';
const GPU_RESOURCE = 'nvidia.com/gpu';
const GPU_NODE_LABEL = 'nvidia.com/gpu.present';

/**
 * A DNS-1123 label that also starts with a letter (Service names must): lowercase letters, digits and
 * '-', at most `max` characters.
 */
export function kubeName(s: string, max = 63): string {
  let n = s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (!n) return 'workload';
  if (!/^[a-z]/.test(n)) n = `w-${n}`.replace(/-+$/, '');
  n = n.slice(0, max).replace(/-+$/, '');
  return n || 'workload';
}

/** Bytes as a Kubernetes quantity in the largest binary unit that divides it (`8Gi`, `512Mi`). */
export function bytesToQuantity(bytes: number): string {
  const units: [string, number][] = [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]];
  for (const [u, f] of units) if (bytes >= f && bytes % f === 0) return `${bytes / f}${u}`;
  return String(Math.round(bytes));
}

/** Kubernetes quantity syntax (`500m`, `4`, `16Gi`, `1.5`, `2e3`). */
export function isQuantity(s: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/.test(s.trim());
}

function portName(p: PortOption): string {
  return `${p.protocol === 'udp' ? 'udp' : 'http'}-${p.container}`.slice(0, 15);
}

function seconds(ns: number | undefined, fallback: number): number {
  return ns ? Math.max(1, Math.ceil(ns / 1e9)) : fallback;
}

interface ProbeSet {
  startupProbe?: IProbe;
  readinessProbe?: IProbe;
  livenessProbe?: IProbe;
  comment?: string;
}

/** Probes for a model API: the image's HEALTHCHECK when it has one, else a TCP check of its port. */
function probesFor(h: Healthcheck | undefined, port: PortOption | undefined): ProbeSet {
  // Loading weights can take minutes: the startup probe gives 10 minutes before liveness starts counting.
  const startup = { periodSeconds: 10, failureThreshold: 60 };
  if (h && h.test[0] !== 'NONE' && h.test.length > 1) {
    const command = h.test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', h.test.slice(1).join(' ')] : h.test[0] === 'CMD' ? h.test.slice(1) : [...h.test];
    const check = {
      exec: { command },
      periodSeconds: seconds(h.intervalNs, 30),
      timeoutSeconds: seconds(h.timeoutNs, 30),
      failureThreshold: h.retries ?? 3,
    };
    return {
      startupProbe: { exec: { command }, timeoutSeconds: check.timeoutSeconds, ...startup },
      readinessProbe: check,
      livenessProbe: check,
      comment: 'From the image\'s HEALTHCHECK. The startup probe allows 10 minutes for the model to load.',
    };
  }
  if (!port || port.protocol === 'udp') return {};
  const tcp = { tcpSocket: { port: port.container } };
  return {
    startupProbe: { ...tcp, ...startup },
    readinessProbe: { ...tcp, periodSeconds: 10 },
    livenessProbe: { ...tcp, periodSeconds: 20 },
    comment: `A TCP check of port ${port.container}. If the API has a health route, use httpGet: { path: /health, port: ${port.container} } instead. The startup probe allows 10 minutes for the model to load.`,
  };
}

function volumeName(target: string, used: Set<string>): string {
  const base = kubeName(target.split('/').filter(Boolean).pop() ?? 'data', 50);
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}-${i}`;
  used.add(n);
  return n;
}

function gpuCount(src: WorkloadSource): { count: number; comment?: string } | undefined {
  const g = src.gpus;
  if (!g) return undefined;
  switch (g.kind) {
    case 'count': return { count: g.count };
    case 'all': return { count: 1, comment: 'The profile asked for all GPUs of one machine: set how many GPUs each pod gets.' };
    case 'devices': return { count: g.deviceIds.length, comment: `The profile picked GPUs ${g.deviceIds.join(', ')}; Kubernetes assigns GPUs itself, so only the count is kept.` };
  }
}

function userContext(user: string | undefined): { runAsUser?: number; runAsGroup?: number } | undefined {
  const m = user ? /^(\d+)(?::(\d+))?$/.exec(user) : null;
  if (!m) return undefined;
  return m[2] !== undefined ? { runAsUser: Number(m[1]), runAsGroup: Number(m[2]) } : { runAsUser: Number(m[1]) };
}

function validate(doc: ManifestDoc): string[] {
  try {
    doc.object.validate();
    return [];
  } catch (e) {
    return [`${doc.object.kind} ${doc.object.metadata?.name ?? ''}: ${(e as Error).message}`];
  }
}

/** Builds and validates the objects; throws ManifestError naming each schema violation. */
export function planExport(src: WorkloadSource, o: ExportOptions): ExportPlan {
  const name = kubeName(o.name);
  const labels = { [NAME_LABEL]: name, [MANAGED_LABEL]: 'ml-containers' };
  const meta = (n: string) => ({ name: n, labels: { ...labels }, ...(o.namespace ? { namespace: kubeName(o.namespace) } : {}) });
  const header: string[] = [];
  const podComments: PathComment[] = [];
  const containerComments: PathComment[] = [];
  const docs: ManifestDoc[] = [];
  const secretName = `${name}-secrets`;
  const envSecretName = `${name}-env`;
  const pvcSize = o.pvcSize ?? '20Gi';
  const usedVolumes = new Set<string>();

  // Image: the pushed digest when the engine knows it; a local-only reference is flagged.
  const image = src.digestRef ?? src.image;
  if (src.digestRef) containerComments.push({ path: ['image'], text: ` Pinned by digest (${src.image} when exported). Push again and update the digest when the image changes.` });
  else if (isLocalRegistry(src.image) || !src.image.includes('/')) containerComments.push({ path: ['image'], text: ' CHANGE: this reference is not one a cluster can pull. Push the image (ML Containers: Push Image…) and put the pushed name here, ideally repo@sha256:….' });
  else containerComments.push({ path: ['image'], text: ' A tag can move: after pushing, prefer repo@sha256:… so every pod runs the same image.' });

  // Env: literal values, references into the workload's Secret, and the env file as a Secret of its own.
  const env: IEnvVar[] = [];
  const secretKeys: string[] = [];
  const dropped: string[] = [];
  for (const e of src.env) {
    if ('secretKey' in e) {
      env.push({ name: e.name, valueFrom: { secretKeyRef: { name: secretName, key: e.secretKey } } });
      if (!secretKeys.includes(e.secretKey)) secretKeys.push(e.secretKey);
      if (e.literalDropped) dropped.push(e.name);
    } else {
      env.push({ name: e.name, value: e.value });
    }
  }
  const envFrom: IEnvFromSource[] = [];
  if (src.envFile) envFrom.push({ secretRef: { name: envSecretName } });
  if (secretKeys.length) {
    header.push(`Create the Secret the env refers to (values are never written here):`);
    header.push(`  kubectl create secret generic ${secretName} ${secretKeys.map((k) => `--from-literal=${k}=…`).join(' ')}`);
    if (dropped.length) containerComments.push({ path: ['env'], text: ` The profile had literal values for ${dropped.join(', ')}: the pod reads them from the Secret ${secretName} instead.` });
  }
  if (src.envFile) {
    header.push(`Create the Secret for the env file ${src.envFile}:`);
    header.push(`  kubectl create secret generic ${envSecretName} --from-env-file=${src.envFile}`);
  }

  // Volumes: bind mounts → claims (or hostPath), named volumes → claims, /dev/shm → memory emptyDir.
  const volumes: IVolume[] = [];
  const mounts: IVolumeMount[] = [];
  const claims: PersistentVolumeClaim[] = [];
  const hostPath = o.volumes === 'hostPath';
  src.mounts.forEach((m: SourceMount) => {
    const vol = volumeName(m.target, usedVolumes);
    mounts.push({ name: vol, mountPath: m.target, ...(m.readOnly ? { readOnly: true } : {}) });
    if (hostPath && !m.volume) {
      volumes.push({ name: vol, hostPath: { path: m.source, type: 'Directory' } });
    } else {
      const claim = kubeName(`${name}-${vol}`);
      volumes.push({ name: vol, persistentVolumeClaim: { claimName: claim, ...(m.readOnly ? { readOnly: true } : {}) } });
      claims.push(new PersistentVolumeClaim({
        metadata: meta(claim),
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: pvcSize } } },
      }));
    }
  });
  if (hostPath && src.mounts.some((m) => !m.volume)) podComments.push({ path: ['volumes'], text: ' hostPath volumes are folders of the node the pod runs on: they must exist there (fine for a single-node cluster such as kind or minikube).' });
  const shmNeeded = src.shmBytes !== undefined || src.ipcHost;
  if (shmNeeded) {
    const vol = volumeName('dshm', usedVolumes);
    mounts.push({ name: vol, mountPath: '/dev/shm' });
    volumes.push({ name: vol, emptyDir: { medium: 'Memory', ...(src.shmBytes ? { sizeLimit: bytesToQuantity(src.shmBytes) } : {}) } });
    podComments.push({ path: ['volumes', volumes.length - 1], text: src.shmBytes
      ? ' Shared memory for DataLoader workers (--shm-size): it counts against the memory limit.'
      : ' Shared memory instead of --ipc=host: without a sizeLimit it may use up to the memory limit.' });
  }

  // Ports, resources, probes.
  const ports = src.ports.length ? src.ports : o.kind === 'deployment' ? src.exposedPorts : [];
  const containerPorts: IContainerPort[] = ports.map((p) => ({ name: portName(p), containerPort: p.container, ...(p.protocol === 'udp' ? { protocol: 'UDP' } : {}) }));
  const limits: Record<string, string | number> = {};
  const requests: Record<string, string | number> = {};
  const gpu = gpuCount(src);
  if (gpu) {
    limits[GPU_RESOURCE] = gpu.count;
    if (gpu.comment) containerComments.push({ path: ['resources'], text: ` ${gpu.comment}` });
  }
  const cpu = o.cpu ?? (src.cpus ? String(Math.round(src.cpus * 1000) / 1000) : undefined);
  const memory = o.memory ?? (src.memoryBytes ? bytesToQuantity(src.memoryBytes) : undefined);
  if (cpu) requests.cpu = cpu;
  if (memory) {
    requests.memory = memory;
    limits.memory = memory;
  }
  if (!cpu && !memory) containerComments.push({ path: ['resources'], text: ' CHANGE: add requests for cpu and memory (e.g. cpu: "4", memory: 16Gi) so the scheduler places the pod on a node that fits it.' });

  const container: IContainer = {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    ...(src.entrypoint ? { command: [...src.entrypoint] } : {}),
    ...(src.command ? { args: [...src.command] } : {}),
    ...(src.workdir ? { workingDir: src.workdir } : {}),
    ...(env.length ? { env } : {}),
    ...(envFrom.length ? { envFrom } : {}),
    ...(containerPorts.length ? { ports: containerPorts } : {}),
    resources: { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) },
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
  const sc = userContext(src.user);
  if (sc) container.securityContext = sc;
  else if (src.user) containerComments.push({ path: ['name'], text: ` The container ran as user "${src.user}"; Kubernetes needs a numeric id: add securityContext.runAsUser.` });
  if (o.kind === 'deployment') {
    const probes = probesFor(src.healthcheck, ports[0]);
    Object.assign(container, { startupProbe: probes.startupProbe, readinessProbe: probes.readinessProbe, livenessProbe: probes.livenessProbe });
    for (const k of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) if (!container[k]) delete container[k];
    if (probes.comment) containerComments.push({ path: ['startupProbe'], text: ` ${probes.comment}` });
  }

  const pod: IPodSpec = {
    containers: [container],
    ...(o.kind === 'job' ? { restartPolicy: 'Never' } : {}),
    ...(volumes.length ? { volumes } : {}),
  };
  if (o.pullSecret) {
    pod.imagePullSecrets = [{ name: kubeName(o.pullSecret, 253) }];
    header.push(`Create the pull secret for ${registryOf(image)} (or reuse one you have):`);
    header.push(`  kubectl create secret docker-registry ${kubeName(o.pullSecret, 253)} --docker-server=${registryOf(image)} --docker-username=… --docker-password=…`);
  }
  if (gpu && o.gpuNodeSelector) {
    pod.nodeSelector = { [GPU_NODE_LABEL]: 'true' };
    podComments.push({ path: ['nodeSelector'], text: ' The label NVIDIA GPU feature discovery puts on GPU nodes; CHANGE it to your node pool\'s label (e.g. cloud.google.com/gke-accelerator).' });
  }
  if (gpu && o.gpuTolerations) pod.tolerations = [{ key: GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' }];
  if (src.network === 'host') podComments.push({ path: ['containers'], text: ' The container used the host network; the pod gets its own. Set hostNetwork: true only if it really must.' });

  const podPath = ['spec', 'template', 'spec'];
  const withPod = (c: PathComment): PathComment => ({ path: [...podPath, ...c.path], text: c.text });
  const withContainer = (c: PathComment): PathComment => ({ path: [...podPath, 'containers', 0, ...c.path], text: c.text });
  const podDocComments = [...podComments.map(withPod), ...containerComments.map(withContainer)];

  if (o.kind === 'job') {
    const job = new Job({
      metadata: meta(name),
      spec: {
        backoffLimit: o.backoffLimit ?? 0,
        ttlSecondsAfterFinished: o.ttlSecondsAfterFinished ?? 86400,
        template: { metadata: { labels: { ...labels } }, spec: pod },
      },
    });
    docs.push({ object: job, comments: [
      { path: ['spec', 'backoffLimit'], text: ' Retries of a failed run: 0 because a failed training run is usually a bug; raise it when the script resumes from checkpoints.' },
      { path: ['spec', 'ttlSecondsAfterFinished'], text: ' The finished Job (and its logs) is deleted after a day.' },
      ...podDocComments,
    ] });
  } else {
    const replicas = o.replicas ?? 1;
    const deployment = new Deployment({
      metadata: meta(name),
      spec: {
        replicas,
        selector: { matchLabels: { [NAME_LABEL]: name } },
        // A GPU pod holds its GPU until it stops: a rolling update would wait for a second free GPU.
        ...(gpu ? { strategy: { type: 'Recreate' } } : {}),
        template: { metadata: { labels: { ...labels } }, spec: pod },
      },
    });
    const comments: PathComment[] = [...podDocComments];
    if (gpu) comments.push({ path: ['spec', 'strategy'], text: ' Recreate: the old pod frees its GPU before the new one starts.' });
    if (claims.length && replicas > 1) comments.push({ path: ['spec', 'replicas'], text: ' ReadWriteOnce claims attach to one node: use ReadOnlyMany/ReadWriteMany storage for more replicas.' });
    docs.push({ object: deployment, comments });
    if (ports.length) {
      const service = new Service({
        metadata: meta(name),
        spec: {
          selector: { [NAME_LABEL]: name },
          ports: ports.map((p) => ({ name: portName(p), port: p.host || p.container, targetPort: p.container, ...(p.protocol === 'udp' ? { protocol: 'UDP' } : {}) })),
        },
      });
      docs.push({ object: service, comments: [{ path: ['spec', 'selector'], text: ` Reach it in the cluster at ${name}:${ports[0].host || ports[0].container}, or from here with: kubectl port-forward service/${name} ${ports[0].host || ports[0].container}` }] });
    }
  }
  for (const claim of claims) {
    docs.push({ object: claim, comments: [
      { path: ['spec', 'resources'], text: ` CHANGE the size to fit the data, and copy the data in (e.g. a one-off pod with this claim and kubectl cp).` },
      { path: ['spec', 'accessModes'], text: ' Add storageClassName: … to pick a storage class other than the default.' },
    ] });
  }

  const problems = docs.flatMap(validate);
  if (problems.length) throw new ManifestError(`The generated manifest does not match the Kubernetes ${KUBERNETES_VERSION} schema:\n${problems.join('\n')}`);
  return { name, docs, header, secretKeys };
}

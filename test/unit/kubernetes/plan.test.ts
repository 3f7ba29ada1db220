import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { ContainerInspect, ImageInspect } from '../../../src/docker/engine';
import { bytesToQuantity, isQuantity, kubeName, KUBERNETES_VERSION, ManifestError, planExport, type ExportOptions } from '../../../src/kubernetes/plan';
import type { RunProfile } from '../../../src/docker/run/profiles';
import { digestRefFor, sourceFromContainer, sourceFromProfile, type WorkloadSource } from '../../../src/kubernetes/source';
import { planToYaml } from '../../../src/kubernetes/yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';

const DIGEST = 'sha256:' + 'ab'.repeat(32);

function image(over: Partial<ImageInspect> & { Config?: Record<string, unknown> } = {}): ImageInspect {
  return { Id: 'sha256:1', RepoTags: [], RepoDigests: [], Created: '', Size: 0, Architecture: 'amd64', Os: 'linux', ...over } as ImageInspect;
}
function fromProfile(p: Partial<RunProfile>, ref = 'registry.example.com/team/model:1', img?: ImageInspect): WorkloadSource {
  return sourceFromProfile(ref, { name: 'p', ...p }, img);
}
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading parsed YAML in assertions
/** Every document of the written file, parsed back, and each re-validated by its kubernetes-models class. */
function written(src: WorkloadSource, o: ExportOptions): Obj[] {
  const plan = planExport(src, o);
  const text = planToYaml(plan, { file: `k8s/${plan.name}.yaml`, origin: src.origin });
  const docs = YAML.parseAllDocuments(text).map((d) => d.toJS() as Obj);
  for (const d of docs) {
    const cls = { Deployment, Job, Service, PersistentVolumeClaim }[d.kind as string];
    assert.ok(cls, `unexpected kind ${d.kind}`);
    new cls(d as never).validate();
  }
  return docs;
}
const podOf = (d: Obj): Obj => d.spec.template.spec;
const containerOf = (d: Obj): Obj => podOf(d).containers[0];

describe('kubernetes export: plan', () => {
  it('training profile with GPUs, shared memory and a data folder → a Job with GPU limits, a memory emptyDir and a claim', () => {
    const src = fromProfile({ name: 'train', gpus: { kind: 'count', count: 2 }, shmSize: '16g', mounts: [{ source: '/w/data', target: '/data', readOnly: true }, { source: '/w/checkpoints', target: '/workspace/checkpoints' }], command: 'python train.py --epochs 3' });
    const docs = written(src, { kind: 'job', name: 'train' });
    assert.deepStrictEqual(docs.map((d) => d.kind), ['Job', 'PersistentVolumeClaim', 'PersistentVolumeClaim']);
    const job = docs[0];
    assert.strictEqual(job.spec.backoffLimit, 0);
    assert.strictEqual(job.spec.ttlSecondsAfterFinished, 86400);
    assert.strictEqual(podOf(job).restartPolicy, 'Never');
    const c = containerOf(job);
    assert.deepStrictEqual(c.resources.limits, { 'nvidia.com/gpu': 2 });
    assert.deepStrictEqual(c.args, ['python', 'train.py', '--epochs', '3']);
    assert.strictEqual(c.command, undefined);
    const shm = podOf(job).volumes.find((v: Obj) => v.emptyDir);
    assert.deepStrictEqual(shm.emptyDir, { medium: 'Memory', sizeLimit: '16Gi' });
    assert.ok(c.volumeMounts.some((m: Obj) => m.name === shm.name && m.mountPath === '/dev/shm'));
    const data = podOf(job).volumes.find((v: Obj) => v.name === 'data');
    assert.deepStrictEqual(data.persistentVolumeClaim, { claimName: 'train-data', readOnly: true });
    assert.deepStrictEqual(c.volumeMounts.find((m: Obj) => m.name === 'data'), { name: 'data', mountPath: '/data', readOnly: true });
    assert.deepStrictEqual(docs.slice(1).map((d) => d.metadata.name), ['train-data', 'train-checkpoints']);
    assert.deepStrictEqual(docs[1].spec.resources.requests, { storage: '20Gi' });
    assert.strictEqual(c.startupProbe, undefined, 'a Job has no probes');
    assert.strictEqual(podOf(job).nodeSelector, undefined);
  });

  it('GPU node options put a nodeSelector and a toleration on the pod, only when GPUs are requested', () => {
    const opts: ExportOptions = { kind: 'job', name: 't', gpuNodeSelector: true, gpuTolerations: true };
    const gpu = podOf(written(fromProfile({ gpus: { kind: 'all' } }), opts)[0]);
    assert.deepStrictEqual(gpu.nodeSelector, { 'nvidia.com/gpu.present': 'true' });
    assert.deepStrictEqual(gpu.tolerations, [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    assert.strictEqual(gpu.containers[0].resources.limits['nvidia.com/gpu'], 1, '"all GPUs" becomes one, with a comment to change it');
    const cpu = podOf(written(fromProfile({}), opts)[0]);
    assert.strictEqual(cpu.nodeSelector, undefined);
    assert.strictEqual(cpu.tolerations, undefined);
    const devices = podOf(written(fromProfile({ gpus: { kind: 'devices', deviceIds: ['0', '3'] } }), opts)[0]);
    assert.strictEqual(devices.containers[0].resources.limits['nvidia.com/gpu'], 2);
  });

  it('model API with a port and an image HEALTHCHECK → Deployment + Service with probes from the healthcheck', () => {
    const img = image({ Config: { Healthcheck: { Test: ['CMD-SHELL', 'curl -fsS http://localhost:8000/health || exit 1'], Interval: 15e9, Timeout: 5e9, Retries: 4 } } });
    const docs = written(fromProfile({ name: 'api', ports: [{ container: 8000, host: 8080 }] }, 'registry.example.com/team/model:1', img), { kind: 'deployment', name: 'api', replicas: 2 });
    assert.deepStrictEqual(docs.map((d) => d.kind), ['Deployment', 'Service']);
    const [dep, svc] = docs;
    assert.strictEqual(dep.spec.replicas, 2);
    assert.deepStrictEqual(dep.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'api' });
    assert.strictEqual(dep.spec.template.metadata.labels['app.kubernetes.io/name'], 'api');
    assert.strictEqual(dep.spec.strategy, undefined, 'no GPU: the default rolling update');
    const c = containerOf(dep);
    assert.deepStrictEqual(c.ports, [{ name: 'http-8000', containerPort: 8000 }]);
    const cmd = ['/bin/sh', '-c', 'curl -fsS http://localhost:8000/health || exit 1'];
    assert.deepStrictEqual(c.readinessProbe, { exec: { command: cmd }, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 4 });
    assert.deepStrictEqual(c.livenessProbe, c.readinessProbe);
    assert.deepStrictEqual(c.startupProbe.exec.command, cmd);
    assert.strictEqual(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold, 600, 'ten minutes to load a model');
    assert.deepStrictEqual(svc.spec.selector, { 'app.kubernetes.io/name': 'api' });
    assert.deepStrictEqual(svc.spec.ports, [{ name: 'http-8000', port: 8080, targetPort: 8000 }]);
  });

  it('model API without a HEALTHCHECK → TCP probes on its port; EXPOSE is used when the profile publishes none', () => {
    const img = image({ Config: { ExposedPorts: { '7860/tcp': {} } } });
    const docs = written(fromProfile({}, 'registry.example.com/team/model:1', img), { kind: 'deployment', name: 'gradio' });
    const c = containerOf(docs[0]);
    assert.deepStrictEqual(c.readinessProbe, { tcpSocket: { port: 7860 }, periodSeconds: 10 });
    assert.deepStrictEqual(c.livenessProbe.tcpSocket, { port: 7860 });
    assert.deepStrictEqual(docs[1].spec.ports, [{ name: 'http-7860', port: 7860, targetPort: 7860 }]);
    const none = written(fromProfile({ ports: [{ container: 80 }] }, 'r.io/x:1', image({ Config: { Healthcheck: { Test: ['NONE'] } } })), { kind: 'deployment', name: 'n' });
    assert.deepStrictEqual(containerOf(none[0]).readinessProbe, { tcpSocket: { port: 80 }, periodSeconds: 10 }, 'HEALTHCHECK NONE falls back to the port');
    const noPort = written(fromProfile({}), { kind: 'deployment', name: 'worker' });
    assert.deepStrictEqual(noPort.map((d) => d.kind), ['Deployment'], 'no port: no Service and no probes');
    assert.strictEqual(containerOf(noPort[0]).readinessProbe, undefined);
  });

  it('a GPU Deployment is recreated, not rolled (a rolling update would wait for a second free GPU)', () => {
    const dep = written(fromProfile({ ports: [{ container: 8000 }], gpus: { kind: 'count', count: 1 } }), { kind: 'deployment', name: 'vllm' })[0];
    assert.deepStrictEqual(dep.spec.strategy, { type: 'Recreate' });
  });

  it('secrets: ${secret:NAME} references and literal values of secret-looking names become secretKeyRefs; no value is written', () => {
    const src = fromProfile({ env: { HF_TOKEN: '${secret:HF_TOKEN}', HUB_TOKEN: '${secret:HF_TOKEN}', WANDB_API_KEY: 'wandb-literal-value-123', WANDB_MODE: 'offline', TOKEN_PATH: '/run/tok' }, envFile: '/w/.env' });
    const plan = planExport(src, { kind: 'job', name: 'train' });
    const text = planToYaml(plan, { file: 'k8s/train.yaml', origin: src.origin });
    assert.ok(!text.includes('wandb-literal-value-123'), 'the literal secret value never reaches the file');
    const c = containerOf(YAML.parseAllDocuments(text)[0].toJS() as Obj);
    const byName = Object.fromEntries(c.env.map((e: Obj) => [e.name, e]));
    assert.deepStrictEqual(byName.HF_TOKEN.valueFrom, { secretKeyRef: { name: 'train-secrets', key: 'HF_TOKEN' } });
    assert.deepStrictEqual(byName.HUB_TOKEN.valueFrom, { secretKeyRef: { name: 'train-secrets', key: 'HF_TOKEN' } });
    assert.deepStrictEqual(byName.WANDB_API_KEY.valueFrom, { secretKeyRef: { name: 'train-secrets', key: 'WANDB_API_KEY' } });
    assert.deepStrictEqual(byName.WANDB_MODE, { name: 'WANDB_MODE', value: 'offline' });
    assert.deepStrictEqual(byName.TOKEN_PATH, { name: 'TOKEN_PATH', value: '/run/tok' }, 'a path to a secret is not a secret');
    assert.deepStrictEqual(c.envFrom, [{ secretRef: { name: 'train-env' } }]);
    assert.deepStrictEqual(plan.secretKeys, ['HF_TOKEN', 'WANDB_API_KEY']);
    assert.match(text, /# +kubectl create secret generic train-secrets --from-literal=HF_TOKEN=… --from-literal=WANDB_API_KEY=…/);
    assert.match(text, /# +kubectl create secret generic train-env --from-env-file=\/w\/\.env/);
  });

  it('hostPath option: bind mounts become hostPath volumes of the same folder; named volumes stay claims', () => {
    const c = { Id: 'c1', Name: '/trainer', Image: 'sha256:1', Config: { Image: 'r.io/t:1' }, HostConfig: {}, State: {} as ContainerInspect['State'], Created: '',
      Mounts: [{ Type: 'bind', Source: '/srv/data', Destination: '/data', RW: false }, { Type: 'volume', Name: 'hfcache', Source: '/var/lib/docker/volumes/hfcache/_data', Destination: '/root/.cache/huggingface', RW: true }] } as unknown as ContainerInspect;
    const docs = written(sourceFromContainer(c), { kind: 'job', name: 'trainer', volumes: 'hostPath' });
    const pod = podOf(docs[0]);
    assert.deepStrictEqual(pod.volumes.find((v: Obj) => v.name === 'data').hostPath, { path: '/srv/data', type: 'Directory' });
    assert.deepStrictEqual(pod.volumes.find((v: Obj) => v.name === 'huggingface').persistentVolumeClaim, { claimName: 'trainer-huggingface' });
    assert.deepStrictEqual(docs.map((d) => d.kind), ['Job', 'PersistentVolumeClaim']);
    const pvc = written(sourceFromContainer(c), { kind: 'job', name: 'trainer' });
    assert.deepStrictEqual(pvc.map((d) => d.kind), ['Job', 'PersistentVolumeClaim', 'PersistentVolumeClaim'], 'default: every mount a claim');
  });

  it('image: the pushed digest when RepoDigests has the same repository; a local-only reference is flagged to change', () => {
    const img = image({ RepoDigests: ['other.io/x@sha256:' + 'cd'.repeat(32), `registry.example.com/team/model@${DIGEST}`] });
    const plan = planExport(fromProfile({}, 'registry.example.com/team/model:1', img), { kind: 'job', name: 'j' });
    const text = planToYaml(plan, { file: 'k8s/j.yaml', origin: 'x' });
    assert.strictEqual(containerOf(YAML.parse(text) as Obj).image, `registry.example.com/team/model@${DIGEST}`);
    assert.strictEqual(containerOf(YAML.parse(text) as Obj).imagePullPolicy, 'IfNotPresent');
    assert.match(text, /Pinned by digest \(registry\.example\.com\/team\/model:1 when exported\)/);
    assert.strictEqual(digestRefFor('model:1', ['docker.io/library/model@' + DIGEST]), 'model@' + DIGEST, 'Docker Hub names compare normalised');
    assert.strictEqual(digestRefFor('model:1', []), undefined);
    assert.strictEqual(digestRefFor('r.io/m@' + DIGEST, []), 'r.io/m@' + DIGEST, 'a reference by digest is kept');
    const local = planToYaml(planExport(fromProfile({}, 'my-model:latest'), { kind: 'job', name: 'j' }), { file: 'f', origin: 'x' });
    assert.match(local, /# CHANGE: this reference is not one a cluster can pull/);
  });

  it('imagePullSecrets and the command to create them, when a pull secret is named', () => {
    const plan = planExport(fromProfile({}), { kind: 'job', name: 'j', pullSecret: 'regcred' });
    const text = planToYaml(plan, { file: 'k8s/j.yaml', origin: 'x' });
    assert.deepStrictEqual(podOf(YAML.parse(text) as Obj).imagePullSecrets, [{ name: 'regcred' }]);
    assert.match(text, /kubectl create secret docker-registry regcred --docker-server=registry\.example\.com/);
    assert.strictEqual(podOf(written(fromProfile({}), { kind: 'job', name: 'j' })[0]).imagePullSecrets, undefined);
  });

  it('resources: requests for cpu and memory, memory also as a limit; without them a CHANGE comment', () => {
    const c = containerOf(written(fromProfile({ gpus: { kind: 'count', count: 1 } }), { kind: 'job', name: 'j', cpu: '8', memory: '32Gi' })[0]);
    assert.deepStrictEqual(c.resources, { requests: { cpu: '8', memory: '32Gi' }, limits: { 'nvidia.com/gpu': 1, memory: '32Gi' } });
    const text = planToYaml(planExport(fromProfile({}), { kind: 'job', name: 'j' }), { file: 'f', origin: 'x' });
    assert.match(text, /# CHANGE: add requests for cpu and memory/);
  });

  it('a value the schema rejects (a malformed memory quantity) stops the export with the schema message', () => {
    assert.throws(() => planExport(fromProfile({}), { kind: 'job', name: 'j', memory: '16 gigs' }),
      (e: unknown) => e instanceof ManifestError && /Kubernetes 1\.33 schema/.test(e.message) && /memory/.test(e.message));
  });

  it('from a running container: what the image already sets is left out; ports, GPUs, shm, limits and healthcheck are kept', () => {
    const img = image({ Config: { Env: ['PATH=/usr/bin', 'CUDA_VERSION=12.4.1'], Cmd: ['python', 'serve.py'], WorkingDir: '/app' }, RepoDigests: [`r.io/serve@${DIGEST}`] });
    const c = {
      Id: 'abc', Name: '/llm-api', Image: 'sha256:1', Created: '', State: {} as ContainerInspect['State'], Mounts: [],
      Config: { Image: 'r.io/serve:2', Env: ['PATH=/usr/bin', 'CUDA_VERSION=12.4.1', 'MODEL_ID=llama', 'OPENAI_API_KEY=sk-live'], Cmd: ['python', 'serve.py'], WorkingDir: '/app',
        Healthcheck: { Test: ['CMD', '/bin/check'], Interval: 30e9 }, ExposedPorts: { '8000/tcp': {} } },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '9000' }] }, ShmSize: 2 * 1024 ** 3, NanoCpus: 4e9, Memory: 16 * 1024 ** 3,
        DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }], NetworkMode: 'host' },
    } as unknown as ContainerInspect;
    const src = sourceFromContainer(c, img);
    assert.strictEqual(src.name, 'llm-api');
    assert.strictEqual(src.command, undefined, 'the image CMD is not repeated');
    assert.deepStrictEqual(src.env, [{ name: 'MODEL_ID', value: 'llama' }, { name: 'OPENAI_API_KEY', secretKey: 'OPENAI_API_KEY', literalDropped: true }]);
    const docs = written(src, { kind: 'deployment', name: src.name });
    const ct = containerOf(docs[0]);
    assert.strictEqual(ct.image, `r.io/serve@${DIGEST}`);
    assert.strictEqual(ct.workingDir, undefined);
    assert.deepStrictEqual(ct.resources, { requests: { cpu: '4', memory: '16Gi' }, limits: { 'nvidia.com/gpu': 1, memory: '16Gi' } });
    assert.deepStrictEqual(ct.readinessProbe.exec.command, ['/bin/check']);
    assert.deepStrictEqual(docs[1].spec.ports, [{ name: 'http-8000', port: 9000, targetPort: 8000 }]);
    assert.deepStrictEqual(podOf(docs[0]).volumes.find((v: Obj) => v.emptyDir).emptyDir, { medium: 'Memory', sizeLimit: '2Gi' });
    assert.strictEqual(podOf(docs[0]).hostNetwork, undefined, 'host networking is only mentioned, never set');
    assert.doesNotThrow(() => sourceFromContainer({ Id: 'x' } as unknown as ContainerInspect), 'malformed inspect JSON is skipped, not thrown on');
  });

  it('names: DNS-1123 labels that start with a letter; quantities', () => {
    assert.strictEqual(kubeName('Train ResNet_50!'), 'train-resnet-50');
    assert.strictEqual(kubeName('3d-unet'), 'w-3d-unet');
    assert.strictEqual(kubeName('---'), 'workload');
    assert.strictEqual(kubeName('a'.repeat(80)).length, 63);
    assert.strictEqual(bytesToQuantity(8 * 1024 ** 3), '8Gi');
    assert.strictEqual(bytesToQuantity(512 * 1024 ** 2), '512Mi');
    assert.strictEqual(bytesToQuantity(1000), '1000');
    for (const q of ['500m', '4', '16Gi', '1.5', '2e3']) assert.ok(isQuantity(q), q);
    for (const q of ['16 gigs', 'Gi', '', '1.2.3']) assert.ok(!isQuantity(q), q);
  });

  it(`kubernetes-models' schemas are those of Kubernetes ${KUBERNETES_VERSION}`, () => {
    // 1.33 added ContainerUser; 1.34 added ContainerRestartRule, FileKeySelector and PodCertificateProjection.
    const schemas = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas');
    const has = (n: string): boolean => fs.existsSync(path.join(schemas, `IoK8sApiCoreV1${n}.js`));
    assert.ok(has('ContainerUser'));
    for (const newer of ['ContainerRestartRule', 'FileKeySelector', 'PodCertificateProjection']) assert.ok(!has(newer), newer);
  });
});

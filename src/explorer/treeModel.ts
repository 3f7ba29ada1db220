// The explorer's tree, as plain data built from Engine API JSON. Pure (no `vscode` import): the
// vscode TreeDataProviders turn these nodes into TreeItems one-to-one, and unit tests and the bench
// build them from recorded or live JSON.
import type { ContainerInspect, ContainerSummary, ImageInspect, ImageSummary } from '../docker/engine';
import { describeEndpoint, type Endpoint } from '../docker/endpoint';
import type { EngineError } from '../docker/errors';
import { detectMlVersions, formatAge, formatMlVersions, formatSize, isDanglingTag, shortId, splitRepoTag } from '../docker/imageInfo';

export type SortBy = 'name' | 'created' | 'size';

export interface IconSpec {
  /** Codicon id, e.g. 'debug-start'. */
  readonly id: string;
  /** Theme color id, e.g. 'charts.green'. */
  readonly color?: string;
}

export interface NodeBase {
  /** Stable across refreshes (`image:<repo>:<tag>`, `container:<id>`), so selection and expansion survive. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly contextValue: string;
  readonly icon?: IconSpec;
}

export interface ImageRepoNode extends NodeBase {
  readonly kind: 'imageRepo';
  readonly repository: string;
  readonly children: ImageTagNode[];
}

export interface ImageTagNode extends NodeBase {
  readonly kind: 'imageTag';
  readonly repository: string;
  readonly tag: string;
  /** The reference to hand to commands: "repo:tag", or the image id when dangling. */
  readonly ref: string;
  readonly image: ImageSummary;
}

export interface ComposeProjectNode extends NodeBase {
  readonly kind: 'composeProject';
  readonly project: string;
  readonly children: ContainerNode[];
}

export interface ContainerNode extends NodeBase {
  readonly kind: 'container';
  readonly name: string;
  readonly container: ContainerSummary;
}

export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  /** Command id run on click, with no arguments. */
  readonly command?: { readonly id: string; readonly title: string };
}

export type ImageTreeNode = ImageRepoNode | ImageTagNode | MessageNode;
export type ContainerTreeNode = ComposeProjectNode | ContainerNode | MessageNode;
export type TreeNode = ImageRepoNode | ImageTagNode | ComposeProjectNode | ContainerNode | MessageNode;

export interface ImageTreeOptions {
  readonly showDangling: boolean;
  readonly sortBy: SortBy;
  /** ms since epoch, for ages. */
  readonly now: number;
}

const DANGLING_REPO = '<none>';

/**
 * One collator for all sorting: `localeCompare` with options builds a new one per call (slow for 2,000 rows).
 * Created on the first sort, not at activation (creating a collator can initialise ICU: milliseconds).
 */
let collator: Intl.Collator | undefined;
export const compareNatural = (a: string, b: string): number => (collator ??= new Intl.Collator(undefined, { numeric: true })).compare(a, b);

export function mdEscape(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}

export function labelsTable(labels: Readonly<Record<string, string>> | null | undefined, limit = 20): string {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return '';
  const rows = entries.slice(0, limit).map(([k, v]) => `- \`${k}\` = ${mdEscape(v.length > 120 ? `${v.slice(0, 117)}…` : v)}`);
  if (entries.length > limit) rows.push(`- … ${entries.length - limit} more`);
  return `\n\n**Labels**\n\n${rows.join('\n')}`;
}

/** Tooltip of a tag; richer once `inspect` (architecture, OS, env) is known — the provider resolves it on hover. */
export function imageTooltip(image: ImageSummary, ref: string, now: number, inspect?: ImageInspect): string {
  const lines = [
    `**${mdEscape(ref)}**`,
    '',
    `- Id: \`${image.Id}\``,
  ];
  for (const d of image.RepoDigests ?? []) lines.push(`- Digest: \`${d}\``);
  lines.push(`- Created: ${new Date(image.Created * 1000).toISOString()} (${formatAge(image.Created, now)})`);
  lines.push(`- Size: ${formatSize(image.Size)}`);
  if (inspect) lines.push(`- Platform: ${inspect.Os}/${inspect.Architecture}${inspect.Variant ? `/${inspect.Variant}` : ''}`);
  if (image.Containers > 0) lines.push(`- Used by ${image.Containers} container${image.Containers === 1 ? '' : 's'}`);
  const ml = formatMlVersions(detectMlVersions(inspect?.Config?.Env, inspect?.Config?.Labels ?? image.Labels));
  if (ml) lines.push(`- ${ml}`);
  return lines.join('\n') + labelsTable(inspect?.Config?.Labels ?? image.Labels);
}

/** "1 image", "3 images". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Images grouped by repository, tags beneath. Dangling images go under `<none>` (hidden by default). */
export function buildImageTree(images: readonly ImageSummary[], opts: ImageTreeOptions): ImageRepoNode[] {
  const repos = new Map<string, ImageTagNode[]>();
  const add = (repository: string, tag: string, ref: string, image: ImageSummary, dangling: boolean) => {
    const mlLabel = formatMlVersions(detectMlVersions(undefined, image.Labels));
    const node: ImageTagNode = {
      kind: 'imageTag',
      id: dangling ? `image:${image.Id}` : `image:${repository}:${tag}`,
      label: dangling ? shortId(image.Id) : tag,
      description: `${formatSize(image.Size)} · ${formatAge(image.Created, opts.now)}${mlLabel ? ` · ${mlLabel}` : ''}`,
      contextValue: dangling ? 'danglingImage' : image.Containers > 0 ? 'image inUse' : 'image',
      icon: { id: dangling ? 'circle-slash' : 'tag' },
      repository,
      tag,
      ref,
      image,
    };
    let list = repos.get(repository);
    if (!list) repos.set(repository, (list = []));
    list.push(node);
  };
  for (const image of images) {
    const tags = (image.RepoTags ?? []).filter((t) => !isDanglingTag(t));
    if (tags.length) {
      for (const t of tags) {
        const { repository, tag } = splitRepoTag(t);
        add(repository, tag, t, image, false);
      }
      continue;
    }
    if (!opts.showDangling) continue;
    // Untagged: keep its repository if a digest names one ("repo@sha256:…").
    const digest = (image.RepoDigests ?? []).find((d) => !d.startsWith('<none>@'));
    const repository = digest ? digest.slice(0, digest.indexOf('@')) : DANGLING_REPO;
    add(repository, '<none>', image.Id, image, true);
  }

  const byTag = tagComparator(opts.sortBy);
  const result: ImageRepoNode[] = [];
  for (const [repository, children] of repos) {
    children.sort(byTag);
    const total = new Set(children.map((c) => c.image.Id)).size;
    result.push({
      kind: 'imageRepo',
      id: `repo:${repository}`,
      label: repository,
      description: children.length === 1 ? undefined : `${children.length} tags${total !== children.length ? `, ${count(total, 'image', 'images')}` : ''}`,
      contextValue: repository === DANGLING_REPO ? 'danglingRepo' : 'imageRepo',
      icon: { id: repository === DANGLING_REPO ? 'circle-slash' : 'package' },
      repository,
      children,
    });
  }
  const key = (r: ImageRepoNode) => r.children[0]; // best child per the sort order
  result.sort((a, b) => {
    if (a.repository === DANGLING_REPO) return 1; // dangling last
    if (b.repository === DANGLING_REPO) return -1;
    if (opts.sortBy === 'name') return compareNatural(a.repository, b.repository);
    return byTag(key(a), key(b)) || compareNatural(a.repository, b.repository);
  });
  return result;
}

function tagComparator(sortBy: SortBy): (a: ImageTagNode, b: ImageTagNode) => number {
  switch (sortBy) {
    case 'created':
      return (a, b) => b.image.Created - a.image.Created || compareNatural(a.tag, b.tag);
    case 'size':
      return (a, b) => b.image.Size - a.image.Size || compareNatural(a.tag, b.tag);
    default:
      // "latest" first, then natural order (v2 < v10).
      return (a, b) =>
        (a.tag === 'latest' ? -1 : b.tag === 'latest' ? 1 : 0) || compareNatural(a.tag, b.tag);
  }
}

// ------------------------------------------------------------------------------------------------
// Containers

export type Health = 'healthy' | 'unhealthy' | 'starting' | undefined;

export function healthOf(status: string): Health {
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  if (/\(healthy\)/.test(status)) return 'healthy';
  return undefined;
}

const KNOWN_STATES = new Set(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

/** `runningContainer`, `exitedContainer`, … — menus match with `viewItem =~ /^(running|paused)Container$/`. */
export function containerContextValue(c: ContainerSummary): string {
  const state = KNOWN_STATES.has(c.State) ? c.State : 'unknown';
  return `${state}Container`;
}

export function containerIcon(c: ContainerSummary): IconSpec {
  const health = healthOf(c.Status);
  switch (c.State) {
    case 'running':
      if (health === 'unhealthy') return { id: 'warning', color: 'charts.red' };
      if (health === 'starting') return { id: 'pulse', color: 'charts.yellow' };
      return { id: 'debug-start', color: 'charts.green' };
    case 'paused':
      return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting':
      return { id: 'sync', color: 'charts.yellow' };
    case 'removing':
      return { id: 'trash' };
    case 'dead':
      return { id: 'error', color: 'charts.red' };
    case 'created':
      return { id: 'circle-large-outline' };
    case 'exited':
    default:
      return { id: 'debug-stop' };
  }
}

export function containerName(c: ContainerSummary): string {
  const n = c.Names?.[0] ?? shortId(c.Id);
  return n.startsWith('/') ? n.slice(1) : n;
}

/** "8888→8888/tcp, 6006/tcp" (unique; IPv4/IPv6 duplicates collapsed). */
export function formatPorts(c: ContainerSummary): string {
  const seen = new Set<string>();
  const out: string[] = [];
  // Published ports first: they are what a user opens in a browser (Jupyter, TensorBoard).
  const ports = [...(c.Ports ?? [])].sort((a, b) => (b.PublicPort ? 1 : 0) - (a.PublicPort ? 1 : 0) || a.PrivatePort - b.PrivatePort);
  for (const p of ports) {
    const s = p.PublicPort ? `${p.PublicPort}→${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`;
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out.join(', ');
}

export function containerTooltip(c: ContainerSummary, now: number, inspect?: ContainerInspect): string {
  const lines = [
    `**${mdEscape(containerName(c))}**`,
    '',
    `- Id: \`${c.Id}\``,
    `- Image: ${mdEscape(c.Image)}`,
    `- State: ${c.State} — ${mdEscape(c.Status)}`,
    `- Created: ${new Date(c.Created * 1000).toISOString()} (${formatAge(c.Created, now)})`,
    `- Command: \`${c.Command.replace(/`/g, "'")}\``,
  ];
  const ports = formatPorts(c);
  if (ports) lines.push(`- Ports: ${ports}`);
  if (c.HostConfig?.NetworkMode) lines.push(`- Network: ${c.HostConfig.NetworkMode}`);
  const project = c.Labels?.['com.docker.compose.project'];
  if (project) lines.push(`- Compose: ${mdEscape(project)} / ${mdEscape(c.Labels?.['com.docker.compose.service'] ?? '?')}`);
  const mounts = c.Mounts ?? [];
  if (mounts.length) {
    lines.push('', '**Mounts**', '');
    for (const m of mounts) {
      const src = m.Type === 'volume' ? `volume ${m.Name ?? m.Source}` : m.Source;
      lines.push(`- ${mdEscape(src)} → ${mdEscape(m.Destination)}${m.RW ? '' : ' (read-only)'}`);
    }
  }
  const gpus = inspect ? describeGpuRequests(inspect) : undefined;
  if (gpus) lines.push('', `**GPUs**: ${gpus}`);
  return lines.join('\n') + labelsTable(c.Labels, 10);
}

/** "all GPUs (driver nvidia)", "2 GPUs", "GPU 0,1" — undefined when none requested. */
export function describeGpuRequests(inspect: Pick<ContainerInspect, 'HostConfig'>): string | undefined {
  const reqs = (inspect.HostConfig?.DeviceRequests ?? []).filter((r) =>
    (r.Capabilities ?? []).some((caps) => caps.includes('gpu')) || r.Driver === 'nvidia',
  );
  if (!reqs.length) return undefined;
  return reqs
    .map((r) => {
      const which = r.DeviceIDs?.length ? `GPU ${r.DeviceIDs.join(',')}` : r.Count === -1 ? 'all GPUs' : `${r.Count ?? 0} GPU${r.Count === 1 ? '' : 's'}`;
      return r.Driver ? `${which} (driver ${r.Driver})` : which;
    })
    .join('; ');
}

function containerNode(c: ContainerSummary): ContainerNode {
  const ports = formatPorts(c);
  const health = healthOf(c.Status);
  return {
    kind: 'container',
    id: `container:${c.Id}`,
    label: containerName(c),
    name: containerName(c),
    description: [c.Image.startsWith('sha256:') ? shortId(c.Image) : c.Image, ports, c.Status].filter(Boolean).join(' · '),
    contextValue: containerContextValue(c) + (health ? ` ${health}` : ''),
    icon: containerIcon(c),
    container: c,
  };
}

/** Containers, grouped under their compose project when the label is present; running first, then by name. */
export function buildContainerTree(containers: readonly ContainerSummary[]): ContainerTreeNode[] {
  const projects = new Map<string, ContainerNode[]>();
  const loose: ContainerNode[] = [];
  for (const c of containers) {
    const node = containerNode(c);
    const project = c.Labels?.['com.docker.compose.project'];
    if (project) {
      let list = projects.get(project);
      if (!list) projects.set(project, (list = []));
      list.push(node);
    } else {
      loose.push(node);
    }
  }
  const order = (a: ContainerNode, b: ContainerNode) =>
    stateRank(a.container.State) - stateRank(b.container.State) || compareNatural(a.name, b.name);
  const groups: ComposeProjectNode[] = [...projects.entries()]
    .sort(([a], [b]) => compareNatural(a, b))
    .map(([project, children]) => {
      children.sort(order);
      const running = children.filter((c) => c.container.State === 'running').length;
      return {
        kind: 'composeProject',
        id: `compose:${project}`,
        label: project,
        description: `${running}/${children.length} running`,
        contextValue: 'composeProject',
        icon: { id: 'layers' },
        project,
        children,
      };
    });
  loose.sort(order);
  return [...groups, ...loose];
}

function stateRank(state: string): number {
  return state === 'running' ? 0 : state === 'paused' || state === 'restarting' ? 1 : 2;
}

// ------------------------------------------------------------------------------------------------
// Message rows (engine unreachable, misconfigured)

export const RETRY_COMMAND = 'mlContainers.explorer.retry';
export const CONFIGURE_COMMAND = 'mlContainers.explorer.configureEngine';

/** What the views show instead of data when the engine cannot be used: what was tried, why, and fixes. */
export function errorRows(error: EngineError, endpoint: Endpoint | undefined, view: string): MessageNode[] {
  const title =
    error.kind === 'permissionDenied'
      ? 'Permission denied on the engine socket'
      : error.kind === 'config'
        ? 'The engine setting cannot be used'
        : error.kind === 'apiTooOld'
          ? 'The engine is too old'
          : error.kind === 'timeout'
            ? 'The engine does not answer'
            : 'Cannot reach the container engine';
  const tried = endpoint ? describeEndpoint(endpoint) : error.endpoint ? `${error.endpoint.host} — from ${error.endpoint.sourceLabel}` : 'no endpoint';
  return [
    { kind: 'message', id: `${view}:msg:error`, label: title, description: error.kind, tooltip: mdEscape(error.message), contextValue: 'message', icon: { id: 'error', color: 'errorForeground' } },
    { kind: 'message', id: `${view}:msg:endpoint`, label: `Tried: ${tried}`, tooltip: mdEscape(tried), contextValue: 'message', icon: { id: 'plug' } },
    { kind: 'message', id: `${view}:msg:reason`, label: error.message, tooltip: mdEscape(error.message), contextValue: 'message', icon: { id: 'info' } },
    { kind: 'message', id: `${view}:msg:retry`, label: 'Retry', contextValue: 'message', icon: { id: 'refresh' }, command: { id: RETRY_COMMAND, title: 'Retry' } },
    { kind: 'message', id: `${view}:msg:configure`, label: 'Choose engine…', contextValue: 'message', icon: { id: 'gear' }, command: { id: CONFIGURE_COMMAND, title: 'Choose engine…' } },
  ];
}

/** Well-known sockets shown by their file name alone; any other socket keeps its folder so two engines differ. */
const DEFAULT_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock', '/var/run/podman/podman.sock']);

/** A short name for the views' header and the status bar: "docker.sock", "engine/docker.sock", "remote", "host:2376". */
export function shortEndpointLabel(e: Pick<Endpoint, 'host' | 'protocol' | 'socketPath' | 'hostname' | 'port' | 'contextName'>): string {
  if (e.contextName && e.contextName !== 'default') return e.contextName;
  if ((e.protocol === 'unix' || e.protocol === 'npipe') && e.socketPath) {
    const parts = e.socketPath.split(/[\\/]+/).filter(Boolean);
    if (DEFAULT_SOCKETS.has(e.socketPath) || parts.length < 2) return parts[parts.length - 1] ?? e.socketPath;
    return parts.slice(-2).join('/');
  }
  if (e.hostname) return e.port ? `${e.hostname}:${e.port}` : e.hostname;
  return e.host;
}

/** The published TCP ports of a container as URLs on this machine (one per host port). */
export function publishedUrls(ports: readonly { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[]): { url: string; label: string }[] {
  const seen = new Set<number>();
  const out: { url: string; label: string }[] = [];
  for (const p of ports) {
    if (p.Type !== 'tcp' || !p.PublicPort || seen.has(p.PublicPort)) continue;
    seen.add(p.PublicPort);
    const ip = !p.IP || p.IP === '0.0.0.0' || p.IP === '::' ? 'localhost' : p.IP.includes(':') ? `[${p.IP}]` : p.IP;
    out.push({ url: `http://${ip}:${p.PublicPort}/`, label: `${p.PublicPort} → ${p.PrivatePort}` });
  }
  return out.sort((a, b) => a.url.localeCompare(b.url));
}

// The Networks view as plain data: one row per network with driver, scope and the containers attached
// (from the containers list's NetworkSettings, since GET /networks leaves `Containers` empty). The
// engine's own networks (bridge, host, none; swarm's ingress) are marked and offer no Remove.
// Pure (no `vscode` import), unit-tested with recorded Engine API JSON.
import type { ContainerSummary, NetworkInspect, NetworkSummary } from '../docker/engine';
import { formatAge, shortId } from '../docker/imageInfo';
import { compareNatural, containerName, labelsTable, mdEscape, type MessageNode, type NodeBase } from './treeModel';

export interface AttachedContainer {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly ipAddress?: string;
}

export interface NetworkNode extends NodeBase {
  readonly kind: 'network';
  readonly name: string;
  readonly builtin: boolean;
  readonly network: NetworkSummary;
  readonly containers: readonly AttachedContainer[];
}

export type NetworkTreeNode = NetworkNode | MessageNode;

/** The networks every Docker engine creates for itself; the engine refuses to remove them. */
export const BUILTIN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

export function isBuiltinNetwork(n: Pick<NetworkSummary, 'Name'> & { Ingress?: boolean }): boolean {
  return BUILTIN_NETWORKS.includes(n.Name) || n.Ingress === true;
}

/** Network id → attached containers (any state), in name order. Matched by id, else by name. */
export function attachedContainers(networks: readonly Pick<NetworkSummary, 'Id' | 'Name'>[], containers: readonly ContainerSummary[]): Map<string, AttachedContainer[]> {
  const idByName = new Map(networks.map((n) => [n.Name, n.Id]));
  const known = new Set(networks.map((n) => n.Id));
  const out = new Map<string, AttachedContainer[]>();
  for (const c of containers) {
    for (const [name, endpoint] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const id = endpoint?.NetworkID && known.has(endpoint.NetworkID) ? endpoint.NetworkID : idByName.get(name);
      if (!id) continue;
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push({ id: c.Id, name: containerName(c), state: c.State, ipAddress: endpoint?.IPAddress || undefined });
    }
  }
  for (const list of out.values()) list.sort((a, b) => compareNatural(a.name, b.name));
  return out;
}

function subnets(n: NetworkSummary): string[] {
  return (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s);
}

/** `containers` undefined: not known (no containers list). */
export function networkTooltip(n: NetworkSummary | NetworkInspect, containers: readonly AttachedContainer[] | undefined, now: number): string {
  const lines = [`**${mdEscape(n.Name)}**${isBuiltinNetwork(n) ? ' (built into the engine: cannot be removed)' : ''}`, '', `- Id: \`${n.Id}\``, `- Driver: ${mdEscape(n.Driver)}`, `- Scope: ${mdEscape(n.Scope)}`];
  const created = n.Created ? Date.parse(n.Created) : NaN;
  if (Number.isFinite(created)) lines.push(`- Created: ${n.Created} (${formatAge(created / 1000, now)})`);
  const nets = subnets(n);
  if (nets.length) lines.push(`- Subnets: ${nets.map(mdEscape).join(', ')}`);
  const flags = [n.Internal ? 'internal' : undefined, n.Attachable ? 'attachable' : undefined, n.EnableIPv6 ? 'IPv6' : undefined, n.Ingress ? 'ingress' : undefined].filter(Boolean);
  if (flags.length) lines.push(`- ${flags.join(', ')}`);
  const project = n.Labels?.['com.docker.compose.project'];
  if (project) lines.push(`- Compose: ${mdEscape(project)}`);
  if (containers) lines.push('', containers.length ? '**Containers**' : '*No containers attached*');
  if (containers?.length) {
    lines.push('');
    for (const c of containers) lines.push(`- ${mdEscape(c.name)} (${mdEscape(c.state)})${c.ipAddress ? ` ${mdEscape(c.ipAddress)}` : ''}`);
  }
  return lines.join('\n') + labelsTable(n.Labels);
}

/** Built-in networks first in their usual order, then the others by name. */
export function buildNetworkTree(networks: readonly NetworkSummary[], containers: readonly ContainerSummary[] | undefined, opts: { readonly now: number }): NetworkNode[] {
  const attached = attachedContainers(networks, containers ?? []);
  const nodes = networks.map((n): NetworkNode => {
    const builtin = isBuiltinNetwork(n);
    const list = attached.get(n.Id) ?? [];
    const project = n.Labels?.['com.docker.compose.project'];
    const description = [
      builtin ? 'built-in' : undefined,
      n.Driver,
      n.Scope,
      n.Internal ? 'internal' : undefined,
      !containers ? undefined : list.length ? `${list.length} container${list.length === 1 ? '' : 's'}` : 'no containers',
      project ? `compose ${project}` : undefined,
    ].filter(Boolean).join(' · ');
    return {
      kind: 'network',
      id: `network:${n.Id}`,
      label: n.Name || shortId(n.Id),
      description,
      tooltip: networkTooltip(n, containers ? list : undefined, opts.now),
      contextValue: `${builtin ? 'builtinNetwork' : 'network'}${list.length ? ' inUse' : ''}`,
      icon: builtin ? { id: 'lock' } : { id: 'type-hierarchy-sub' },
      name: n.Name,
      builtin,
      network: n,
      containers: list,
    };
  });
  const rank = (n: NetworkNode) => (n.builtin ? (BUILTIN_NETWORKS.includes(n.name) ? BUILTIN_NETWORKS.indexOf(n.name) : BUILTIN_NETWORKS.length) : BUILTIN_NETWORKS.length + 1);
  return nodes.sort((a, b) => rank(a) - rank(b) || compareNatural(a.name, b.name));
}

/** Why these networks cannot be removed (built in, or containers attached); undefined when all can. */
export function networksNotRemovableMessage(targets: readonly Pick<NetworkSummary, 'Id' | 'Name'>[], allNetworks: readonly NetworkSummary[], containers: readonly ContainerSummary[]): string | undefined {
  const attached = attachedContainers(allNetworks.length ? allNetworks : targets, containers);
  const problems: string[] = [];
  const builtin = targets.filter((t) => isBuiltinNetwork(allNetworks.find((n) => n.Id === t.Id) ?? t));
  if (builtin.length) {
    problems.push(`${builtin.map((t) => `"${t.Name}"`).join(', ')} ${builtin.length === 1 ? 'is' : 'are'} built into the engine and cannot be removed`);
  }
  for (const t of targets) {
    if (builtin.includes(t)) continue;
    const list = attached.get(t.Id) ?? [];
    if (list.length) problems.push(`"${t.Name}" has ${list.length === 1 ? 'a container' : 'containers'} attached: ${list.map((c) => c.name).join(', ')} (disconnect or remove ${list.length === 1 ? 'it' : 'them'} first)`);
  }
  return problems.length ? `Cannot remove: ${problems.join('; ')}.` : undefined;
}

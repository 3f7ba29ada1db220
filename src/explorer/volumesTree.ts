// The Volumes view as plain data: one row per volume with its driver, size (when /system/df was read),
// the containers that mount it (from the containers list's Mounts) and its compose project. Pure (no
// `vscode` import), unit-tested with recorded Engine API JSON.
import type { ContainerSummary, DiskUsage, VolumeSummary, VolumeUsageData } from '../docker/engine';
import { formatAge, formatSize, shortId } from '../docker/imageInfo';
import { compareNatural, containerName, labelsTable, mdEscape, type MessageNode, type NodeBase } from './treeModel';

export interface VolumeUser {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  /** Where the volume is mounted in that container. */
  readonly destination: string;
  readonly readOnly: boolean;
}

export interface VolumeNode extends NodeBase {
  readonly kind: 'volume';
  /** The full volume name (what commands hand to the engine). */
  readonly name: string;
  readonly anonymous: boolean;
  readonly volume: VolumeSummary;
  readonly users: readonly VolumeUser[];
  readonly usage?: VolumeUsageData;
}

export type VolumeTreeNode = VolumeNode | MessageNode;

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_VOLUME = 'com.docker.compose.volume';
/** Docker 23+ labels anonymous volumes; older engines only give them a 64-hex name. */
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const HEX64 = /^[0-9a-f]{64}$/;

export function isAnonymousVolume(v: Pick<VolumeSummary, 'Name' | 'Labels'>): boolean {
  return HEX64.test(v.Name) || (v.Labels ?? {})[ANONYMOUS_LABEL] !== undefined;
}

/** The name as shown: anonymous volumes' 64-hex names shortened like ids. */
export function displayVolumeName(name: string): string {
  return HEX64.test(name) ? shortId(name) : name;
}

/** Volume name → the containers (any state) that mount it, in name order. */
export function volumeUsers(containers: readonly ContainerSummary[]): Map<string, VolumeUser[]> {
  const byVolume = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      let list = byVolume.get(m.Name);
      if (!list) byVolume.set(m.Name, (list = []));
      list.push({ id: c.Id, name: containerName(c), state: c.State, destination: m.Destination, readOnly: !m.RW });
    }
  }
  for (const list of byVolume.values()) list.sort((a, b) => compareNatural(a.name, b.name));
  return byVolume;
}

/** Sizes from GET /system/df, by volume name; volumes whose size the engine does not know are left out. */
export function volumeUsageByName(df: DiskUsage | undefined): Map<string, VolumeUsageData> {
  const out = new Map<string, VolumeUsageData>();
  for (const v of df?.Volumes ?? []) {
    if (v.UsageData && v.UsageData.Size >= 0) out.set(v.Name, v.UsageData);
  }
  return out;
}

/** "a", "a, b", "a, b and 3 more". */
function nameList(names: readonly string[], shown = 2): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

function createdSeconds(v: VolumeSummary): number | undefined {
  const t = v.CreatedAt ? Date.parse(v.CreatedAt) : NaN;
  return Number.isFinite(t) ? t / 1000 : undefined;
}

/** `users` undefined: not known (no containers list). */
export function volumeTooltip(v: VolumeSummary, users: readonly VolumeUser[] | undefined, now: number, usage?: VolumeUsageData): string {
  const lines = [`**${mdEscape(v.Name)}**${isAnonymousVolume(v) ? ' (anonymous)' : ''}`, '', `- Driver: ${mdEscape(v.Driver)}`, `- Scope: ${mdEscape(v.Scope)}`];
  if (v.Mountpoint) lines.push(`- Mountpoint: \`${v.Mountpoint.replace(/`/g, "'")}\``);
  const created = createdSeconds(v);
  if (created !== undefined && v.CreatedAt) lines.push(`- Created: ${v.CreatedAt} (${formatAge(created, now)})`);
  if (usage && usage.Size >= 0) lines.push(`- Size: ${formatSize(usage.Size)}`);
  const project = v.Labels?.[COMPOSE_PROJECT];
  if (project) lines.push(`- Compose: ${mdEscape(project)}${v.Labels?.[COMPOSE_VOLUME] ? ` / ${mdEscape(v.Labels[COMPOSE_VOLUME])}` : ''}`);
  if (users) lines.push('', users.length ? '**Used by**' : '*Not used by any container*');
  if (users?.length) {
    lines.push('');
    for (const u of users) lines.push(`- ${mdEscape(u.name)} (${mdEscape(u.state)}) → ${mdEscape(u.destination)}${u.readOnly ? ' (read-only)' : ''}`);
  }
  const options = Object.entries(v.Options ?? {});
  if (options.length) {
    lines.push('', '**Driver options**', '');
    for (const [k, val] of options) lines.push(`- \`${k}\` = ${mdEscape(val)}`);
  }
  return lines.join('\n') + labelsTable(v.Labels);
}

export interface VolumeTreeOptions {
  /** ms since epoch, for ages. */
  readonly now: number;
  /** Sizes when known (the setting, or a df already read); omitted sizes are simply not shown. */
  readonly usage?: ReadonlyMap<string, VolumeUsageData>;
}

/**
 * Named volumes first (natural order), anonymous ones after them. `containers` undefined: not known
 * (the containers list failed or is still loading), so nothing is said about who uses what.
 */
export function buildVolumeTree(volumes: readonly VolumeSummary[], containers: readonly ContainerSummary[] | undefined, opts: VolumeTreeOptions): VolumeNode[] {
  const users = volumeUsers(containers ?? []);
  const nodes = volumes.map((v): VolumeNode => {
    const used = users.get(v.Name) ?? [];
    const anonymous = isAnonymousVolume(v);
    const usage = opts.usage?.get(v.Name);
    const project = v.Labels?.[COMPOSE_PROJECT];
    const description = [
      anonymous ? 'anonymous' : undefined,
      v.Driver && v.Driver !== 'local' ? v.Driver : undefined,
      usage ? formatSize(usage.Size) : undefined,
      !containers ? undefined : used.length ? `used by ${nameList(used.map((u) => u.name))}` : 'unused',
      project ? `compose ${project}` : undefined,
    ].filter(Boolean).join(' · ');
    return {
      kind: 'volume',
      id: `volume:${v.Name}`,
      label: displayVolumeName(v.Name),
      description,
      tooltip: volumeTooltip(v, containers ? used : undefined, opts.now, usage),
      contextValue: `volume${used.length ? ' inUse' : ''}${anonymous ? ' anonymous' : ''}`,
      icon: used.length ? { id: 'database', color: 'charts.blue' } : { id: 'database' },
      name: v.Name,
      anonymous,
      volume: v,
      users: used,
      usage,
    };
  });
  return nodes.sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || compareNatural(a.name, b.name));
}

/** Docker's rule for volume names (at least two characters; the first a letter or digit). */
const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]+$/;

/** Why `name` cannot name a new volume, or undefined when it can. Empty means anonymous. */
export function validateVolumeName(name: string, existing: readonly string[] = []): string | undefined {
  if (name === '') return undefined;
  if (name.length > 255) return 'A volume name is at most 255 characters.';
  if (!VOLUME_NAME.test(name)) return 'Use at least two characters: letters, digits, "_", "." or "-", starting with a letter or digit.';
  if (existing.includes(name)) return `A volume named "${name}" already exists.`;
  return undefined;
}

/** The message shown instead of removing volumes that containers still mount; undefined when none is in use. */
export function volumesInUseMessage(names: readonly string[], containers: readonly ContainerSummary[]): string | undefined {
  const users = volumeUsers(containers);
  const busy = names.filter((n) => (users.get(n) ?? []).length > 0);
  if (!busy.length) return undefined;
  const parts = busy.map((n) => `"${displayVolumeName(n)}" is used by ${nameList((users.get(n) ?? []).map((u) => u.name), 5)}`);
  return `Cannot remove: ${parts.join('; ')}. Remove ${busy.length === 1 && (users.get(busy[0]) ?? []).length === 1 ? 'that container' : 'those containers'} first.`;
}

// The part of the Compose specification the hints check keys against: which keys compose accepts at
// each level (it rejects any other key, except `x-` extensions) and the value shapes it requires.
// Kept to the levels where a misspelling is common and certainly fatal.

export const TOP_LEVEL_KEYS = ['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];

export const SERVICE_KEYS = [
  'annotations', 'attach', 'blkio_config', 'build', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command', 'configs',
  'container_name', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares',
  'cpus', 'cpuset', 'credential_spec', 'depends_on', 'deploy', 'develop', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt',
  'dns_search', 'domainname', 'driver_opts', 'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links',
  'extra_hosts', 'gpus', 'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'label_file', 'labels',
  'links', 'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'models', 'network_mode',
  'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports', 'post_start', 'pre_stop',
  'privileged', 'profiles', 'provider', 'pull_policy', 'read_only', 'restart', 'runtime', 'scale', 'secrets', 'security_opt',
  'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs', 'tty', 'ulimits',
  'use_api_socket', 'user', 'userns_mode', 'uts', 'volume_driver', 'volumes', 'volumes_from', 'working_dir',
];

export const DEPLOY_KEYS = ['endpoint_mode', 'labels', 'mode', 'placement', 'replicas', 'resources', 'restart_policy', 'rollback_config', 'update_config'];
export const RESOURCES_KEYS = ['limits', 'reservations'];
export const LIMITS_KEYS = ['cpus', 'memory', 'pids'];
export const RESERVATIONS_KEYS = ['cpus', 'memory', 'generic_resources', 'devices'];
export const DEVICE_KEYS = ['capabilities', 'count', 'device_ids', 'driver', 'options'];
export const HEALTHCHECK_KEYS = ['disable', 'interval', 'retries', 'test', 'timeout', 'start_period', 'start_interval'];

export type Shape = 'map' | 'seq' | 'scalar';

/** Value shapes compose requires for service keys (the ones people get wrong). */
export const SERVICE_SHAPES: Record<string, readonly Shape[]> = {
  build: ['scalar', 'map'],
  command: ['scalar', 'seq'],
  depends_on: ['seq', 'map'],
  deploy: ['map'],
  entrypoint: ['scalar', 'seq'],
  env_file: ['scalar', 'seq'],
  environment: ['map', 'seq'],
  expose: ['seq'],
  healthcheck: ['map'],
  image: ['scalar'],
  labels: ['map', 'seq'],
  ports: ['seq'],
  profiles: ['seq'],
  secrets: ['seq'],
  volumes: ['seq'],
};

/** Spellings people use for a key, normalised (lower case, no `-`/`_`). */
function norm(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

const ALIASES: Record<string, string> = {
  env: 'environment',
  envfile: 'env_file',
  workdir: 'working_dir',
  workingdirectory: 'working_dir',
  shm: 'shm_size',
  shmsize: 'shm_size',
  volume: 'volumes',
  mount: 'volumes',
  mounts: 'volumes',
  dependson: 'depends_on',
  depends: 'depends_on',
  gpu: 'gpus',
  capability: 'capabilities',
  deviceid: 'device_ids',
  deviceids: 'device_ids',
  devices_ids: 'device_ids',
  reservation: 'reservations',
  resource: 'resources',
  limit: 'limits',
  health: 'healthcheck',
};

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key a misspelt one most likely means, if one is close enough to be sure. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const n = norm(key);
  const direct = known.find((k) => norm(k) === n);
  if (direct) return direct;
  const alias = ALIASES[n];
  if (alias && known.includes(alias)) return alias;
  if (n.length < 4) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const k of known) {
    const dd = distance(n, norm(k));
    if (dd < bestD) {
      best = k;
      bestD = dd;
      tie = false;
    } else if (dd === bestD) tie = true;
  }
  const limit = n.length <= 6 ? 1 : 2;
  return bestD <= limit && !tie ? best : undefined;
}

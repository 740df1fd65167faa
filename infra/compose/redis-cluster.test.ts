import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';

// infra/compose/redis-cluster.yml overrides docker-compose.yml: every service that the base
// points at the single Redis must move to the cluster, or it would start without a bus.
interface Service {
  image?: string;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const read = async (path: string) =>
  Bun.YAML.parse(await Bun.file(join(import.meta.dir, '..', '..', path)).text()) as ComposeFile;
const base = await read('docker-compose.yml');
const cluster = await read('infra/compose/redis-cluster.yml');
const nodeNames = Object.keys(cluster.services).filter((name) => /^redis-node-\d+$/.test(name));
const redisClients = Object.entries(base.services)
  .filter(([, service]) => service.environment?.REDIS_URL)
  .map(([name]) => name);

describe('the Redis Cluster override', () => {
  test('runs six redis:7 nodes in cluster mode with the append-only file, each on its volume', () => {
    expect(nodeNames).toHaveLength(6);
    for (const name of nodeNames) {
      const { image, command = [] } = cluster.services[name] ?? {};
      expect(image).toBe('redis:7');
      expect(command.join(' ')).toContain('--cluster-enabled yes');
      expect(command.join(' ')).toContain('--appendonly yes');
      expect(Object.keys(cluster.volumes ?? {})).toContain(`${name}-data`);
    }
  });

  test('joins every node, one replica per master', () => {
    const script = cluster.services['redis-cluster-init']?.command?.join('\n') ?? '';
    expect(script).toContain(`for node in ${nodeNames.join(' ')}; do`);
    expect(script).toContain('--cluster-replicas 1 --cluster-yes');
  });

  test('moves every service of the base that used REDIS_URL to REDIS_CLUSTER_NODES', () => {
    expect(redisClients.sort()).toEqual(['api', 'realtime-1', 'realtime-2', 'workers']);
    for (const name of redisClients) {
      const { environment = {}, depends_on = {} } = cluster.services[name] ?? {};
      expect(Object.keys(environment)).toContain('REDIS_URL'); // reset
      expect(environment.REDIS_CLUSTER_NODES).toBe(nodeNames.map((n) => `${n}:6379`).join(','));
      expect(Object.keys(depends_on).sort()).toEqual(['mongo', 'postgres', 'redis-cluster-init']);
    }
  });

  test('leaves the single Redis out', () => {
    expect(cluster.services.redis?.profiles).toEqual(['single-redis']);
  });
});

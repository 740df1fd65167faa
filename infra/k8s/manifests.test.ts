import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Autoscaler,
  type ConfigMap,
  type Deployment,
  type DisruptionBudget,
  k8sDir,
  type Manifest,
  readKustomization,
  readManifests,
  type Service,
  yamlFiles,
} from './manifests.ts';

// What the scaled profile relies on beyond what the schemas check (kubeconform.test.ts).
const kustomization = await readKustomization();
const base = (await Promise.all(kustomization.resources.map(readManifests))).flat();
const [secret] = await readManifests('secret.example.yaml');
const all = <T extends Manifest>(kind: string) => base.filter((m) => m.kind === kind) as T[];
const deployments = all<Deployment>('Deployment');
const services = all<Service>('Service');
const deployment = (name: string) => {
  const found = deployments.find((d) => d.metadata.name === name);
  if (!found) throw new Error(`no Deployment ${name}`);
  return found;
};
const configMap = (name: string) =>
  all<ConfigMap>('ConfigMap').find((c) => c.metadata.name === name);
const podLabelsOf = (name: string) => deployment(name).spec.template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

// apps/realtime/src/node.ts: a stopping node waits up to 2 s for its sockets to close (drained),
// then closes its stores; the margin covers that and a loaded machine.
const REALTIME_DRAIN_SECONDS = 2;
const MARGIN_SECONDS = 10;

describe('the kustomize base', () => {
  test('lists every manifest of the folder except the example Secret', () => {
    const listed = [...kustomization.resources].sort();
    const expected = yamlFiles().filter(
      (name) => name !== 'kustomization.yaml' && !name.endsWith('.example.yaml'),
    );
    expect(listed).toEqual(expected);
    expect(kustomization.namespace).toBe('fast-light-chat');
  });

  test('runs api, realtime, workers and proxy, each with a Service', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      ['api', 'proxy', 'realtime', 'workers'].sort(),
    );
    for (const { metadata } of deployments) {
      const service = services.find((s) => s.metadata.name === metadata.name);
      expect(service && matches(service.spec.selector, podLabelsOf(metadata.name))).toBe(true);
    }
  });

  test('every image is built by a Dockerfile in infra/', () => {
    for (const container of deployments.flatMap((d) => d.spec.template.spec.containers)) {
      const name = /^fast-light-chat\/([a-z]+):/.exec(container.image)?.[1];
      expect(name && existsSync(join(k8sDir, '..', `${name}.Dockerfile`))).toBe(true);
    }
  });
});

describe('every Deployment', () => {
  test.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s has probes, requests and limits, and runs unprivileged',
    (_, d) => {
      expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
      const pod = d.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      // Numeric, or the kubelet cannot check runAsNonRoot against the images' named users.
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        const portNames = (container.ports ?? []).map((p) => p.name);
        for (const probe of [container.readinessProbe, container.livenessProbe]) {
          expect(probe?.httpGet?.path).toStartWith('/');
          expect(portNames).toContain(String(probe?.httpGet?.port));
        }
        expect(container.resources?.requests?.cpu).toBeDefined();
        expect(container.resources?.requests?.memory).toBeDefined();
        expect(container.resources?.limits?.memory).toBeDefined();
        expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
        expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
        expect(container.securityContext?.capabilities?.drop).toEqual(['ALL']);
      }
    },
  );

  test('reads config and secrets that exist, and no secret from the ConfigMap', () => {
    const configMaps = all<ConfigMap>('ConfigMap').map((c) => c.metadata.name);
    for (const container of deployments.flatMap((d) => d.spec.template.spec.containers)) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) expect(configMaps).toContain(source.configMapRef.name);
        if (source.secretRef) expect(source.secretRef.name).toBe(secret?.metadata.name ?? '');
      }
    }
    const settings = Object.keys(configMap('flc-config')?.data ?? {});
    for (const name of ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'MONGODB_URL']) {
      expect(settings).not.toContain(name);
    }
  });
});

describe('the processes', () => {
  test('the API is live on /health and ready on /ready (PostgreSQL reachable)', () => {
    const [api] = deployment('api').spec.template.spec.containers;
    expect(api?.livenessProbe?.httpGet?.path).toBe('/health');
    expect(api?.readinessProbe?.httpGet?.path).toBe('/ready');
  });

  test('a realtime node leaves the endpoints before SIGTERM and has time to drain', () => {
    const pod = deployment('realtime').spec.template.spec;
    const pause = pod.containers[0]?.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(pause).toBeGreaterThanOrEqual(5);
    expect(pod.terminationGracePeriodSeconds ?? 30).toBeGreaterThanOrEqual(
      pause + REALTIME_DRAIN_SECONDS + MARGIN_SECONDS,
    );
    expect(pod.containers[0]?.readinessProbe?.httpGet?.path).toBe('/health');
  });

  test('realtime and the API scale on CPU; the autoscalers own their replica counts', () => {
    const targets = all<Autoscaler>('HorizontalPodAutoscaler').map(({ apiVersion, spec }) => {
      expect(apiVersion).toBe('autoscaling/v2');
      expect(spec.metrics.map((m) => m.resource?.name)).toContain('cpu');
      return `${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}`;
    });
    expect(targets.sort()).toEqual(['Deployment/api', 'Deployment/realtime']);
    for (const name of ['api', 'realtime']) {
      expect('replicas' in deployment(name).spec).toBe(false);
    }
  });

  test('realtime, the API and the workers have disruption budgets', () => {
    const budgets = all<DisruptionBudget>('PodDisruptionBudget');
    for (const name of ['realtime', 'api', 'workers']) {
      const labels = podLabelsOf(name);
      expect(budgets.some((b) => matches(b.spec.selector.matchLabels, labels))).toBe(true);
    }
  });

  test("the proxy's upstreams name Services and ports of the base", () => {
    const upstreams = configMap('proxy-upstreams')?.data['upstreams.conf'] ?? '';
    const servers = [...upstreams.matchAll(/server (\S+):(\d+);/g)];
    expect(servers.map(([, host]) => host).sort()).toEqual(['api', 'realtime']);
    for (const [, host, port] of servers) {
      const service = services.find((s) => s.metadata.name === host);
      expect(service?.spec.ports.map((p) => p.port)).toContain(Number(port));
    }
  });
});

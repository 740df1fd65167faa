import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The few fields of the Kubernetes objects in this folder that the tests read. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}

export interface Deployment extends Manifest {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds?: number;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
      };
    };
  };
}

export interface Service extends Manifest {
  spec: {
    selector: Record<string, string>;
    ports: { port: number; targetPort?: string | number }[];
  };
}

export interface Autoscaler extends Manifest {
  spec: {
    scaleTargetRef: { kind: string; name: string };
    metrics: { type: string; resource?: { name: string } }[];
  };
}

export interface DisruptionBudget extends Manifest {
  spec: { selector: { matchLabels: Record<string, string> } };
}

export interface ConfigMap extends Manifest {
  data: Record<string, string>;
}

export const k8sDir = import.meta.dir;

/** The YAML files of this folder, by name (kustomization.yaml and the examples included). */
export function yamlFiles(): string[] {
  return readdirSync(k8sDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
}

/** The objects of one file: Bun's YAML parser gives an array for several documents. */
export async function readManifests(file: string): Promise<Manifest[]> {
  const parsed = Bun.YAML.parse(await Bun.file(join(k8sDir, file)).text());
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  return documents.filter((document): document is Manifest => document != null);
}

export async function readKustomization(): Promise<{ namespace?: string; resources: string[] }> {
  const [kustomization] = await readManifests('kustomization.yaml');
  return kustomization as unknown as { namespace?: string; resources: string[] };
}

import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { k8sDir, readManifests, yamlFiles } from './manifests.ts';

// Every manifest of the folder (the example Secret too) against the Kubernetes JSON schemas, in
// kubeconform's strict mode: unknown fields are errors. `bash .ci/run` builds kubeconform into
// $FLC_CACHE_DIR/bin and unpacks the schemas; without them this suite fails under CI=true and is
// skipped (loudly) elsewhere, as the suites needing a server are.

// The oldest Kubernetes the base supports (the preStop sleep action is on by default from 1.30)
// and the newest the schemas ship; .ci/run's KUBERNETES_SCHEMA_VERSIONS unpacks the same.
const KUBERNETES_VERSIONS = ['1.30.0', '1.37.0'];

const cacheDir = process.env.FLC_CACHE_DIR ?? '/var/cache/fast-light-chat';
const schemaDir = join(cacheDir, 'kubernetes-json-schema');
const kubeconform = Bun.which('kubeconform', {
  PATH: [process.env.PATH, join(cacheDir, 'bin')].filter(Boolean).join(':'),
});
const missing = [
  ...(kubeconform ? [] : [`kubeconform (on PATH or in ${join(cacheDir, 'bin')})`]),
  ...KUBERNETES_VERSIONS.filter((v) => !existsSync(join(schemaDir, `v${v}-local-strict`))).map(
    (v) => `the Kubernetes ${v} schemas (in ${schemaDir})`,
  ),
];
const problem = missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
if (problem && !process.env.CI) {
  console.warn(`[skip] ${problem}: skipping the kubeconform suite (bash .ci/run installs them)`);
}
const check = problem && !process.env.CI ? test.skip : test;

interface Report {
  resources: { filename: string; kind: string; name: string; status: string; msg: string }[];
  summary: { valid: number; invalid: number; errors: number; skipped: number };
}

/** kubeconform on files (or on `stdin` when given), with its JSON report of every resource. */
function validate(version: string, files: string[], stdin?: string) {
  if (problem) throw new Error(`${problem}; CI=true requires them`);
  const run = Bun.spawnSync(
    [
      kubeconform ?? 'kubeconform',
      '-strict',
      '-summary',
      '-verbose',
      '-output=json',
      `-kubernetes-version=${version}`,
      // Only these local files: kubeconform's default location is a download.
      `-schema-location=${schemaDir}/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
      ...files,
    ],
    { cwd: k8sDir, stdin: stdin === undefined ? 'ignore' : new TextEncoder().encode(stdin) },
  );
  const output = run.stdout.toString();
  const report = JSON.parse(output || '{}') as Report;
  return { exitCode: run.exitCode, report, stderr: run.stderr.toString() };
}

const manifestFiles = yamlFiles().filter((name) => name !== 'kustomization.yaml');
const manifests = (await Promise.all(manifestFiles.map(readManifests))).flat();

describe('kubeconform', () => {
  for (const version of KUBERNETES_VERSIONS) {
    check(`every manifest is valid for Kubernetes ${version}, strictly`, () => {
      const { exitCode, report, stderr } = validate(version, manifestFiles);
      const notValid = report.resources.filter((r) => r.status !== 'statusValid');
      expect(notValid).toEqual([]);
      expect(stderr).toBe('');
      expect(exitCode).toBe(0);
      // Nothing skipped for want of a schema: every object of every file was checked.
      expect(report.summary).toEqual({
        valid: manifests.length,
        invalid: 0,
        errors: 0,
        skipped: 0,
      });
    });
  }

  // The check itself works: a misspelt field in a copy of a manifest is refused.
  check('refuses an unknown field', async () => {
    const realtime = await Bun.file(join(k8sDir, 'realtime.yaml')).text();
    const broken = realtime.replace('terminationGracePeriodSeconds:', 'terminationGracePeriod:');
    expect(broken).not.toBe(realtime);
    const { exitCode, report } = validate(KUBERNETES_VERSIONS[0] ?? '', ['-'], broken);
    expect(exitCode).toBe(1);
    expect(report.summary.invalid).toBe(1);
    const [refused] = report.resources.filter((r) => r.status === 'statusInvalid');
    expect(refused).toMatchObject({ kind: 'Deployment', name: 'realtime' });
    expect(refused?.msg).toContain('terminationGracePeriod');
  });
});

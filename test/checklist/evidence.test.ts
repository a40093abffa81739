import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectEvidence, isCiDefinition, isEvidenceCandidate } from '../../server/src/checklist/evidence';

function found(path: string, text: string): string[] {
  return detectEvidence([{ path, text }]).map((e) => `${e.item}:${e.line}:${e.what}`);
}

describe('repository evidence', () => {
  it('knows which files to read and which are CI definitions', () => {
    for (const path of ['.github/workflows/build.yml', '.gitlab-ci.yml', 'Jenkinsfile', 'ci/Jenkinsfile.release', '.circleci/config.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.gitlab/ci/scan.yml']) {
      assert.ok(isCiDefinition(path), path);
      assert.ok(isEvidenceCandidate(path), path);
    }
    for (const path of ['k8s/deploy.yaml', 'Makefile', 'scripts/release.sh', 'renovate.json', '.renovaterc', 'charts/app/Chart.yaml']) assert.ok(isEvidenceCandidate(path), path);
    for (const path of ['package.json', 'src/index.ts', 'Dockerfile', 'README.md', 'k8s/deploy.yaml']) assert.equal(isCiDefinition(path), false, path);
    for (const path of ['package.json', 'src/index.ts', 'tsconfig.json', 'image.png']) assert.equal(isEvidenceCandidate(path), false, path);
    assert.ok(isCiDefinition('C:\\repo\\.github\\workflows\\ci.yaml'));
  });

  it('finds image scanning; in CI it is also automated vulnerability management (D6.3)', () => {
    const workflow = 'name: ci\non: push\njobs:\n  build:\n    steps:\n      - run: docker build -t app .\n      - run: grype app:latest --fail-on high\n';
    assert.deepEqual(found('.github/workflows/ci.yml', workflow), ['D1.3:7:Grype vulnerability scan in CI', 'D6.1:7:Grype vulnerability scan in CI', 'D6.3:7:Grype vulnerability scan in CI']);
    assert.deepEqual(found('scripts/scan.sh', '#!/bin/sh\ntrivy image --severity HIGH,CRITICAL "$IMAGE"\n'), ['D1.3:2:Trivy vulnerability scan', 'D6.1:2:Trivy vulnerability scan']);
    assert.deepEqual(found('.gitlab-ci.yml', 'scan:\n  script:\n    - docker scout cves registry.example.com/app:1.2\n').length, 3);
    assert.deepEqual(found('Jenkinsfile', "stage('scan') { steps { sh 'snyk container test app:1' } }\n").length, 3);
  });

  it('does not take a mention for a practice', () => {
    assert.deepEqual(found('.github/workflows/ci.yml', '# TODO: add trivy someday\njobs: {}\n'), []);
    assert.deepEqual(found('k8s/app.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  note: "we should use cosign"\n'), []);
    assert.deepEqual(found('k8s/pa.yaml', 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: PERMISSIVE\n'), []);
    assert.deepEqual(found('k8s/storage.yaml', 'kind: ConfigMap\ndata:\n  encrypted: "true"\n'), []);
    assert.deepEqual(found('src/main.ts', 'cosign sign app'), [], 'not a candidate file');
  });

  it('finds signing, Velero, Falco, service-mesh mTLS and Helm charts', () => {
    assert.deepEqual(found('.github/workflows/release.yml', 'steps:\n  - uses: sigstore/cosign-installer@v3\n  - run: cosign sign --yes "$IMAGE@$DIGEST"\n'), ['D1.4:2:cosign image signing in CI']);
    assert.deepEqual(found('backup/velero.yaml', 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: daily\nspec:\n  schedule: "0 2 * * *"\n'), ['O6.1:2:Velero backup', 'O6.3:2:Velero backup']);
    assert.deepEqual(found('falco/rules.yaml', '- rule: Shell in container\n  desc: a shell was spawned\n  condition: spawned_process and container and proc.name = bash\n  output: shell (user=%user.name)\n  priority: WARNING\n'), ['D5.1:1:Falco runtime rules', 'D5.3:1:Falco runtime rules']);
    assert.deepEqual(found('mesh/mtls.yaml', 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n'), ['D3.3:8:Istio PeerAuthentication with STRICT mTLS', 'D4.2:8:Istio PeerAuthentication with STRICT mTLS']);
    assert.deepEqual(found('k8s/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    linkerd.io/inject: enabled\n'), ['D3.3:6:Linkerd proxy injection (mTLS by default)', 'D4.2:6:Linkerd proxy injection (mTLS by default)']);
    assert.deepEqual(found('charts/shop/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\n'), ['O2.1:2:Helm chart']);
    assert.deepEqual(found('not-a-chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\n'), []);
  });

  it('finds monitoring, logging, audit, admission, secrets management, encryption and update bots', () => {
    const all = (path: string, text: string) => detectEvidence([{ path, text }]).map((e) => e.item);
    assert.deepEqual(all('monitoring/rules.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n'), ['D5.3', 'O5.1']);
    assert.deepEqual(all('logging/ds.yaml', 'kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - image: fluent/fluent-bit:3.1\n'), ['D5.2']);
    assert.deepEqual(all('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: gelf\n'), ['D5.2']);
    assert.deepEqual(all('audit/policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n'), ['O5.3']);
    assert.deepEqual(all('policy/kyverno.yaml', 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nspec:\n  rules:\n    - name: verify\n      verifyImages:\n        - imageReferences: ["*"]\n'), ['D1.4', 'O4.3']);
    assert.deepEqual(all('secrets/db.yaml', 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\n'), ['D4.3']);
    assert.deepEqual(all('storage.yaml', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nparameters:\n  encrypted: "true"\n'), ['D4.1']);
    assert.deepEqual(all('.github/dependabot.yml', 'version: 2\nupdates:\n  - package-ecosystem: "docker"\n    directory: "/"\n'), ['D1.2', 'D6.2']);
    assert.deepEqual(all('renovate.json', '{\n  "extends": ["config:recommended"]\n}\n'), ['D1.2', 'D6.2']);
    assert.deepEqual(all('jobs/kube-bench.yaml', 'kind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - image: docker.io/aquasec/kube-bench:v0.8.0\n'), ['O5.2']);
    assert.deepEqual(all('.github/workflows/lint.yml', 'steps:\n  - run: npx lashing check .\n'), ['O2.3']);
    assert.deepEqual(all('scripts/lint.sh', 'checkov -d .\n'), [], 'configuration audits count when CI runs them');
    assert.deepEqual(all('gitops/app.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  syncPolicy:\n    automated:\n      selfHeal: true\n'), ['O2.1', 'O2.2', 'O2.4']);
    assert.deepEqual(all('swarm.yml', 'networks:\n  backend:\n    driver: overlay\n    driver_opts:\n      encrypted: ""\n'), ['D3.2']);
    assert.deepEqual(all('backup/etcd.sh', 'ETCDCTL_API=3 etcdctl --endpoints=$EP snapshot save /backup/etcd.db\n'), ['O6.1']);
  });

  it('reports each practice once per file, keeps URIs and is fast on large input', () => {
    const evidence = detectEvidence([{ path: 'ci.sh', uri: 'file:///w/ci.sh', text: 'trivy image a\ntrivy image b\n' }]);
    assert.deepEqual(evidence, [
      { item: 'D1.3', path: 'ci.sh', uri: 'file:///w/ci.sh', line: 1, what: 'Trivy vulnerability scan' },
      { item: 'D6.1', path: 'ci.sh', uri: 'file:///w/ci.sh', line: 1, what: 'Trivy vulnerability scan' },
    ]);
    const big = `${'a'.repeat(100_000)}\n${'- rule: x '.repeat(10_000)}\n${'kind: '.repeat(20_000)}\n`;
    const start = Date.now();
    detectEvidence([{ path: 'big.yaml', text: big }, { path: '.github/workflows/x.yml', text: big }]);
    assert.ok(Date.now() - start < 1000, 'linear patterns');
  });
});

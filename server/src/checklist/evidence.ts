// Evidence in the repository that a checklist practice is in place, for items no rule can decide:
// a CI workflow that scans images, cosign signing, Velero backups, Falco rules, a service mesh's mTLS policy…
// Line-based and cheap: every pattern is linear, each file is read once, at most one hit per practice and file.

export interface Evidence {
  /** Checklist item, e.g. `D1.3`. */
  item: string;
  path: string;
  uri?: string;
  /** One-based line of the evidence. */
  line: number;
  /** What was found, e.g. "Trivy image scan in CI". */
  what: string;
}

interface Detector {
  what: string;
  items: string[];
  /** Only in CI definitions (workflows, pipelines) — the item is about automation. */
  ciOnly?: boolean;
  /** Extra items when the hit is in a CI definition. */
  ciItems?: string[];
  /** Cheap pre-filter: the file (lower-cased) must contain this. */
  keyword: string;
  /** The file must match this (e.g. the object kind), tested once per file. */
  file?: RegExp;
  /** The file name must match this. */
  name?: RegExp;
  /** The line that is the evidence. */
  line: RegExp;
}

const MAX_EVIDENCE_FILE_CHARS = 1_000_000;
const MAX_LINE_CHARS = 4000;

const SCAN_ITEMS = ['D1.3', 'D6.1'];
const CI_AUTOMATION = ['D6.3'];

const DETECTORS: Detector[] = [
  // D1.3 / D6.1 / D6.3: image vulnerability scanning (automated when it runs in CI).
  { what: 'Trivy vulnerability scan', items: SCAN_ITEMS, ciItems: CI_AUTOMATION, keyword: 'trivy', line: /\btrivy\s+(?:image|fs|filesystem|rootfs|repo|repository|sbom|k8s|kubernetes)\b|aquasecurity\/trivy-action|aquasec\/trivy\b|\btrivy-operator\b/i },
  { what: 'Grype vulnerability scan', items: SCAN_ITEMS, ciItems: CI_AUTOMATION, keyword: 'grype', line: /\bgrype\b|anchore\/scan-action/i },
  { what: 'Snyk container scan', items: SCAN_ITEMS, ciItems: CI_AUTOMATION, keyword: 'snyk', line: /\bsnyk\s+container\b|snyk\/actions\/docker|snyk\/snyk:docker/i },
  { what: 'Docker Scout scan', items: SCAN_ITEMS, ciItems: CI_AUTOMATION, keyword: 'scout', line: /\bdocker\s+scout\s+(?:cves|quickview|recommendations|compare)\b|docker\/scout-action/i },
  { what: 'Clair scan', items: SCAN_ITEMS, ciItems: CI_AUTOMATION, keyword: 'clair', line: /\bclair(?:ctl|-scanner|-action)?\b/i },
  // D1.4: signing and verifying images.
  { what: 'cosign image signing', items: ['D1.4'], keyword: 'cosign', line: /\bcosign\s+(?:sign|verify|attest|verify-attestation|sign-blob)\b|sigstore\/cosign-installer/i },
  { what: 'Notation image signing', items: ['D1.4'], keyword: 'notation', line: /\bnotation\s+(?:sign|verify)\b|notaryproject\/notation-action/i },
  { what: 'Docker Content Trust enabled', items: ['D1.4'], keyword: 'docker_content_trust', line: /\bDOCKER_CONTENT_TRUST\s*[=:]\s*["']?1\b/ },
  { what: 'Kyverno image verification policy', items: ['D1.4'], keyword: 'verifyimages', file: /^[ \t]*apiVersion:\s*kyverno\.io\//m, line: /^\s*verifyImages\s*:/ },
  { what: 'Sigstore policy-controller ClusterImagePolicy', items: ['D1.4'], keyword: 'clusterimagepolicy', line: /^\s*kind:\s*ClusterImagePolicy\b/ },
  // D1.2 / D6.2: base images kept up to date by a bot.
  { what: 'Dependabot updates Docker images', items: ['D1.2', 'D6.2'], keyword: 'docker', name: /(?:^|\/)\.github\/dependabot\.ya?ml$/, line: /package-ecosystem:\s*["']?docker(?:-compose)?["']?\s*$/ },
  { what: 'Renovate keeps dependencies and images up to date', items: ['D1.2', 'D6.2'], keyword: '', name: /(?:^|\/)(?:renovate\.json5?|\.renovaterc(?:\.json5?)?|\.github\/renovate\.json5?)$/, line: /\S/ },
  // D3.1 / O3.1 / D3.4: network policy engines and egress control.
  { what: 'Cilium network policy', items: ['D3.1', 'O3.1'], keyword: 'ciliumnetworkpolicy', line: /^\s*kind:\s*Cilium(?:Clusterwide)?NetworkPolicy\b/ },
  { what: 'Calico network policy', items: ['D3.1', 'O3.1'], keyword: 'networkpolicy', file: /^[ \t]*apiVersion:\s*(?:crd\.)?projectcalico\.org\//m, line: /^\s*kind:\s*(?:Global)?NetworkPolicy\b/ },
  { what: 'egress NetworkPolicy', items: ['D3.4'], keyword: 'egress', file: /^[ \t]*kind:\s*NetworkPolicy\b/m, line: /^\s*-\s*["']?Egress["']?\s*$/ },
  { what: 'Istio egress restricted to registered services', items: ['D3.4'], keyword: 'registry_only', line: /\bmode:\s*["']?REGISTRY_ONLY\b/ },
  // D3.2: encrypted overlay networks.
  { what: 'encrypted overlay network', items: ['D3.2'], keyword: 'encrypted', file: /driver:\s*["']?overlay\b/, line: /^\s*(?:-\s*)?["']?encrypted["']?\s*(?::|=|$)/ },
  { what: 'WireGuard node-to-node encryption (Calico)', items: ['D3.2'], keyword: 'wireguardenabled', line: /\bwireguardEnabled(?:V6)?\s*:\s*true\b/ },
  { what: 'transparent encryption (Cilium)', items: ['D3.2'], keyword: 'encryption', file: /^[ \t]*encryption\s*:/m, line: /^\s*type:\s*["']?(?:wireguard|ipsec)["']?\s*$/ },
  { what: 'transparent encryption (Cilium)', items: ['D3.2'], keyword: 'encryption', line: /encryption\.enabled=true|--enable-wireguard|enable-ipsec:\s*["']?true/ },
  { what: 'encrypted Weave Net', items: ['D3.2'], keyword: 'weave_password', line: /\bWEAVE_PASSWORD\b/ },
  // D3.3 / D4.2: service mesh and mTLS.
  { what: 'Istio PeerAuthentication with STRICT mTLS', items: ['D3.3', 'D4.2'], keyword: 'strict', file: /^[ \t]*kind:\s*PeerAuthentication\b/m, line: /^\s*mode:\s*["']?STRICT["']?\s*$/ },
  { what: 'Istio sidecar injection', items: ['D3.3'], keyword: 'istio', line: /\bistio-injection:\s*["']?enabled\b|\bsidecar\.istio\.io\/inject:\s*["']?true\b|\bistio\.io\/rev:|\bistio\.io\/dataplane-mode:\s*["']?ambient\b/ },
  { what: 'Istio AuthorizationPolicy', items: ['D3.3'], keyword: 'authorizationpolicy', file: /^[ \t]*apiVersion:\s*security\.istio\.io\//m, line: /^\s*kind:\s*AuthorizationPolicy\b/ },
  { what: 'Linkerd proxy injection (mTLS by default)', items: ['D3.3', 'D4.2'], keyword: 'linkerd', line: /\blinkerd\.io\/inject:\s*["']?enabled\b/ },
  { what: 'Consul Connect service mesh', items: ['D3.3', 'D4.2'], keyword: 'connect-inject', line: /\bconsul\.hashicorp\.com\/connect-inject:\s*["']?true\b/ },
  { what: 'cert-manager certificates', items: ['D4.2'], keyword: 'cert-manager', file: /^[ \t]*apiVersion:\s*cert-manager\.io\//m, line: /^\s*kind:\s*(?:Certificate|Issuer|ClusterIssuer)\b/ },
  // D4.1: encryption at rest.
  { what: 'Secrets encrypted at rest (EncryptionConfiguration)', items: ['D4.1'], keyword: 'encryption', line: /^\s*kind:\s*EncryptionConfiguration\b|--encryption-provider-config\b/ },
  { what: 'encrypted StorageClass', items: ['D4.1'], keyword: 'encrypted', file: /^[ \t]*kind:\s*StorageClass\b/m, line: /^\s*["']?encrypted["']?\s*:\s*["']?true\b/ },
  // D4.3: secret management.
  { what: 'External Secrets Operator', items: ['D4.3'], keyword: 'external-secrets.io', line: /^\s*apiVersion:\s*external-secrets\.io\// },
  { what: 'Sealed Secrets', items: ['D4.3'], keyword: 'sealedsecret', line: /^\s*kind:\s*SealedSecret\b/ },
  { what: 'HashiCorp Vault agent injection', items: ['D4.3'], keyword: 'vault.hashicorp.com', line: /\bvault\.hashicorp\.com\/agent-inject:/ },
  { what: 'Secrets Store CSI driver', items: ['D4.3'], keyword: 'secretproviderclass', line: /^\s*kind:\s*SecretProviderClass\b/ },
  { what: 'SOPS-encrypted configuration', items: ['D4.3'], keyword: '', name: /(?:^|\/)\.sops\.ya?ml$/, line: /\S/ },
  // D5.1 / D5.3: runtime monitoring and alerting.
  { what: 'Falco runtime rules', items: ['D5.1', 'D5.3'], keyword: 'rule', file: /^[ \t]*condition:/m, line: /^-\s+rule:\s*\S/ },
  { what: 'Falco runtime security', items: ['D5.1'], keyword: 'falco', line: /\bfalcosecurity\/(?:falco|charts)\b|\bfalcosecurity\.github\.io\b/ },
  { what: 'Tetragon tracing policy', items: ['D5.1'], keyword: 'tracingpolicy', line: /^\s*kind:\s*TracingPolicy(?:Namespaced)?\b/ },
  { what: 'Sysdig agent', items: ['D5.1'], keyword: 'sysdig', line: /\bsysdig\/(?:agent|sysdig|agent-slim)\b/ },
  { what: 'Prometheus alerting rules', items: ['D5.3', 'O5.1'], keyword: 'prometheusrule', line: /^\s*kind:\s*PrometheusRule\b/ },
  { what: 'Alertmanager routes', items: ['D5.3'], keyword: 'receiver', name: /(?:^|\/)alertmanager[^/]*\.ya?ml$/, line: /^\s*receivers\s*:/ },
  // D5.2: centralised logging.
  { what: 'log shipper', items: ['D5.2'], keyword: '', line: /\b(?:fluent\/fluent-bit|fluent\/fluentd|fluentd-kubernetes-daemonset|grafana\/promtail|grafana\/alloy|timberio\/vector|elastic\/filebeat|beats\/filebeat|logstash:|logging\.banzaicloud\.io|logging-operator)\b/ },
  { what: 'containers log to a central driver', items: ['D5.2'], keyword: 'driver', file: /^[ \t]*logging\s*:/m, line: /^\s*driver:\s*["']?(?:fluentd|gelf|syslog|splunk|awslogs|gcplogs|loki|journald)\b/ },
  // O5.1: monitoring.
  { what: 'Prometheus monitoring', items: ['O5.1'], keyword: 'monitor', line: /^\s*kind:\s*(?:ServiceMonitor|PodMonitor)\b/ },
  { what: 'Prometheus scraping', items: ['O5.1'], keyword: 'prometheus.io/scrape', line: /\bprometheus\.io\/scrape:\s*["']?true\b/ },
  { what: 'Grafana dashboard', items: ['O5.1'], keyword: 'grafana_dashboard', line: /\bgrafana_dashboard\s*:/ },
  // O5.2 / O2.3: compliance and configuration audits.
  { what: 'kube-bench CIS benchmark', items: ['O5.2'], keyword: 'kube-bench', line: /\bkube-bench\b/ },
  { what: 'OpenSCAP compliance scan', items: ['O5.2'], keyword: 'oscap', line: /\boscap\s+(?:xccdf|oval|info)\b|\bopenscap\b/i },
  { what: 'configuration audit in CI', items: ['O2.3'], ciOnly: true, keyword: '', line: /\b(?:checkov|kube-linter|kubesec|polaris\s+audit|conftest\s+test|kics\s+scan|terrascan|hadolint|trivy\s+config|lashing\s+(?:check|checklist))\b/ },
  // O5.3: audit logs.
  { what: 'Kubernetes audit policy', items: ['O5.3'], keyword: 'audit.k8s.io', line: /^\s*apiVersion:\s*audit\.k8s\.io\// },
  { what: 'API server audit log', items: ['O5.3'], keyword: 'audit-log', line: /--audit-log-path\b|--audit-policy-file\b/ },
  // O3.2 / O3.4 / O4.3: control plane and admission.
  { what: 'etcd client TLS', items: ['O3.2'], keyword: 'etcd', line: /--etcd-(?:cafile|certfile)\b|--client-cert-auth(?:=true)?\b|--peer-client-cert-auth\b/ },
  { what: 'anonymous API access disabled', items: ['O3.4'], keyword: 'anonymous-auth', line: /--anonymous-auth=false\b/ },
  { what: 'Node authorizer', items: ['O4.3'], keyword: 'authorization-mode', line: /--authorization-mode=\S*\bNode\b/ },
  { what: 'Kyverno policies', items: ['O4.3'], keyword: 'kyverno.io', file: /^[ \t]*kind:\s*(?:ClusterPolicy|Policy)\b/m, line: /^\s*apiVersion:\s*kyverno\.io\// },
  { what: 'Gatekeeper constraints', items: ['O4.3'], keyword: 'constrainttemplate', line: /^\s*kind:\s*ConstraintTemplate\b/ },
  { what: 'ValidatingAdmissionPolicy', items: ['O4.3'], keyword: 'validatingadmissionpolicy', line: /^\s*kind:\s*ValidatingAdmissionPolicy\b/ },
  // O2.1 / O2.2 / O2.4: configuration management and GitOps.
  { what: 'Helm chart', items: ['O2.1'], keyword: 'name', name: /(?:^|\/)Chart\.ya?ml$/, line: /^name:\s*\S/ },
  { what: 'Kustomize', items: ['O2.1'], keyword: '', name: /(?:^|\/)kustomization\.ya?ml$/, line: /^(?:resources|bases|components|helmCharts|patches\w*|kind)\s*:/ },
  { what: 'Helmfile', items: ['O2.1'], keyword: 'releases', name: /(?:^|\/)helmfile[^/]*\.ya?ml$/, line: /^releases\s*:/ },
  { what: 'Ansible playbook', items: ['O2.1'], keyword: 'ansible', line: /\bansible\.builtin\.|\bkubernetes\.core\.(?:k8s|helm)\b/ },
  { what: 'Argo CD application (GitOps)', items: ['O2.1', 'O2.2'], keyword: 'argoproj.io', file: /^[ \t]*apiVersion:\s*argoproj\.io\//m, line: /^\s*kind:\s*Application(?:Set)?\b/ },
  { what: 'Argo CD self-heal reverts manual changes', items: ['O2.4'], keyword: 'selfheal', file: /^[ \t]*apiVersion:\s*argoproj\.io\//m, line: /^\s*selfHeal:\s*true\b/ },
  { what: 'Flux GitOps reconciliation', items: ['O2.1', 'O2.2', 'O2.4'], keyword: 'fluxcd.io', line: /^\s*apiVersion:\s*(?:kustomize|helm|source)\.toolkit\.fluxcd\.io\// },
  // O6.1 / O6.2 / O6.3: backup and recovery.
  { what: 'Velero backup', items: ['O6.1', 'O6.3'], keyword: 'velero.io', file: /^[ \t]*apiVersion:\s*velero\.io\//m, line: /^\s*kind:\s*(?:Backup|Schedule)\b/ },
  { what: 'Velero restore', items: ['O6.2', 'O6.3'], keyword: 'velero.io', file: /^[ \t]*apiVersion:\s*velero\.io\//m, line: /^\s*kind:\s*Restore\b/ },
  { what: 'Velero restore drill', items: ['O6.2', 'O6.3'], keyword: 'velero', line: /\bvelero\s+restore\s+create\b/ },
  { what: 'Velero backup', items: ['O6.1', 'O6.3'], keyword: 'velero', line: /\bvelero\s+(?:backup|schedule)\s+create\b|vmware-tanzu\/velero\b/ },
  { what: 'etcd snapshot backup', items: ['O6.1'], keyword: 'etcdctl', line: /\betcdctl\b.*\bsnapshot\s+save\b/ },
];

const CI_PATH = /(?:^|\/)(?:\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/.+\.ya?ml|Jenkinsfile[^/]*|azure-pipelines[^/]*\.ya?ml|\.azure-pipelines\/[^/]+\.ya?ml|\.circleci\/config\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker(?:\.ya?ml|\/[^/]+\.ya?ml)|\.buildkite\/[^/]+\.ya?ml|cloudbuild[^/]*\.ya?ml|\.travis\.ya?ml|\.tekton\/[^/]+\.ya?ml)$/;
const CANDIDATE = /(?:\.ya?ml|\.json5?|\.sh|\.mk|\.bash)$|(?:^|\/)(?:Jenkinsfile[^/]*|Makefile|GNUmakefile|Taskfile|justfile|\.renovaterc)$/;

function normalize(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Whether a file is a CI definition (workflows and pipelines of the common CI systems). */
export function isCiDefinition(path: string): boolean {
  return CI_PATH.test(normalize(path));
}

/** Files worth reading for evidence: YAML, CI definitions, scripts, Makefiles, Renovate configuration. */
export function isEvidenceCandidate(path: string): boolean {
  const normalized = normalize(path);
  if (/\.json5?$/.test(normalized)) return /(?:^|\/)(?:renovate\.json5?|\.renovaterc\.json5?)$/.test(normalized);
  return CANDIDATE.test(normalized) || CI_PATH.test(normalized);
}

/** Finds the practices the repository itself shows. At most one hit per practice, item and file. */
export function detectEvidence(files: ReadonlyArray<{ path: string; text: string; uri?: string }>): Evidence[] {
  const result: Evidence[] = [];
  for (const file of files) {
    if (!isEvidenceCandidate(file.path) || file.text.length > MAX_EVIDENCE_FILE_CHARS) continue;
    const path = normalize(file.path);
    const ci = isCiDefinition(path);
    const lower = file.text.toLowerCase();
    let lines: string[] | undefined;
    for (const detector of DETECTORS) {
      if (detector.ciOnly && !ci) continue;
      if (detector.name && !detector.name.test(path)) continue;
      if (detector.keyword && !lower.includes(detector.keyword)) continue;
      if (detector.file && !detector.file.test(file.text)) continue;
      lines ??= file.text.split(/\r?\n/);
      const index = lines.findIndex((line) => line.length <= MAX_LINE_CHARS && detector.line.test(line));
      if (index < 0) continue;
      const items = ci && detector.ciItems ? [...detector.items, ...detector.ciItems] : detector.items;
      const what = ci && !detector.ciOnly ? `${detector.what} in CI` : detector.what;
      for (const item of items) {
        if (result.some((evidence) => evidence.item === item && evidence.path === file.path && evidence.what === what)) continue;
        result.push({ item, path: file.path, ...(file.uri !== undefined ? { uri: file.uri } : {}), line: index + 1, what });
      }
    }
  }
  return result.sort(compareEvidence);
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  return a.item.localeCompare(b.item) || a.path.localeCompare(b.path) || a.line - b.line;
}

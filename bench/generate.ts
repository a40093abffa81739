// Deterministic benchmark inputs: Dockerfiles, multi-document Kubernetes manifests and Compose
// files of a requested size, and a workspace of mixed files. Everything derives from one seed, so
// two runs (or two machines) measure the same text. The content mixes hardened and careless
// configuration the way real repositories do, so rules find a realistic number of problems.

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const WORDS = ['cart', 'checkout', 'catalog', 'search', 'auth', 'billing', 'orders', 'inventory', 'payments', 'gateway', 'notify', 'report', 'ledger', 'profile', 'session', 'media', 'feed', 'metrics', 'audit', 'shipping'];
const REGISTRIES = ['', 'docker.io/library/', 'ghcr.io/acme/', 'registry.example.com/shop/', 'quay.io/acme/', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/'];
const BASES = ['node:20-bookworm-slim', 'node:18', 'python:3.12-slim', 'python:3.8', 'golang:1.22', 'debian:12', 'ubuntu:22.04', 'alpine:3.20', 'eclipse-temurin:21-jre', 'nginx:1.27', 'redis:7', 'postgres:16'];
const DIGEST = 'sha256:4c0fdfd3d2e2a9b48b9b14e4ed1e3d5fa1e0e6d4cbb2f1d1b2a6a0b7c9e8f7a1';

function name(random: Random): string {
  return `${random.pick(WORDS)}-${random.pick(WORDS)}`;
}

function image(random: Random): string {
  const base = random.pick(BASES);
  const registry = random.pick(REGISTRIES);
  const roll = random.next();
  if (roll < 0.15) return `${registry}${base.split(':')[0]}`; // untagged
  if (roll < 0.3) return `${registry}${base.split(':')[0]}:latest`;
  if (roll < 0.55) return `${registry}${base}@${DIGEST}`;
  return `${registry}${base}`;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles

function dockerStage(random: Random, index: number, final: boolean): string {
  const lines: string[] = [];
  const base = image(random);
  lines.push(`# Stage ${index}: ${random.pick(WORDS)} service`);
  if (random.chance(0.4)) lines.push(`ARG VERSION_${index}=1.${random.int(0, 30)}.${random.int(0, 9)}`);
  lines.push(`FROM ${base} AS stage${index}`);
  if (random.chance(0.5)) lines.push(`LABEL org.opencontainers.image.source="https://github.com/acme/${name(random)}"`);
  lines.push(`WORKDIR /srv/${random.pick(WORDS)}`);
  const debian = !base.includes('alpine');
  const blocks = random.int(3, 7);
  for (let b = 0; b < blocks; b++) {
    const roll = random.next();
    if (roll < 0.25) {
      if (debian) {
        const recommends = random.chance(0.6) ? ' --no-install-recommends' : '';
        const packages = Array.from({ length: random.int(2, 6) }, () => random.pick(['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'tzdata', 'gnupg', 'unzip', 'jq', 'openssl=3.0.15-1~deb12u1']));
        lines.push('RUN apt-get update \\');
        lines.push(`    && apt-get install -y${recommends} \\`);
        for (const pkg of packages) lines.push(`        ${pkg} \\`);
        lines.push(random.chance(0.6) ? '    && rm -rf /var/lib/apt/lists/*' : '    && echo done');
      } else {
        lines.push(`RUN apk add ${random.chance(0.6) ? '--no-cache ' : ''}curl ca-certificates ${random.pick(['git', 'jq', 'tzdata'])}`);
      }
    } else if (roll < 0.4) {
      lines.push(`COPY ${random.pick(['package.json package-lock.json', 'requirements.txt', 'go.mod go.sum', '.', 'src/ ./src/'])} ./`);
    } else if (roll < 0.5) {
      lines.push(`RUN ${random.pick(['npm ci --omit=dev', 'pip install --no-cache-dir -r requirements.txt', 'go build -o /out/app ./cmd/app', 'make -j4 install', 'npm run build'])}`);
    } else if (roll < 0.58) {
      lines.push(`ENV ${random.pick(['NODE_ENV=production', 'PYTHONUNBUFFERED=1', 'GOFLAGS=-mod=readonly', 'LANG=C.UTF-8'])} \\`);
      lines.push(`    ${random.pick(['PORT=8080', 'LOG_LEVEL=info', random.chance(0.3) ? 'API_TOKEN=ghp_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a' : 'TZ=UTC'])}`);
    } else if (roll < 0.64) {
      lines.push(`RUN ${random.pick(['curl -fsSL https://example.com/install.sh | bash', 'wget -qO- https://get.example.io | sh', 'curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /usr/local/bin && rm /tmp/tool.tgz'])}`);
    } else if (roll < 0.7) {
      lines.push(`RUN ${random.pick(['chmod -R 777 /srv', 'chown -R app:app /srv', 'useradd --system --uid 10001 app', 'sudo make install', 'git config --global http.sslVerify false'])}`);
    } else if (roll < 0.76) {
      lines.push(`ADD ${random.pick(['https://example.com/agent.tar.gz /opt/', 'app.tar.gz /srv/', 'config.yaml /etc/app/'])}`);
    } else if (roll < 0.82) {
      lines.push('RUN set -eux; \\');
      lines.push(`    for f in ${random.pick(WORDS)} ${random.pick(WORDS)} ${random.pick(WORDS)}; do \\`);
      lines.push('        mkdir -p "/srv/$f" && echo "$f" > "/srv/$f/name"; \\');
      lines.push('    done');
    } else if (roll < 0.88) {
      lines.push(`# lashing-ignore dockerfile/curl-pipe-shell -- vendor installer, pinned by checksum in CI`);
      lines.push('RUN curl -fsSL https://example.com/vendor.sh | sh');
    } else {
      lines.push(`ARG BUILD_${index}_${b}=${random.int(1, 999)}`);
    }
  }
  if (final || random.chance(0.5)) {
    if (random.chance(0.6)) lines.push(`USER ${random.pick(['10001', 'app', 'nobody', 'root', '1000:1000'])}`);
    lines.push(`EXPOSE ${random.pick(['8080', '3000', '22 8080', '443'])}`);
    if (random.chance(0.5)) lines.push('HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/healthz || exit 1');
    lines.push(random.chance(0.5) ? `CMD ["/srv/app", "--port", "8080"]` : `ENTRYPOINT node server.js`);
  }
  lines.push('');
  return lines.join('\n') + '\n';
}

/** A Dockerfile of about `targetLines` lines: several build stages, the last one final. */
export function generateDockerfile(seed: number, targetLines: number): string {
  const random = new Random(seed);
  const parts: string[] = ['# syntax=docker/dockerfile:1\n'];
  let index = 0;
  let lines = 1;
  while (lines < targetLines) {
    const stage = dockerStage(random, index++, false);
    parts.push(stage);
    lines += countLines(stage);
  }
  parts.push(dockerStage(random, index, true));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

function securityContext(random: Random, indent: string): string[] {
  const roll = random.next();
  if (roll < 0.35) {
    return [
      `${indent}securityContext:`,
      `${indent}  allowPrivilegeEscalation: false`,
      `${indent}  readOnlyRootFilesystem: true`,
      `${indent}  runAsNonRoot: true`,
      `${indent}  capabilities:`,
      `${indent}    drop: ["ALL"]`,
    ];
  }
  if (roll < 0.5) return [`${indent}securityContext:`, `${indent}  privileged: true`, `${indent}  capabilities:`, `${indent}    add: ["NET_ADMIN", "SYS_TIME"]`];
  if (roll < 0.7) return [`${indent}securityContext:`, `${indent}  runAsUser: ${random.pick(['0', '1000', '10001'])}`];
  return [];
}

function container(random: Random, indent: string, serviceName: string): string[] {
  const lines = [`${indent}- name: ${serviceName}`, `${indent}  image: ${image(random)}`];
  if (random.chance(0.4)) lines.push(`${indent}  imagePullPolicy: ${random.pick(['Always', 'IfNotPresent'])}`);
  lines.push(`${indent}  ports:`, `${indent}    - containerPort: ${random.pick([8080, 3000, 9090, 22, 5432])}`);
  if (random.chance(0.1)) lines.push(`${indent}      hostPort: ${random.pick([8080, 80])}`);
  lines.push(`${indent}  env:`);
  const envs = random.int(1, 4);
  for (let i = 0; i < envs; i++) {
    const roll = random.next();
    if (roll < 0.15) lines.push(`${indent}    - name: DB_PASSWORD`, `${indent}      value: "${random.pick(['hunter2-prod', 'Tr0ub4dor&3', 'correct-horse-battery'])}"`);
    else if (roll < 0.4) lines.push(`${indent}    - name: DB_PASSWORD`, `${indent}      valueFrom:`, `${indent}        secretKeyRef:`, `${indent}          name: ${serviceName}-db`, `${indent}          key: password`);
    else lines.push(`${indent}    - name: ${random.pick(['LOG_LEVEL', 'PORT', 'REGION', 'FEATURE_FLAGS'])}`, `${indent}      value: "${random.pick(['info', '8080', 'eu-west-1', 'a,b,c'])}"`);
  }
  if (random.chance(0.6)) {
    lines.push(`${indent}  resources:`, `${indent}    requests:`, `${indent}      cpu: ${random.pick(['100m', '250m', '1'])}`, `${indent}      memory: ${random.pick(['128Mi', '512Mi'])}`);
    if (random.chance(0.7)) lines.push(`${indent}    limits:`, `${indent}      memory: ${random.pick(['256Mi', '1Gi'])}`);
  }
  if (random.chance(0.5)) lines.push(`${indent}  readinessProbe:`, `${indent}    httpGet:`, `${indent}      path: /healthz`, `${indent}      port: 8080`, `${indent}    periodSeconds: 10`);
  lines.push(...securityContext(random, indent + '  '));
  if (random.chance(0.3)) {
    lines.push(`${indent}  volumeMounts:`, `${indent}    - name: data`, `${indent}      mountPath: /var/lib/${serviceName}`);
    if (random.chance(0.3)) lines.push(`${indent}    - name: docker`, `${indent}      mountPath: /var/run/docker.sock`);
  }
  return lines;
}

function podSpec(random: Random, indent: string, serviceName: string): string[] {
  const lines = [`${indent}spec:`];
  const i2 = indent + '  ';
  if (random.chance(0.3)) lines.push(`${i2}serviceAccountName: ${serviceName}`);
  if (random.chance(0.3)) lines.push(`${i2}automountServiceAccountToken: false`);
  if (random.chance(0.05)) lines.push(`${i2}hostNetwork: true`);
  if (random.chance(0.5)) lines.push(`${i2}securityContext:`, `${i2}  runAsNonRoot: true`, `${i2}  seccompProfile:`, `${i2}    type: RuntimeDefault`);
  lines.push(`${i2}containers:`);
  const count = random.int(1, 2);
  for (let i = 0; i < count; i++) lines.push(...container(random, i2 + '  ', i === 0 ? serviceName : `${serviceName}-sidecar`));
  if (random.chance(0.3)) {
    lines.push(`${i2}volumes:`, `${i2}  - name: data`);
    lines.push(...(random.chance(0.3) ? [`${i2}    hostPath:`, `${i2}      path: /var/lib/${serviceName}`] : [`${i2}    emptyDir: {}`]));
    lines.push(`${i2}  - name: docker`, `${i2}    hostPath:`, `${i2}      path: /var/run/docker.sock`);
  }
  return lines;
}

function k8sObject(random: Random, namespace: string): string {
  const svc = name(random);
  const roll = random.next();
  const lines: string[] = [];
  if (random.chance(0.3)) lines.push(`# ${svc}: owned by team ${random.pick(WORDS)}`);
  const meta = (kind: string, apiVersion: string): void => {
    lines.push(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${svc}`, `  namespace: ${namespace}`, '  labels:', `    app: ${svc}`, `    tier: ${random.pick(['web', 'backend', 'data'])}`);
  };
  if (roll < 0.4) {
    const kind = random.pick(['Deployment', 'Deployment', 'StatefulSet', 'DaemonSet']);
    meta(kind, 'apps/v1');
    if (random.chance(0.1)) lines.push('  annotations:', '    ignore-check.kube-linter.io/privileged-container: "node agent"');
    lines.push('spec:');
    if (kind !== 'DaemonSet') lines.push(`  replicas: ${random.int(1, 5)}`);
    lines.push('  selector:', '    matchLabels:', `      app: ${svc}`, '  template:', '    metadata:', '      labels:', `        app: ${svc}`);
    lines.push(...podSpec(random, '    ', svc));
  } else if (roll < 0.5) {
    meta('CronJob', 'batch/v1');
    lines.push('spec:', `  schedule: "${random.int(0, 59)} ${random.int(0, 23)} * * *"`, '  jobTemplate:', '    spec:', '      template:');
    lines.push(...podSpec(random, '        ', svc));
    lines.push('          restartPolicy: OnFailure');
  } else if (roll < 0.65) {
    meta('Service', 'v1');
    lines.push('spec:', `  type: ${random.pick(['ClusterIP', 'ClusterIP', 'LoadBalancer', 'NodePort'])}`, '  selector:', `    app: ${svc}`, '  ports:', '    - port: 80', `      targetPort: ${random.pick([8080, 3000])}`);
  } else if (roll < 0.73) {
    meta('ConfigMap', 'v1');
    lines.push('data:', `  LOG_LEVEL: ${random.pick(['info', 'debug'])}`, `  ${random.pick(['DATABASE_URL', 'CACHE_URL'])}: "${random.pick(['postgres://app@db:5432/app', 'redis://cache:6379/0', 'postgres://app:s3cretpass@db:5432/app'])}"`);
    lines.push('  app.properties: |', '    server.port=8080', `    feature.${random.pick(WORDS)}=true`);
  } else if (roll < 0.8) {
    meta('Ingress', 'networking.k8s.io/v1');
    lines.push('spec:', '  ingressClassName: nginx');
    if (random.chance(0.5)) lines.push('  tls:', `    - hosts: ["${svc}.example.com"]`, `      secretName: ${svc}-tls`);
    lines.push('  rules:', `    - host: ${svc}.example.com`, '      http:', '        paths:', '          - path: /', '            pathType: Prefix', '            backend:', '              service:', `                name: ${svc}`, '                port:', '                  number: 80');
  } else if (roll < 0.86) {
    meta('NetworkPolicy', 'networking.k8s.io/v1');
    lines.push('spec:', '  podSelector:', '    matchLabels:', `      app: ${svc}`, '  policyTypes: ["Ingress"]', '  ingress:', '    - from:', '        - podSelector:', '            matchLabels:', `              app: ${random.pick(WORDS)}`);
  } else if (roll < 0.92) {
    meta(random.pick(['Role', 'ClusterRole']), 'rbac.authorization.k8s.io/v1');
    lines.push('rules:', `  - apiGroups: [""]`, `    resources: [${random.pick(['"pods"', '"secrets"', '"configmaps", "pods"', '"*"'])}]`, `    verbs: [${random.pick(['"get", "list"', '"*"', '"create"', '"get", "watch"'])}]`);
  } else if (roll < 0.96) {
    meta('RoleBinding', 'rbac.authorization.k8s.io/v1');
    lines.push('roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', `  name: ${random.pick(['view', 'edit', 'cluster-admin'])}`, 'subjects:', '  - kind: ServiceAccount', `    name: ${svc}`, `    namespace: ${namespace}`);
  } else {
    meta('ServiceAccount', 'v1');
    if (random.chance(0.5)) lines.push('automountServiceAccountToken: false');
  }
  return lines.join('\n') + '\n';
}

/** A multi-document manifest of about `targetLines` lines (the documents `---`-separated). */
export function generateManifest(seed: number, targetLines: number): string {
  const random = new Random(seed);
  const namespace = random.pick(['shop', 'payments', 'platform']);
  const parts: string[] = [];
  if (targetLines >= 400) parts.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n`);
  let lines = countLines(parts.join(''));
  while (lines < targetLines) {
    const object = (parts.length > 0 ? '---\n' : '') + k8sObject(random, namespace);
    parts.push(object);
    lines += countLines(object);
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Compose

function composeService(random: Random, serviceName: string): string[] {
  const lines = [`  ${serviceName}:`];
  if (random.chance(0.3)) lines.push('    build: .');
  else lines.push(`    image: ${image(random)}`);
  if (random.chance(0.2)) lines.push('    <<: *defaults');
  if (random.chance(0.5)) lines.push('    ports:', `      - "${random.pick(['8080:8080', '127.0.0.1:5432:5432', '3000:3000', '22:22'])}"`);
  lines.push('    environment:');
  lines.push(`      ${random.pick(['LOG_LEVEL: info', 'NODE_ENV: production', 'TZ: UTC'])}`);
  if (random.chance(0.3)) lines.push(`      ${random.pick(['POSTGRES_PASSWORD: hunter2-prod', 'API_KEY: sk_live_51HxY2zKJ8mQp4nR7tV0wA3bC', 'DB_PASSWORD: ${DB_PASSWORD}'])}`);
  if (random.chance(0.4)) lines.push('    volumes:', `      - ${random.pick(['data:/var/lib/data', './config:/etc/app:ro', '/var/run/docker.sock:/var/run/docker.sock', '/:/host'])}`);
  if (random.chance(0.15)) lines.push('    privileged: true');
  if (random.chance(0.15)) lines.push('    cap_add:', `      - ${random.pick(['NET_ADMIN', 'SYS_ADMIN'])}`);
  if (random.chance(0.4)) lines.push('    cap_drop:', '      - ALL', '    security_opt:', '      - no-new-privileges:true', '    read_only: true');
  if (random.chance(0.3)) lines.push(`    user: "${random.pick(['10001', 'root', '1000:1000'])}"`);
  if (random.chance(0.4)) lines.push('    deploy:', '      resources:', '        limits:', `          memory: ${random.pick(['256M', '1G'])}`, `          cpus: "${random.pick(['0.5', '1'])}"`);
  if (random.chance(0.5)) lines.push('    depends_on:', `      - ${random.pick(WORDS)}`);
  if (random.chance(0.2)) lines.push('    healthcheck:', '      test: ["CMD", "curl", "-f", "http://localhost:8080/healthz"]', '      interval: 30s');
  return lines;
}

/** A Compose file of about `targetLines` lines. */
export function generateCompose(seed: number, targetLines: number): string {
  const random = new Random(seed);
  const lines = ['# Generated stack', 'x-defaults: &defaults', '  restart: unless-stopped', '  logging:', '    driver: json-file', '', 'services:'];
  let index = 0;
  while (lines.length < targetLines) lines.push(...composeService(random, `${random.pick(WORDS)}-${index++}`));
  lines.push('', 'volumes:', '  data:', '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Workspace

export interface WorkspaceFile {
  path: string;
  text: string;
}

/**
 * A repository of `count` files: one folder per service with a Dockerfile and Kubernetes manifests,
 * some Compose files, and YAML that is not a container file (CI workflows) to classify and skip.
 * Files are 20–200 lines, as in real repositories.
 */
export function generateWorkspace(seed: number, count: number): WorkspaceFile[] {
  const random = new Random(seed);
  const files: WorkspaceFile[] = [];
  let service = 0;
  while (files.length < count) {
    const dir = `services/${random.pick(WORDS)}-${service}`;
    const s = seed * 7919 + service++;
    files.push({ path: `${dir}/Dockerfile`, text: generateDockerfile(s, random.int(15, 60)) });
    const manifests = random.int(1, 3);
    for (let m = 0; m < manifests && files.length < count; m++) files.push({ path: `${dir}/k8s/${random.pick(['deployment', 'service', 'rbac', 'cronjob', 'ingress'])}-${m}.yaml`, text: generateManifest(s * 31 + m, random.int(30, 200)) });
    if (files.length < count && random.chance(0.3)) files.push({ path: `${dir}/compose.yaml`, text: generateCompose(s * 17, random.int(20, 120)) });
    if (files.length < count && random.chance(0.15)) files.push({ path: `${dir}/.github/workflows/ci.yml`, text: 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n' });
  }
  return files;
}

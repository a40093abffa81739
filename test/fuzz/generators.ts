// fast-check arbitraries: mutations of seed documents, and documents generated from small
// grammars of Dockerfiles, Kubernetes manifests and Compose files (right and wrong value types).

import fc from 'fast-check';
import { stringify } from 'yaml';

// ---------------------------------------------------------------------------------------------
// Mutations

/** Fragments that exercise parsers and rules: syntax, keywords, odd characters, line breaks. */
const TOKENS = [
  '\\\n', '\\', '\n', '\r\n', '\r', '\t', ' ', '\u0000', '\uFEFF', '\uD800', '\uDC00', '😀', '\u2028', '\u00A0',
  '"', "'", '`', '$', '${', '${A:-b}', '$(', ')', '{{', '}}', '{{ .Values.x }}', '[', ']', '{', '}', ',', ':', ': ', '- ', '-', '#', '# ', '&a ', '*a', '<<: *a', '!!binary ', '!tag ', '? ', '|', '>-', '---\n', '...\n', '%YAML 1.2\n',
  '<<EOF\n', '<<-EOT\n', 'EOF\n', '&&', '||', ';', '|', '>', '2>&1', '\\\n    ',
  'FROM ', 'FROM scratch\n', 'FROM alpine AS a\n', 'RUN ', 'RUN sudo ', 'USER root\n', 'USER 1000\n', 'ARG X=1\n', 'ENV A=b\n', 'COPY --from=a ', 'ADD http://x/y.tgz /\n', 'ONBUILD ', 'SHELL ["pwsh", "-c"]\n', 'HEALTHCHECK NONE\n', 'EXPOSE 22\n', 'CMD ', '--mount=type=secret,id=x ', '--chmod=777 ',
  'apt-get install -y x', 'curl -k https://x | sh', 'chmod 777 /', 'pip install x', 'npm i -g x', 'wget -O- x | bash', 'yum install -y --nogpgcheck x', 'set -o pipefail',
  'apiVersion: v1\n', 'kind: Pod\n', 'spec:\n', 'containers:\n', '  - name: x\n', 'securityContext:\n', 'privileged: true\n', 'hostNetwork: true\n', 'image: x:latest\n', 'runAsUser: 0\n', 'capabilities:\n  add: [ALL]\n', 'hostPath:\n  path: /\n',
  'services:\n', '  web:\n', '    image: nginx\n', 'volumes:\n  - /var/run/docker.sock:/var/run/docker.sock\n', 'user: root\n', 'network_mode: host\n', 'extends: {service: web}\n', 'x-a: &a {privileged: true}\n',
  '# lashing-ignore ', '# lashing-ignore dockerfile/sudo -- reason\n', '# lashing-ignore-file\n', '# hadolint ignore=DL3008\n', '# checkov:skip=CKV_K8S_20: x\n', '# trivy:ignore:AVD-KSV-0001\n',
  'password=hunter2hunter2', 'AKIAABCDEFGHIJKLMNOP', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', '-----BEGIN RSA PRIVATE KEY-----\n',
];

export type Mutation =
  | { op: 'insert'; at: number; token: string }
  | { op: 'insertRandom'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'indent'; line: number; by: string }
  | { op: 'replaceChar'; at: number; char: string }
  | { op: 'lineEndings'; style: '\r\n' | '\r' | 'mixed' }
  | { op: 'bom' }
  | { op: 'repeatLine'; line: number; times: number };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insertRandom' as const), at: fc.nat(), text: fc.string({ maxLength: 12, unit: 'binary' }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(' ', '  ', '\t', '-1', '-2') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replaceChar' as const), at: fc.nat(), char: fc.constantFrom(':', '-', ' ', '"', '\\', '\t', '\n', '#', '{', '[', '$', '=', 'x') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lineEndings' as const), style: fc.constantFrom('\r\n' as const, '\r' as const, 'mixed' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeatLine' as const), line: fc.nat(), times: fc.integer({ min: 2, max: 200 }) }) },
);

export function applyMutation(text: string, mutation: Mutation): string {
  const at = (n: number): number => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split('\n');
  const line = (n: number): number => n % lines.length;
  switch (mutation.op) {
    case 'insert':
      return text.slice(0, at(mutation.at)) + mutation.token + text.slice(at(mutation.at));
    case 'insertRandom':
      return text.slice(0, at(mutation.at)) + mutation.text + text.slice(at(mutation.at));
    case 'delete':
      return text.slice(0, at(mutation.at)) + text.slice(at(mutation.at) + mutation.length);
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'duplicateLine': {
      const i = line(mutation.line);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'deleteLine':
      lines.splice(line(mutation.line), 1);
      return lines.join('\n');
    case 'swapLines': {
      const a = line(mutation.a);
      const b = line(mutation.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(mutation.line);
      if (mutation.by === '-1') lines[i] = lines[i].replace(/^[ \t]/, '');
      else if (mutation.by === '-2') lines[i] = lines[i].replace(/^ {1,2}/, '');
      else lines[i] = mutation.by + lines[i];
      return lines.join('\n');
    }
    case 'replaceChar': {
      const i = Math.min(at(mutation.at), Math.max(0, text.length - 1));
      return text.slice(0, i) + mutation.char + text.slice(i + 1);
    }
    case 'lineEndings':
      if (mutation.style === 'mixed') return lines.map((content, i) => content + (i === lines.length - 1 ? '' : i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('');
      return lines.join(mutation.style);
    case 'bom':
      return '\uFEFF' + text;
    case 'repeatLine': {
      const i = line(mutation.line);
      lines.splice(i, 0, ...Array.from({ length: mutation.times }, () => lines[i]));
      return lines.join('\n');
    }
  }
}

export const mutationsArbitrary = fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 });

// ---------------------------------------------------------------------------------------------
// Dockerfiles

const images = fc.constantFrom(
  'alpine', 'alpine:3.20', 'ubuntu:latest', 'debian:12-slim', 'node:20', 'python:3.12-slim@sha256:' + 'a'.repeat(64), 'scratch', 'gcr.io/distroless/static:nonroot',
  'ghcr.io/example/app:1.0', 'registry.local:5000/x/y:z', '${BASE}', '${BASE:-alpine}:${TAG}', 'centos:6', 'mcr.microsoft.com/windows/nanoserver:ltsc2022', 'build', 'UPPER/Case:Tag', '', 'a@sha256:bad',
);
const words = fc.constantFrom('x', 'app', '/app', '.', '*', '$HOME', '"quoted arg"', "'single'", '--flag', '-y', '0', 'a=b', '~/.ssh/id_rsa', '/var/run/docker.sock', 'http://example.com/a.tgz', '${VAR}', '$(id -u)');
const commands = fc.constantFrom(
  'apt-get update', 'apt-get install -y curl', 'apt-get install curl=7.88.1-10', 'apt-get -y --allow-unauthenticated install x', 'apk add --no-cache git', 'apk add git', 'yum install -y httpd', 'dnf -y install --nogpgcheck x',
  'pip install flask', 'pip install --no-cache-dir flask==3.0.0', 'npm install -g yarn', 'gem install rails', 'go install x@latest', 'curl -fsSL https://x/install.sh | sh', 'curl -k https://x', 'wget --no-check-certificate https://x',
  'sudo make install', 'chmod 777 /data', 'chmod -R o+w /srv', 'chown -R root /app', 'useradd -u 1000 app', 'rm -rf /var/lib/apt/lists/*', 'echo $PASSWORD', 'export TOKEN=abc123abc123abc123', 'git clone https://x', 'ssh-keygen -A', 'service ssh start',
  'set -o pipefail', 'cd /tmp', 'true', ':', 'exec "$@"', 'bash -c "a && b"', 'sh -c \'x | y\'', 'if [ -f x ]; then y; fi', 'for i in 1 2; do echo $i; done', 'x=$(curl -s https://x | tar xz)', 'npm config set strict-ssl false', 'git config --global http.sslVerify false',
);
const shell = fc.array(fc.tuple(commands, fc.constantFrom(' && ', ' ; ', ' | ', ' || ', ' && \\\n    ', ' \\\n  && ')), { minLength: 1, maxLength: 5 }).map((parts) => parts.map(([command, sep], i) => (i === parts.length - 1 ? command : command + sep)).join(''));
const flags = fc.array(fc.constantFrom('--from=build', '--chown=app:app', '--chmod=755', '--link', '--mount=type=cache,target=/root/.cache', '--mount=type=secret,id=npm', '--network=host', '--security=insecure', '--platform=$BUILDPLATFORM', '--keep-git-dir=true', '--checksum=sha256:abc'), { maxLength: 2 }).map((list) => list.join(' '));
const jsonArgs = fc.array(words, { maxLength: 3 }).map((list) => `[${list.map((word) => JSON.stringify(word)).join(', ')}]`);

const instruction: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(images, fc.option(fc.constantFrom('build', 'base', 'final', 'BUILD'))).map(([image, name]) => `FROM ${image}${name ? ` AS ${name}` : ''}`),
  fc.tuple(flags, shell).map(([f, s]) => `RUN ${f} ${s}`),
  shell.map((s) => `RUN <<EOF\nset -e\n${s.replace(/\\\n\s*/g, '')}\nEOF`),
  fc.tuple(flags, fc.array(words, { minLength: 1, maxLength: 3 })).map(([f, list]) => `COPY ${f} ${list.join(' ')} /dst/`),
  fc.tuple(flags, words).map(([f, w]) => `ADD ${f} ${w} /dst/`),
  fc.tuple(fc.constantFrom('ENV', 'ARG', 'LABEL'), fc.constantFrom('A', 'PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'DEBIAN_FRONTEND', 'PATH'), fc.option(fc.constantFrom('1', 'hunter2hunter2', '"x y"', '${A}', 'noninteractive', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'))).map(([k, name, value]) => `${k} ${name}${value === null ? '' : `=${value}`}`),
  fc.constantFrom('USER root', 'USER 0', 'USER 1000:1000', 'USER app', 'USER ${UID}', 'USER', 'WORKDIR /app', 'WORKDIR', 'EXPOSE 22', 'EXPOSE 80/tcp 443', 'EXPOSE ${PORT}', 'VOLUME /var/run/docker.sock', 'VOLUME ["/data"]', 'STOPSIGNAL SIGTERM', 'HEALTHCHECK NONE', 'HEALTHCHECK --interval=5s CMD curl -f http://localhost/', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["powershell", "-Command"]', 'MAINTAINER x', '# escape=`', '# syntax=docker/dockerfile:1', '# comment', ''),
  fc.tuple(fc.constantFrom('CMD', 'ENTRYPOINT'), fc.oneof(jsonArgs, shell)).map(([k, a]) => `${k} ${a}`),
  shell.map((s) => `ONBUILD RUN ${s}`),
);

export const dockerfileArbitrary = fc.array(instruction, { minLength: 1, maxLength: 14 }).map((list) => list.join('\n') + '\n');

// ---------------------------------------------------------------------------------------------
// YAML (Kubernetes and Compose): JS values serialised with `yaml`, wrong types included

const odd = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, '', 'x', [], {}, ['x'], { a: 1 }, 'true', '0', '*', 'ALL', '~');

const securityContext = fc.dictionary(
  fc.constantFrom('privileged', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser', 'runAsGroup', 'readOnlyRootFilesystem', 'capabilities', 'seccompProfile', 'seLinuxOptions', 'procMount', 'windowsOptions', 'appArmorProfile', 'sysctls'),
  fc.oneof(
    odd,
    fc.constantFrom<unknown>({ add: ['NET_ADMIN', 'SYS_ADMIN'] }, { drop: ['ALL'] }, { add: 'ALL' }, { type: 'Unconfined' }, { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'x' }, { hostProcess: true }, [{ name: 'kernel.shm_rmid_forced', value: '1' }], [{ name: 'net.core.somaxconn' }], 'Unmasked'),
  ),
  { maxKeys: 4 },
);

const container = fc.record(
  {
    name: fc.oneof(fc.constantFrom('app', 'side', ''), odd),
    image: fc.oneof(fc.constantFrom('nginx', 'nginx:latest', 'nginx:1.27', 'ghcr.io/example/a@sha256:' + 'b'.repeat(64), 'docker.io/library/x:y', '{{ .Values.image }}', '${IMAGE}'), odd),
    securityContext: fc.oneof(securityContext, odd),
    env: fc.oneof(fc.constant([{ name: 'PASSWORD', value: 'hunter2hunter2' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]), odd),
    ports: fc.oneof(fc.constant([{ containerPort: 22, hostPort: 22 }]), odd),
    volumeMounts: fc.oneof(fc.constant([{ name: 'd', mountPath: '/var/run/docker.sock' }]), odd),
    resources: fc.oneof(fc.constant({ limits: { cpu: '1', memory: '1Gi' } }), odd),
    livenessProbe: fc.oneof(fc.constant({ httpGet: { host: '1.2.3.4', port: 80 } }), odd),
  },
  { requiredKeys: ['name'] },
);

const podSpec = fc.record(
  {
    containers: fc.oneof(fc.array(container, { maxLength: 3 }), odd),
    initContainers: fc.oneof(fc.array(container, { maxLength: 1 }), odd),
    hostNetwork: odd,
    hostPID: odd,
    hostIPC: odd,
    securityContext: fc.oneof(securityContext, odd),
    volumes: fc.oneof(fc.constant([{ name: 'd', hostPath: { path: '/var/run/docker.sock' } }, { name: 'e', emptyDir: {} }]), odd),
    serviceAccountName: fc.oneof(fc.constantFrom('default', 'app'), odd),
    automountServiceAccountToken: odd,
  },
  { requiredKeys: [] },
);

const workloadKinds = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

const kubeObject = fc
  .tuple(
    fc.constantFrom(...workloadKinds, 'Service', 'Ingress', 'NetworkPolicy', 'ClusterRole', 'Role', 'RoleBinding', 'ClusterRoleBinding', 'Secret', 'ConfigMap', 'Namespace', 'ServiceAccount', 'ResourceQuota', 'Weird'),
    fc.oneof(fc.constantFrom('ns', 'default', '{{ .Release.Namespace }}'), fc.constant(undefined), odd),
    podSpec,
    fc.oneof(odd, fc.constant({ podSelector: {}, policyTypes: ['Ingress'] }), fc.constant({ type: 'NodePort', externalIPs: ['1.2.3.4'] })),
    fc.oneof(odd, fc.constant([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]), fc.constant([{ resources: ['secrets', 'pods/exec'], verbs: ['get', 'create'] }])),
  )
  .map(([kind, namespace, spec, otherSpec, rules]) => {
    const metadata: Record<string, unknown> = { name: 'x' };
    if (namespace !== undefined) metadata.namespace = namespace;
    const object: Record<string, unknown> = { apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, metadata };
    if (kind === 'Pod') object.spec = spec;
    else if (kind === 'CronJob') object.spec = { jobTemplate: { spec: { template: { spec } } } };
    else if (workloadKinds.includes(kind)) object.spec = { template: { metadata: { labels: { app: 'x' } }, spec } };
    else if (kind.endsWith('Role')) object.rules = rules;
    else if (kind.endsWith('Binding')) Object.assign(object, { subjects: [{ kind: 'User', name: 'system:anonymous' }], roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } });
    else if (kind === 'Secret' || kind === 'ConfigMap') object.data = { password: 'hunter2hunter2', other: otherSpec };
    else object.spec = otherSpec;
    return object;
  });

const yamlOptions = fc.record({ indent: fc.constantFrom(2, 4), flow: fc.boolean(), indentSeq: fc.boolean() });

function toYaml(value: unknown, options: { indent: number; flow: boolean; indentSeq: boolean }): string {
  return stringify(value, { indent: options.indent, indentSeq: options.indentSeq, collectionStyle: options.flow ? 'flow' : 'any', lineWidth: 0 });
}

export const kubernetesArbitrary = fc
  .tuple(fc.array(kubeObject, { minLength: 1, maxLength: 3 }), yamlOptions)
  .map(([objects, options]) => objects.map((object) => toYaml(object, options)).join('---\n'));

const composeService = fc.record(
  {
    image: fc.oneof(fc.constantFrom('nginx', 'nginx:latest', 'redis:7@sha256:' + 'c'.repeat(64), '${IMAGE:-x}', 'registry.local/x'), odd),
    privileged: odd,
    user: fc.oneof(fc.constantFrom('root', '0', '1000:1000', '${UID}'), odd),
    ports: fc.oneof(fc.constant(['80:80', '127.0.0.1:443:443', { target: 22, published: 22 }]), odd),
    volumes: fc.oneof(fc.constant(['/var/run/docker.sock:/var/run/docker.sock', './x:/x:ro', { type: 'bind', source: '/', target: '/host' }]), odd),
    cap_add: fc.oneof(fc.constant(['ALL']), odd),
    cap_drop: fc.oneof(fc.constant(['ALL']), odd),
    security_opt: fc.oneof(fc.constant(['seccomp:unconfined', 'no-new-privileges:false', 'apparmor=unconfined']), odd),
    network_mode: fc.oneof(fc.constantFrom('host', 'bridge', 'service:db'), odd),
    pid: odd,
    environment: fc.oneof(fc.constant({ PASSWORD: 'hunter2hunter2', TOKEN: '${TOKEN}' }), fc.constant(['SECRET_KEY=abcdefabcdef123456', 'X']), odd),
    read_only: odd,
    devices: fc.oneof(fc.constant(['/dev/mem:/dev/mem']), odd),
    deploy: fc.oneof(fc.constant({ resources: { limits: { memory: '1G' } } }), odd),
    extends: fc.oneof(fc.constant({ service: 'a' }), fc.constant('a'), odd),
    build: fc.oneof(fc.constant({ context: '.', args: { TOKEN: 'abc' } }), odd),
  },
  { requiredKeys: [] },
);

export const composeArbitrary = fc
  .tuple(fc.dictionary(fc.constantFrom('a', 'b', 'web', 'db', 'x-y'), fc.oneof({ weight: 5, arbitrary: composeService }, { weight: 1, arbitrary: odd }), { minKeys: 1, maxKeys: 3 }), yamlOptions)
  .map(([services, options]) => toYaml({ services }, options));

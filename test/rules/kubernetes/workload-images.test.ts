import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const pod = (images: string[]): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${images.map((image, index) => `    - name: c${index}\n      image: ${image}\n`).join('')}`;

describe('kubernetes/image-unpinned-tag', () => {
  const RULE = 'kubernetes/image-unpinned-tag';
  it('reports a missing tag on the image and `latest` on the tag', () => {
    expectFindings(RULE, 'pod.yaml', pod(['⟦nginx⟧', 'nginx:⟦latest⟧', '"ghcr.io/org/app:⟦latest⟧"', '⟦localhost:5000/tool⟧']));
  });
  it('reports init and ephemeral containers too', () => {
    expectFindings(
      RULE,
      'pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: ⟦busybox⟧
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:⟦latest⟧
`,
    );
  });
  it('stays silent for versions, digests, templated and variable images', () => {
    expectFindings(RULE, 'pod.yaml', pod(['nginx:1.27.3', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'registry.example.com:5000/team/app:2.4.1', '${IMAGE}', 'registry.example.com/app:$(TAG)']));
    expectFindings(
      RULE,
      'chart/templates/pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
spec:
  containers:
    - name: app
      image: "{{ .Values.image.repository }}"
    - name: sidecar
      image: {{ .Values.sidecar.image }}
`,
    );
  });
});

describe('kubernetes/image-no-digest', () => {
  const RULE = 'kubernetes/image-no-digest';
  it('reports images without a digest', () => {
    expectFindings(RULE, 'pod.yaml', pod(['⟦nginx:1.27⟧', '⟦"quay.io/prometheus/node-exporter:v1.8.2"⟧']));
  });
  it('stays silent for digests (with or without a tag) and templates', () => {
    expectFindings(RULE, 'pod.yaml', pod(['nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '"{{ .Values.image }}"']));
  });
});

describe('kubernetes/untrusted-registry', () => {
  const RULE = 'kubernetes/untrusted-registry';
  const config = { trustedRegistries: ['registry.example.com', 'ghcr.io/my-org', 'docker.io/library'] };
  it('is inactive until trusted registries are configured', () => {
    expectFindings(RULE, 'pod.yaml', pod(['quay.io/evil/tool:1.0']));
  });
  it('reports the registry of untrusted images, or the whole image for implicit Docker Hub', () => {
    expectFindings(RULE, 'pod.yaml', pod(['⟦quay.io⟧/evil/tool:1.0', '⟦ghcr.io⟧/other-org/app:2.0', '⟦someone/tool:1.0⟧', 'nginx:1.27', 'registry.example.com/team/app:3.1', 'ghcr.io/my-org/app:1.0']), { config });
  });
});

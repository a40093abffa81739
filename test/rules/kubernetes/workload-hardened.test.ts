// Well-written manifests must raise nothing from the workload and cluster rules; exemption
// annotations and comments of other tools are honoured through the rules' anchors.

import { describe, it } from 'node:test';
import { analyze, assert } from '../../helpers';
import { ManifestIndex } from '../../../server/src/kubernetes/index-facts';
import { workloadRules } from '../../../server/src/rules/kubernetes/group-workload';
import { clusterRules } from '../../../server/src/rules/kubernetes/group-cluster';

const OURS = new Set([...workloadRules, ...clusterRules].map((rule) => rule.id));

const NAMESPACE_FILE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: shop
spec:
  hard:
    requests.cpu: "8"
    requests.memory: 16Gi
    limits.memory: 16Gi
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: web
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
      ports:
        - port: 8080
`;

const APP_FILE = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      serviceAccountName: web
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: registry.example.com/shop/web:2.4.1@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: DB_HOST
              value: postgres.shop.svc
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: web-db
                  key: password
            - name: DB_PASSWORD_FILE
              value: /var/run/secrets/db/password
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: 256Mi
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: tz
              mountPath: /etc/localtime
              readOnly: true
      volumes:
        - name: tmp
          emptyDir: {}
        - name: tz
          hostPath:
            path: /usr/share/zoneinfo/UTC
            type: File
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app.kubernetes.io/name: web
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: web-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  name: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
  namespace: shop
data:
  LOG_LEVEL: info
  PASSWORD_MIN_LENGTH: "12"
  application.yaml: |
    server:
      port: 8080
    database:
      url: jdbc:postgresql://postgres.shop.svc:5432/shop
      password: \${DB_PASSWORD}
`;

function ours(path: string, text: string, workspace?: Parameters<typeof analyze>[2]): string[] {
  return analyze(path, text, workspace).filter((finding) => OURS.has(finding.ruleId)).map((finding) => `${finding.ruleId}@${finding.range.start.line + 1}: ${finding.message}`);
}

describe('hardened manifests', () => {
  it('a hardened app with NetworkPolicy, quota and namespace labels in the workspace raises nothing', () => {
    const index = new ManifestIndex();
    index.update('k8s/namespace.yaml', NAMESPACE_FILE);
    index.update('k8s/app.yaml', APP_FILE);
    const workspace = { workspace: { fileExists: () => true, manifests: index.facts() } };
    assert.deepEqual(ours('k8s/app.yaml', APP_FILE, workspace), []);
    assert.deepEqual(ours('k8s/namespace.yaml', NAMESPACE_FILE, workspace), []);
  });

  it('the same app in one file (no index) raises nothing either', () => {
    assert.deepEqual(ours('k8s/all.yaml', `${NAMESPACE_FILE}---\n${APP_FILE}`), []);
  });

  it('without the policy and quota, only the cross-file rules speak', () => {
    const findings = ours('k8s/app.yaml', APP_FILE).map((line) => line.split('@')[0]);
    assert.deepEqual(findings.sort(), ['kubernetes/missing-network-policy', 'kubernetes/namespace-without-quota']);
  });
});

describe('exemptions of other tools', () => {
  it('kube-linter and Polaris annotations suppress the matching rules', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  annotations:
    ignore-check.kube-linter.io/latest-tag: "promoted by digest in CD"
    ignore-check.kube-linter.io/unset-memory-requirements: "sized by VPA"
    polaris.fairwinds.com/notReadOnlyRootFilesystem-exempt: "true"
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: app
          image: nginx:latest
`;
    const ids = analyze('legacy.yaml', text).map((finding) => finding.ruleId);
    for (const id of ['kubernetes/image-unpinned-tag', 'kubernetes/resources-missing', 'kubernetes/read-only-root-filesystem']) assert.ok(!ids.includes(id), `${id} is exempted`);
    assert.ok(ids.includes('kubernetes/image-no-digest'), 'other rules still run');
  });

  it('a lashing-ignore comment above a container covers it', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  automountServiceAccountToken: false
  containers:
    # lashing-ignore kubernetes/read-only-root-filesystem -- writes its cache to the image
    - name: app
      image: nginx:1.27
`;
    assert.ok(!analyze('pod.yaml', text).some((finding) => finding.ruleId === 'kubernetes/read-only-root-filesystem'));
  });
});

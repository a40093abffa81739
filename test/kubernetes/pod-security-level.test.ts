import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../helpers';
import { workloadLevels, lensTitle } from '../../server/src/kubernetes/pod-security-level';
import { mergeConfig } from '../../server/src/engine/config';
import type { KubernetesModel } from '../../server/src/kubernetes/model';

function levels(text: string, profile: 'baseline' | 'restricted' = 'restricted') {
  const model = engine.parse('kubernetes', text, 'deploy.yaml') as KubernetesModel;
  return workloadLevels(engine, model, { path: 'deploy.yaml', text, config: mergeConfig({ kubernetes: { profile } }) });
}

const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hardened
spec:
  selector: { matchLabels: { app: h } }
  template:
    metadata:
      labels: { app: h }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
`;

describe('Pod Security level per workload', () => {
  it('a hardened Deployment meets restricted', () => {
    const [workload] = levels(HARDENED);
    assert.equal(workload.level, 'restricted');
    assert.equal(lensTitle(workload), 'Pod Security: restricted ✓');
    assert.equal(workload.range.start.line, 0);
  });
  it('a pod that only misses restricted settings meets baseline, whatever the configured profile', () => {
    const text = HARDENED.replace('            allowPrivilegeEscalation: false\n', '');
    const [workload] = levels(text, 'baseline');
    assert.equal(workload.level, 'baseline');
    assert.ok(workload.findings.some((f) => f.ruleId === 'kubernetes/allow-privilege-escalation'));
  });
  it('a privileged pod in a multi-document file is privileged, on its own document line', () => {
    const text = `${HARDENED}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: busybox:1.36\n`;
    const result = levels(text);
    assert.equal(result.length, 2);
    assert.equal(result[0].level, 'restricted');
    assert.equal(result[1].level, 'privileged');
    assert.equal(result[1].range.start.line, 22);
    assert.match(lensTitle(result[1]), /privileged — \d+ baseline finding/);
  });
});

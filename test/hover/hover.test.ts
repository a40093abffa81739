import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engine, parseMarkers } from '../helpers';
import { hoverAt } from '../../server/src/hover';
import { mergeConfig } from '../../server/src/engine/config';

/** Hover text at the ⟦ marker ⟧ position. */
function hoverText(path: string, marked: string): string {
  const { text, ranges } = parseMarkers(marked);
  const kind = engine.detectKind(path, text);
  assert.ok(kind);
  const model = engine.parse(kind, text, path)!;
  const result = engine.analyzeParsed(model, { path, text, config: mergeConfig() });
  const hover = hoverAt(engine, { model, result }, ranges[0].start);
  return hover ? (hover.contents as { value: string }).value : '';
}

describe('hover', () => {
  it('shows the rule documentation on a finding', () => {
    const text = hoverText('Dockerfile', 'FROM debian:12\nRUN ⟦⟧sudo make\n');
    assert.match(text, /dockerfile\/sudo/);
    assert.match(text, /Why it matters/);
    assert.match(text, /How to fix/);
  });
  it('explains Dockerfile instructions and flags without a finding', () => {
    assert.match(hoverText('Dockerfile', 'FROM debian:12\n⟦⟧USER 1000\n'), /non-root/);
    assert.match(hoverText('Dockerfile', 'FROM debian:12\nRUN ⟦⟧--mount=type=secret,id=npm npm ci\n'), /secret/);
  });
  it('explains security-relevant Kubernetes fields with the Pod Security level', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        ⟦⟧allowPrivilegeEscalation: false\n';
    const text = hoverText('pod.yaml', manifest);
    assert.match(text, /allowPrivilegeEscalation/);
    assert.match(text, /restricted/);
    assert.match(text, /Safe value: `false`/);
  });
  it('explains RBAC verbs', () => {
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    ⟦⟧verbs: ["get"]\n';
    assert.match(hoverText('role.yaml', role), /escalat/);
  });
});

import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const policy = (rules: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
${rules}`;

describe('kubernetes/network-policy-allow-all', () => {
  const RULE = 'kubernetes/network-policy-allow-all';
  it('reports empty ingress and egress rules', () => {
    expectFindings(RULE, 'np.yaml', policy('  ingress:\n    - ⟦{}⟧\n  egress:\n    - ⟦{}⟧\n'));
    expectFindings(RULE, 'np.yaml', policy('  ingress:\n    - ⟦from⟧: []\n  egress:\n    - ⟦to⟧:\n'));
  });
  it('stays silent for rules with peers or ports, and for default deny', () => {
    expectFindings(RULE, 'np.yaml', policy('  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: web}}\n  egress:\n    - ports:\n        - {protocol: UDP, port: 53}\n'));
    expectFindings(RULE, 'np.yaml', policy(''));
    expectFindings(RULE, 'np.yaml', policy('  ingress: []\n  egress: []\n'));
  });
});

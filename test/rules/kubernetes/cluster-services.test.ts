import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const service = (spec: string, annotations = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: web
${annotations}spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
${spec}`;

describe('kubernetes/service-external-ips', () => {
  const RULE = 'kubernetes/service-external-ips';
  it('reports externalIPs', () => {
    expectFindings(RULE, 'svc.yaml', service('  ⟦externalIPs⟧:\n    - 203.0.113.10\n'));
  });
  it('stays silent without them', () => {
    expectFindings(RULE, 'svc.yaml', service('  externalIPs: []\n'));
    expectFindings(RULE, 'svc.yaml', service('  type: ClusterIP\n'));
  });
});

describe('kubernetes/service-exposed', () => {
  const RULE = 'kubernetes/service-exposed';
  it('reports NodePort and public LoadBalancer Services', () => {
    expectFindings(RULE, 'svc.yaml', service('  type: ⟦NodePort⟧\n'));
    expectFindings(RULE, 'svc.yaml', service('  type: ⟦LoadBalancer⟧\n'));
    expectFindings(RULE, 'svc.yaml', service('  type: ⟦LoadBalancer⟧\n  loadBalancerSourceRanges: ["0.0.0.0/0"]\n'));
  });
  it('stays silent for ClusterIP, internal and source-restricted load balancers', () => {
    expectFindings(RULE, 'svc.yaml', service('  type: ClusterIP\n'));
    expectFindings(RULE, 'svc.yaml', service('  type: LoadBalancer\n', '  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-scheme: internal\n'));
    expectFindings(RULE, 'svc.yaml', service('  type: LoadBalancer\n', '  annotations:\n    networking.gke.io/load-balancer-type: "Internal"\n'));
    expectFindings(RULE, 'svc.yaml', service('  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 10.0.0.0/8\n'));
    expectFindings(RULE, 'chart/templates/svc.yaml', service('  type: {{ .Values.service.type }}\n'));
  });
});

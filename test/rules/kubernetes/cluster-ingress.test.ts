import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ingress = (spec: string, annotations = ''): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
${annotations}spec:
${spec}`;

const RULES_BLOCK = `  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`;

describe('kubernetes/ingress-without-tls', () => {
  const RULE = 'kubernetes/ingress-without-tls';
  it('reports an Ingress without tls at its spec key, and an empty tls list', () => {
    expectFindings(RULE, 'ing.yaml', ingress(RULES_BLOCK).replace('spec:', '⟦spec⟧:'));
    expectFindings(RULE, 'ing.yaml', ingress(`  ⟦tls⟧: []\n${RULES_BLOCK}`));
  });
  it('stays silent with tls, certificates managed by annotations, and patches', () => {
    expectFindings(RULE, 'ing.yaml', ingress(`  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n${RULES_BLOCK}`));
    expectFindings(RULE, 'ing.yaml', ingress(RULES_BLOCK, '  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc\n'));
    expectFindings(RULE, 'ing.yaml', ingress(RULES_BLOCK, '  annotations:\n    networking.gke.io/managed-certificates: shop-cert\n'));
    expectFindings(RULE, 'overlays/prod/ingress-patch.yaml', ingress(RULES_BLOCK));
  });
  it('fix adds a tls block for the rule hosts (after ingressClassName when present)', () => {
    assertFixRoundTrip(
      RULE,
      'ing.yaml',
      ingress(`  ingressClassName: nginx\n${RULES_BLOCK}`),
      ingress(`  ingressClassName: nginx\n  tls:\n    - hosts:\n        - shop.example.com\n      secretName: shop-tls\n${RULES_BLOCK}`),
      { title: 'Add a tls block (certificate in Secret "shop-tls")' },
    );
    assertFixRoundTrip(
      RULE,
      'ing.yaml',
      ingress('  defaultBackend:\n    service:\n      name: web\n      port: {number: 80}\n'),
      ingress('  defaultBackend:\n    service:\n      name: web\n      port: {number: 80}\n  tls:\n    - secretName: shop-tls\n'),
      { title: /^Add a tls block/ },
    );
  });
});

describe('kubernetes/ingress-nginx-snippets', () => {
  const RULE = 'kubernetes/ingress-nginx-snippets';
  const tls = `  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n${RULES_BLOCK}`;
  it('reports every ingress-nginx snippet annotation', () => {
    expectFindings(
      RULE,
      'ing.yaml',
      ingress(tls, '  annotations:\n    ⟦nginx.ingress.kubernetes.io/configuration-snippet⟧: |\n      more_set_headers "X-Frame-Options: DENY";\n    ⟦nginx.ingress.kubernetes.io/server-snippet⟧: "location /x { return 403; }"\n    nginx.ingress.kubernetes.io/rewrite-target: /\n'),
    );
  });
  it('stays silent for other annotations and other controllers', () => {
    expectFindings(RULE, 'ing.yaml', ingress(tls, '  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m\n    nginx.org/server-snippets: "add_header X 1;"\n'));
  });
  it('fix removes the annotation, multi-line value included', () => {
    assertFixRoundTrip(
      RULE,
      'ing.yaml',
      ingress(tls, '  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "X-Frame-Options: DENY";\n    nginx.ingress.kubernetes.io/rewrite-target: /\n'),
      ingress(tls, '  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /\n'),
    );
    assertFixRoundTrip(RULE, 'ing.yaml', ingress(tls, '  annotations:\n    nginx.ingress.kubernetes.io/auth-snippet: "x"\n'), ingress(tls, '  annotations: {}\n'));
  });
});

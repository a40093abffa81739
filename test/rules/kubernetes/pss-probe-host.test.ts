import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/probe-host';
const TEXT = `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: a
    image: x
    livenessProbe:
      httpGet:
        ⟦host⟧: 127.0.0.1
        port: 8080
    readinessProbe:
      tcpSocket: {⟦host⟧: metadata.internal, port: 80}
    startupProbe:
      httpGet: {path: /, port: 8080, httpHeaders: [{name: Host, value: example.com}]}
    lifecycle:
      preStop:
        httpGet:
          ⟦host⟧: 10.0.0.1
          port: 80
`;

describe(ID, () => {
  it('reports a host in probes and lifecycle handlers from 1.34', () => {
    expectFindings(ID, 'p.yaml', TEXT);
    expectFindings(ID, 'p.yaml', TEXT, { config: { kubernetes: { profile: 'baseline', version: 34 } } });
  });
  it('stays silent before 1.34', () => {
    expectFindings(ID, 'p.yaml', TEXT.replace(/[⟦⟧]/g, ''), { config: { kubernetes: { version: 33 } } });
  });
  it('fix removes host', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    livenessProbe:\n      httpGet:\n        host: 127.0.0.1\n        port: 8080\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    livenessProbe:\n      httpGet:\n        port: 8080\n');
  });
});

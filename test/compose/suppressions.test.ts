import { describe, it } from 'node:test';
import { analyze, assert, expectFindings } from '../helpers';

describe('compose suppressions', () => {
  it('a comment above a setting, or at its end, suppresses that finding', () => {
    expectFindings('compose/privileged', 'compose.yaml', 'services:\n  app:\n    image: nginx:1.27\n    # lashing-ignore compose/privileged -- needs /dev access for the USB dongle\n    privileged: true\n');
    expectFindings('compose/host-namespace', 'compose.yaml', 'services:\n  app:\n    image: nginx:1.27\n    network_mode: host # lashing-ignore compose/host-namespace -- multicast discovery\n');
  });
  it('a comment above a service covers its missing-setting findings', () => {
    const text = 'services:\n  # lashing-ignore compose/read-only-filesystem, compose/resources-missing -- legacy app, tracked in JIRA-1\n  legacy:\n    image: example/legacy:3.1\n  web:\n    image: nginx:1.27\n';
    const ids = analyze('compose.yaml', text)
      .filter((f) => f.ruleId === 'compose/read-only-filesystem' || f.ruleId === 'compose/resources-missing')
      .map((f) => `${f.ruleId}@${f.range.start.line}`);
    assert.deepEqual(ids.sort(), ['compose/read-only-filesystem@4', 'compose/resources-missing@4']);
  });
  it('a comment in an anchor suppresses the one finding there', () => {
    expectFindings('compose/capabilities-added', 'compose.yaml', 'x-caps: &caps\n  cap_add:\n    # lashing-ignore compose/capabilities-added -- VPN client\n    - NET_ADMIN\nservices:\n  a:\n    <<: *caps\n    image: gluetun:v3\n  b:\n    <<: *caps\n    image: gluetun:v3\n');
  });
  it('reports suppressions without a reason and unused ones', () => {
    const findings = analyze('compose.yaml', 'services:\n  app:\n    image: nginx:1.27\n    # lashing-ignore compose/privileged\n    privileged: true\n    # lashing-ignore compose/host-devices -- none here\n    restart: always\n');
    const ids = findings.map((f) => f.ruleId);
    assert.ok(ids.includes('compose/suppression-without-reason'));
    assert.ok(ids.includes('compose/unused-suppression'));
    assert.ok(!ids.includes('compose/privileged'));
  });
  it('a file-wide suppression silences a rule everywhere', () => {
    expectFindings('compose/image-no-digest', 'compose.yaml', '# lashing-ignore-file compose/image-no-digest -- digests are pinned by Renovate in CI\nservices:\n  a:\n    image: nginx:1.27\n  b:\n    image: redis:7\n');
  });
});

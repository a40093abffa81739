import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/capabilities-added';
const pod = (caps: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      capabilities:\n${caps}`;

describe(ID, () => {
  it('reports each capability outside the baseline set, at the item', () => {
    const findings = expectFindings(ID, 'p.yaml', pod('        add:\n        - ⟦SYS_ADMIN⟧\n        - NET_BIND_SERVICE\n        - ⟦"IPC_LOCK"⟧\n'));
    assert.deepEqual(findings.map((f) => f.severity), ['error', 'warning']);
  });
  it('compares names exactly (lowercase and CAP_ prefixes are not in the set)', () => {
    const findings = expectFindings(ID, 'p.yaml', pod('        add: [⟦chown⟧, ⟦CAP_CHOWN⟧]\n'));
    assert.match(findings[0].message, /write `CHOWN`/);
  });
  it('stays silent for the baseline set and for drop lists', () => {
    expectFindings(ID, 'p.yaml', pod('        add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]\n        drop: [SYS_ADMIN, ALL]\n'));
  });
  it('fix removes the entry, or rewrites a misspelt one', () => {
    assertFixRoundTrip(ID, 'p.yaml', pod('        add:\n        - NET_ADMIN\n        - NET_BIND_SERVICE\n'), pod('        add:\n        - NET_BIND_SERVICE\n'));
    assertFixRoundTrip(ID, 'p.yaml', pod('        add: ["CAP_CHOWN"]\n'), pod('        add: ["CHOWN"]\n'));
  });
});

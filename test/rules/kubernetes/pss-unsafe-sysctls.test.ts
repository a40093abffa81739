import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/unsafe-sysctls';
const pod = (sysctls: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    sysctls:\n${sysctls}  containers:\n  - name: a\n    image: x\n`;

describe(ID, () => {
  it('reports sysctls outside the safe set at the name', () => {
    expectFindings(ID, 'p.yaml', pod('    - name: ⟦kernel.msgmax⟧\n      value: "65536"\n    - name: net.ipv4.tcp_syncookies\n      value: "1"\n'));
  });
  it('follows the safe set of the configured version', () => {
    const text = pod('    - name: net.ipv4.tcp_keepalive_time\n      value: "600"\n    - name: net.ipv4.tcp_rmem\n      value: 4096 87380 16777216\n    - name: net.ipv4.tcp_notsent_lowat\n      value: "16384"\n');
    expectFindings(ID, 'p.yaml', text);
    expectFindings(ID, 'p.yaml', text.replace('name: net.ipv4.tcp_notsent_lowat', 'name: ⟦net.ipv4.tcp_notsent_lowat⟧'), { config: { kubernetes: { version: 36 } } });
    expectFindings(ID, 'p.yaml', text.replace('name: net.ipv4.tcp_notsent_lowat', 'name: ⟦net.ipv4.tcp_notsent_lowat⟧').replace('name: net.ipv4.tcp_rmem', 'name: ⟦net.ipv4.tcp_rmem⟧'), { config: { kubernetes: { version: 31 } } });
    expectFindings(ID, 'p.yaml', text.replace(/name: (net\.ipv4\.\w+)/g, 'name: ⟦$1⟧'), { config: { kubernetes: { version: 28 } } });
  });
  it('fix removes the sysctl', () => {
    assertFixRoundTrip(ID, 'p.yaml', pod('    - name: kernel.msgmax\n      value: "65536"\n    - name: net.ipv4.tcp_syncookies\n      value: "1"\n'), pod('    - name: net.ipv4.tcp_syncookies\n      value: "1"\n'));
  });
});

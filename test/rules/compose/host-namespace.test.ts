import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/host-namespace';

describe(ID, () => {
  it('reports every host namespace at its value', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: nginx:1.27', '    network_mode: ⟦host⟧', '    pid: ⟦"host"⟧', '    ipc: ⟦host⟧', '    userns_mode: ⟦host⟧', '    uts: ⟦host⟧', '    cgroup: ⟦host⟧'),
    );
  });
  it('reports a namespace set in an anchor once, at the anchor', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-net: &net', '  network_mode: ⟦host⟧', 'services:', '  a:', '    <<: *net', '    image: nginx:1.27', '  b:', '    <<: *net', '    image: redis:7'));
  });
  it('stays silent for other modes', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: nginx:1.27', '    network_mode: "service:db"', '    pid: "container:abc"', '    ipc: shareable', '    cgroup: private', '  db:', '    image: postgres:16', '    network_mode: bridge', '    hostname: host'),
    );
  });
  it('fix removes the key', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    image: nginx:1.27', '    network_mode: host', '    restart: always'), yaml('services:', '  app:', '    image: nginx:1.27', '    restart: always'));
  });
  it('fix keeps CRLF line breaks', () => {
    assertFixRoundTrip(ID, 'compose.yaml', 'services:\r\n  app:\r\n    image: nginx:1.27\r\n    pid: host\r\n    restart: always\r\n', 'services:\r\n  app:\r\n    image: nginx:1.27\r\n    restart: always\r\n');
  });
  it('reads variable defaults (`${NET_MODE:-host}`), not variables without one', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: nginx:1.27', '    network_mode: ⟦${NET_MODE:-host}⟧', '    pid: "${PID_MODE}"', '    ipc: ${IPC_MODE:-private}'));
  });
});

import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/capabilities-added';

describe(ID, () => {
  it('reports dangerous capabilities in block and flow lists', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    cap_add:', '      - ⟦NET_ADMIN⟧', '      - ⟦CAP_SYS_ADMIN⟧', '      - NET_BIND_SERVICE', '  dbg:', '    image: alpine:3.20', '    cap_add: [⟦SYS_PTRACE⟧, CHOWN, ⟦all⟧]'));
  });
  it('reports once in an anchor', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-caps: &caps', '  cap_add: [⟦NET_RAW⟧]', 'services:', '  a:', '    <<: *caps', '    image: nginx:1.27', '  b:', '    <<: *caps', '    image: nginx:1.27'));
  });
  it('stays silent for narrow capabilities', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL]', '    cap_add:', '      - CHOWN', '      - SETUID', '      - SETGID', '      - NET_BIND_SERVICE', '      - DAC_OVERRIDE'));
  });
  it('fix removes the entry, or the whole key when it was the only one', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    cap_add:', '      - NET_ADMIN # tunnel', '      - NET_BIND_SERVICE', '    restart: always'),
      yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    cap_add:', '      - NET_BIND_SERVICE', '    restart: always'),
    );
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    cap_add: [SYS_ADMIN]', '    restart: always'), yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    restart: always'));
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    cap_add: [CHOWN, SYS_ADMIN]'), yaml('services:', '  vpn:', '    image: qmcgaw/gluetun:v3.39', '    cap_add: [CHOWN]'));
  });
});

import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/host-devices';

describe(ID, () => {
  it('reports host devices at the host path', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: jellyfin/jellyfin:10.9.11', '    devices:', '      - ⟦/dev/dri⟧:/dev/dri', '      - "⟦/dev/ttyUSB0⟧:/dev/ttyACM0:rwm"', '      - ⟦/dev/net/tun⟧', '      - ⟦${GPU_DEVICE:-/dev/nvidia0}⟧:/dev/nvidia0'),
    );
  });
  it('stays silent without devices, for CDI names and unresolved variables', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    image: example/ml:1.0', '    devices:', '      - nvidia.com/gpu=all', '      - ${SERIAL_DEVICE}:/dev/ttyS0', '  web:', '    image: nginx:1.27'));
  });
  it('reports device_cgroup_rules that open every device of a type', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: alpine:3.20', '    device_cgroup_rules:', '      - ⟦"a *:* rwm"⟧', '      - ⟦b *:* rw⟧', '      - ⟦a⟧', '      - "c 1:3 mr"', '      - "a 7:* rmw"', '      - "c *:* m"'),
    );
  });
});

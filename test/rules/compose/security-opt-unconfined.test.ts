import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/security-opt-unconfined';

describe(ID, () => {
  it('reports each unconfined option', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: nginx:1.27', '    security_opt:', '      - ⟦seccomp:unconfined⟧', '      - ⟦"apparmor=unconfined"⟧', '      - ⟦label:disable⟧', '      - ⟦systempaths=unconfined⟧', '      - no-new-privileges:true'),
    );
  });
  it('reports once in an anchor', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-dev: &dev', '  security_opt: [⟦seccomp=unconfined⟧]', 'services:', '  a:', '    <<: *dev', '    image: nginx:1.27', '  b:', '    <<: *dev', '    image: nginx:1.27'));
  });
  it('stays silent for profiles and labels that confine', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    image: nginx:1.27', '    security_opt:', '      - seccomp:./seccomp.json', '      - apparmor:docker-default', '      - label:type:container_t', '      - label=level:s0:c100,c200'));
  });
  it('fix removes the item, or the key when it was the only one', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: nginx:1.27', '    security_opt:', '      - seccomp:unconfined', '      - no-new-privileges:true'),
      yaml('services:', '  app:', '    image: nginx:1.27', '    security_opt:', '      - no-new-privileges:true'),
    );
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    image: nginx:1.27', '    security_opt:', '      - apparmor:unconfined', '    restart: always'), yaml('services:', '  app:', '    image: nginx:1.27', '    restart: always'));
  });
  it('reads an option from a variable default', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: nginx:1.27', '    security_opt:', '      - ⟦"${SECCOMP:-seccomp:unconfined}"⟧', '      - "${APPARMOR}"'));
  });
});

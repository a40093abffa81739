import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/no-new-privileges';

describe(ID, () => {
  it('reports a missing option at the service key or at security_opt, and a false value at the item', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  ⟦web⟧:', '    image: nginx:1.27', '  app:', '    image: node:22-alpine', '    ⟦security_opt⟧:', '      - label:type:container_t', '  db:', '    image: postgres:16', '    security_opt:', '      - ⟦no-new-privileges:false⟧'),
    );
  });
  it('accepts every spelling, in anchors and extended services', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'x-sec: &sec',
        '  security_opt: [no-new-privileges:true]',
        'services:',
        '  a:',
        '    <<: *sec',
        '    image: nginx:1.27',
        '  b:',
        '    image: nginx:1.27',
        '    security_opt: ["no-new-privileges=true"]',
        '  c:',
        '    image: nginx:1.27',
        '    security_opt: [no-new-privileges]',
        '  d:',
        '    extends: b',
      ),
    );
  });
  it('stays silent for override fragments', () => {
    expectFindings(ID, 'compose.override.yaml', yaml('services:', '  web:', '    environment:', '      DEBUG: "1"'));
  });
  it('fix appends to an existing list (block and flow)', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt:', '    - label:type:container_t', '    restart: always'),
      yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt:', '    - label:type:container_t', '    - "no-new-privileges:true"', '    restart: always'),
    );
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt: [apparmor:docker-default]'), yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt: [apparmor:docker-default, "no-new-privileges:true"]'));
  });
  it('fix adds security_opt to the service', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    image: node:22-alpine', '  db:', '    image: postgres:16', '    security_opt: [no-new-privileges:true]'), yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt:', '      - "no-new-privileges:true"', '  db:', '    image: postgres:16', '    security_opt: [no-new-privileges:true]'));
  });
  it('fix turns false into true', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt:', '      - "no-new-privileges:false"'), yaml('services:', '  app:', '    image: node:22-alpine', '    security_opt:', '      - "no-new-privileges:true"'));
  });
  it('stays silent on Linux-only settings for Windows containers', () => {
    // dockersamples/example-voting-app docker-compose-windows.yml: a Linux-only option
    expectFindings(ID, 'compose.yaml', yaml('services:', '  message-queue:', '    image: nats:nanoserver', '  ⟦web⟧:', '    image: nginx:1.27'));
  });
});

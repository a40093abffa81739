import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/port-all-interfaces';

describe(ID, () => {
  it('reports short syntax bound to all interfaces', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - ⟦"8080:80"⟧', '      - ⟦3000⟧', '      - ⟦0.0.0.0:8443:443/tcp⟧', '      - ⟦"${WEB_PORT:-8000}:8000"⟧', '      - ⟦"[::]:9000:9000"⟧', '      - ⟦"6000-6005:6000-6005/udp"⟧'),
    );
  });
  it('reports long syntax without host_ip at the published port', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: ⟦"8080"⟧', '      - ⟦target⟧: 443', '        protocol: tcp'));
  });
  it('stays silent for loopback and specific addresses, unresolved variables and host networking', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    expose: ["80"]',
        '    ports:',
        '      - "127.0.0.1:8080:80"',
        '      - 127.0.0.1::5000',
        '      - "[::1]:6001:6001"',
        '      - 192.168.1.10:8081:80',
        '      - "${BIND_ADDR}:8082:80"',
        '      - ${PORT}',
        '      - "${HOST_IP:-127.0.0.1}:8083:80"',
        '      - target: 80',
        '        host_ip: 127.0.0.1',
        '        published: 8084',
        '  host:',
        '    image: nginx:1.27',
        '    network_mode: host',
        '    ports: ["80:80"]',
      ),
    );
  });
  it('fix binds short syntax to 127.0.0.1, keeping quotes', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80" # web'), yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1:8080:80" # web'));
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    ports: [3000]'), yaml('services:', '  web:', '    image: nginx:1.27', '    ports: ["127.0.0.1::3000"]'));
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - 0.0.0.0:8443:443'), yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - 127.0.0.1:8443:443'));
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', "      - '[::]:9000:9000'"), yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', "      - '[::1]:9000:9000'"));
  });
  it('fix adds host_ip in long syntax', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080', '        protocol: tcp'),
      yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080', '        protocol: tcp', '        host_ip: "127.0.0.1"'),
    );
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080', '        host_ip: 0.0.0.0'),
      yaml('services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080', '        host_ip: "127.0.0.1"'),
    );
  });
  it('keeps !override ports from merging with the base\'s', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  base:', '    image: nginx:1.27', '    ports:', '      - ⟦"8081:80"⟧', '  child:', '    extends: base', '    ports: !override', '      - "127.0.0.1:8080:80"'),
    );
  });
  it('reads a host address from a default that holds a colon (mailcow)', () => {
    // mailcow-dockerized: `${SQL_PORT:-127.0.0.1:13306}:3306` binds loopback unless overridden; `${HTTPS_BIND:-}` binds all.
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  db:', '    image: mariadb:10.5', '    ports:', '      - "${SQL_PORT:-127.0.0.1:13306}:3306"', '      - ⟦"${HTTPS_BIND:-}:${HTTPS_PORT:-443}:443"⟧', '      - "${HTTP_BIND}:80:80"'),
    );
  });
});

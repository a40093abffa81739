import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/sensitive-host-mount';

describe(ID, () => {
  it('reports system directories at the host path', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  node-exporter:',
        '    image: prom/node-exporter:v1.8.2',
        '    volumes:',
        '      - ⟦/proc⟧:/host/proc:ro',
        '      - ⟦/sys⟧:/host/sys:ro',
        '      - ⟦/⟧:/rootfs:ro',
        '      - "⟦/etc⟧:/host-etc"',
        '      - ⟦/var/lib/docker/⟧:/var/lib/docker:ro',
        '      - ⟦/etc/shadow⟧:/etc/shadow:ro',
        '      - ⟦~/.ssh⟧:/root/.ssh:ro',
        '      - ⟦${HOME}/.aws⟧:/root/.aws',
      ),
    );
  });
  it('reports long syntax binds', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    image: alpine:3.20', '    volumes:', '      - type: bind', '        source: ⟦/boot⟧', '        target: /boot', '        read_only: true'));
  });
  it('stays silent for harmless files, app folders, named volumes and sockets', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  app:',
        '    image: alpine:3.20',
        '    volumes:',
        '      - /etc/localtime:/etc/localtime:ro',
        '      - /etc/timezone:/etc/timezone:ro',
        '      - /etc/ssl/certs:/etc/ssl/certs:ro',
        '      - ./config:/etc/app',
        '      - data:/var/lib/app',
        '      - /srv/app/data:/data',
        '      - /var/run/docker.sock:/var/run/docker.sock',
        '      - /dev/log:/dev/log',
        '      - ${CONFIG_DIR}:/config',
        '      - /opt/app/uploads:/uploads',
        '      - type: volume',
        '        source: etc',
        '        target: /etc/app',
        'volumes:',
        '  data:',
        '  etc:',
      ),
    );
  });
});

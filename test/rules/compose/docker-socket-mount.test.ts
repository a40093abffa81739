import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/docker-socket-mount';

describe(ID, () => {
  it('reports the socket in short syntax, read-only or not', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  traefik:', '    image: traefik:v3.1', '    volumes:', '      - ⟦/var/run/docker.sock⟧:/var/run/docker.sock:ro', '      - "⟦/run/containerd/containerd.sock⟧:/run/containerd/containerd.sock"', '      - ./traefik.yml:/etc/traefik/traefik.yml:ro'),
    );
  });
  it('reports long syntax, variables with defaults, rootless and Windows pipes', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21.0',
        '    volumes:',
        '      - type: bind',
        '        source: ⟦/var/run/docker.sock⟧',
        '        target: /var/run/docker.sock',
        '      - ⟦${DOCKER_SOCK:-/var/run/docker.sock}⟧:/var/run/docker.sock',
        '      - ⟦/run/user/1000/docker.sock⟧:/var/run/docker.sock',
        '      - ⟦${DOCKER_HOST_SOCKET}⟧:/var/run/docker.sock',
        '      - type: npipe',
        '        source: ⟦\\\\.\\pipe\\docker_engine⟧',
        '        target: \\\\.\\pipe\\docker_engine',
      ),
    );
  });
  it('reports a named volume bound to the socket directory', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: alpine:3.20', '    volumes:', '      - ⟦dockerrun⟧:/host-run', 'volumes:', '  dockerrun:', '    driver_opts:', '      type: none', '      o: bind', '      device: /var/run/docker'),
    );
  });
  it('reports directories that hold the socket (/var/run, /run/containerd), once', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  cadvisor:', '    image: gcr.io/cadvisor/cadvisor:v0.49.1', '    volumes:', '      - ⟦/var/run⟧:/var/run:ro', '      - ⟦/run/containerd/⟧:/run/containerd'));
    expectFindings('compose/sensitive-host-mount', 'compose.yaml', yaml('services:', '  cadvisor:', '    image: gcr.io/cadvisor/cadvisor:v0.49.1', '    volumes:', '      - /var/run:/var/run:ro', '      - /var/run/docker.sock:/var/run/docker.sock'));
  });
  it('reports once when the volume list is an anchor shared by services', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-vols: &vols', '  - ⟦/var/run/docker.sock⟧:/var/run/docker.sock', 'services:', '  a:', '    image: nginx:1.27', '    volumes: *vols', '  b:', '    image: nginx:1.27', '    volumes: *vols'));
  });
  it('stays silent for other mounts', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: nginx:1.27', '    volumes:', '      - docker-data:/var/lib/docker', '      - ./docker.sock.md:/docs/docker.sock.md', '      - /tmp/app.sock:/tmp/app.sock', '      - ${DATA:-./data}:/data', '      - cache:/cache', 'volumes:', '  docker-data: {}', '  cache:'),
    );
  });
});

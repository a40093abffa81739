import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/resources-missing';

describe(ID, () => {
  it('reports services without memory or PID limit at the service key', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  ⟦web⟧:', '    image: nginx:1.27', '  ⟦db⟧:', '    image: postgres:16', '    mem_limit: 1g', '  ⟦cache⟧:', '    image: redis:7', '    deploy:', '      resources:', '        limits:', '          cpus: "0.5"', '          pids: 100'));
  });
  it('accepts mem_limit/pids_limit and deploy limits, also through anchors and extends', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'x-limits: &limits',
        '  mem_limit: 256m',
        '  pids_limit: 100',
        'x-deploy: &deploy',
        '  resources:',
        '    limits:',
        '      memory: 512M',
        '      pids: 200',
        'services:',
        '  a:',
        '    <<: *limits',
        '    image: nginx:1.27',
        '  b:',
        '    image: nginx:1.27',
        '    deploy: *deploy',
        '  c:',
        '    extends: a',
        '  d:',
        '    image: nginx:1.27',
        '    deploy:',
        '      <<: *deploy',
        '      replicas: 2',
      ),
    );
  });
  it('stays silent for override fragments', () => {
    expectFindings(ID, 'compose.override.yml', yaml('services:', '  web:', '    environment:', '      - DEBUG=1'));
  });
  it('fix adds the missing limits (not mechanical)', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '  db:', '    image: postgres:16'), yaml('services:', '  web:', '    image: nginx:1.27', '    mem_limit: "512m"', '    pids_limit: 200', '  db:', '    image: postgres:16'), { title: /mem_limit/ });
  });
  it('fix completes deploy.resources when the service uses it', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        reservations:', '          memory: 128M'),
      yaml('services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        reservations:', '          memory: 128M', '        limits:', '          memory: "512M"', '          pids: 200'),
      { title: /deploy/ },
    );
  });
  it('stays silent on Linux-only settings for Windows containers', () => {
    // dockersamples/example-voting-app docker-compose-windows.yml: Windows has no PID limit, only memory is asked
    expectFindings(ID, 'compose.yaml', yaml('services:', '  vote:', '    image: dockersamples/votingapp_vote:dotnet-nanoserver-sac2016', '    mem_limit: 512m', '  ⟦db⟧:', '    image: dockersamples/tidb:nanoserver'));
  });
  it('merges deploy from an extends base key by key, unless the child resets it', () => {
    // docker compose merges mappings through extends: the base's limits survive `deploy: {replicas: 2}`.
    const base = ['services:', '  base:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          memory: 1G', '          pids: 100'];
    expectFindings(ID, 'compose.yaml', yaml(...base, '  child:', '    extends: base', '    deploy:', '      replicas: 2'));
    expectFindings(ID, 'compose.yaml', yaml(...base, '  ⟦child⟧:', '    extends: base', '    deploy: !override', '      replicas: 2'));
  });
  it('reports a limit written as unlimited at its value (KICS pids_limit -1)', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: nginx:1.27', '    mem_limit: 256m', '    pids_limit: ⟦-1⟧', '  ⟦b⟧:', '    image: nginx:1.27', '    mem_limit: 0', '    pids_limit: -1'));
  });
  it('fix sets the unlimited value instead of adding a duplicate key', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: nginx:1.27', '    mem_limit: 256m', '    pids_limit: -1 # unlimited'),
      yaml('services:', '  a:', '    image: nginx:1.27', '    mem_limit: 256m', '    pids_limit: 200 # unlimited'),
      { title: /unlimited value/ },
    );
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: nginx:1.27', '    mem_limit: 0'),
      yaml('services:', '  a:', '    image: nginx:1.27', '    mem_limit: "512m"', '    pids_limit: 200'),
      { title: /pids_limit/ },
    );
  });
});

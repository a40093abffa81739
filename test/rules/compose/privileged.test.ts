import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/privileged';

describe(ID, () => {
  it('reports privileged: true at the key', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    image: nginx:1.27', '    ⟦privileged⟧: true', '  other:', '    image: redis:7', '    ⟦privileged⟧: "yes"'));
  });
  it('reports once at the anchor when several services merge it', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('x-common: &common', '  ⟦privileged⟧: true', '  restart: always', 'services:', '  a:', '    <<: *common', '    image: nginx:1.27', '  b:', '    <<: [*common]', '    image: redis:7'),
    );
  });
  it('honours own keys over merged ones and extends', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-common: &common', '  privileged: true', 'services:', '  a:', '    <<: *common', '    privileged: false', '    image: nginx:1.27'));
    expectFindings(ID, 'compose.yaml', yaml('services:', '  base:', '    image: nginx:1.27', '    ⟦privileged⟧: true', '  child:', '    extends: base'));
  });
  it('stays silent for false, missing, or outside services', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    image: nginx:1.27', '    privileged: false', '  b:', '    image: redis:7', 'x-privileged: true'));
    expectFindings(ID, 'docker-compose.yml', '');
    expectFindings(ID, 'docker-compose.yml', 'services:\n');
  });
  it('fix removes the line and keeps comments', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  app:', '    image: nginx:1.27 # web', '    # needs nothing special', '    privileged: true', '    restart: always'),
      yaml('services:', '  app:', '    image: nginx:1.27 # web', '    # needs nothing special', '    restart: always'),
    );
  });
  it('fix works in flow style', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app: {image: "nginx:1.27", privileged: true}'), yaml('services:', '  app: {image: "nginx:1.27"}'));
  });
  it('reports build.privileged at its key', () => {
    // A privileged build gives every RUN step the builder's capabilities and devices (KICS flags it too).
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    build:', '      context: .', '      ⟦privileged⟧: true', '  ok:', '    build:', '      context: .', '      privileged: false'));
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    build: .', '    image: example/app:1.0'));
  });
  it('fix removes build.privileged only', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    build:', '      context: .', '      privileged: true', '    image: example/app:1.0'), yaml('services:', '  app:', '    build:', '      context: .', '    image: example/app:1.0'));
  });
  it('reads variable defaults (`${PRIVILEGED:-true}`), not variables without one', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: nginx:1.27', '    ⟦privileged⟧: ${PRIVILEGED:-true}', '  b:', '    image: nginx:1.27', '    privileged: ${PRIVILEGED}', '  c:', '    image: nginx:1.27', '    privileged: "${PRIVILEGED:-false}"'));
  });
});

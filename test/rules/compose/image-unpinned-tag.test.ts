import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/image-unpinned-tag';

describe(ID, () => {
  it('reports no tag at the value and latest at the tag', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: ⟦nginx⟧', '  b:', '    image: "bitnami/redis:⟦latest⟧"', '  c:', '    image: ⟦localhost:5000/team/app⟧', '  d:', '    image: ghcr.io/org/app:⟦latest⟧ # moving'),
    );
  });
  it('resolves variable defaults and reports the whole value', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: ⟦${IMAGE:-nginx}⟧', '  b:', '    image: ⟦${REGISTRY:-docker.io}/library/nginx:${TAG:-latest}⟧'));
  });
  it('stays silent for tags, digests, built images and unresolved variables', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  a:',
        '    image: nginx:1.27',
        '  b:',
        '    image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
        '  c:',
        '    image: ${IMAGE:-nginx:1.27}',
        '  d:',
        '    image: example/app:${TAG}',
        '  e:',
        '    build: .',
        '    image: example/app',
        '  f:',
        '    build:',
        '      context: ./api',
        '  g:',
        '    image: localhost:5000/app:2.1',
      ),
    );
  });
  it('leaves an image holding an escaped `$$` alone (not a reference Compose could pull)', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  app:', '    image: "$${NOT_A_VAR}"', '  other:', '    image: ⟦"${REGISTRY:-docker.io}/nginx"⟧'));
  });
});

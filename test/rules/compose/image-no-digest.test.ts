import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/image-no-digest';

describe(ID, () => {
  it('reports images without a digest at the value', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: ⟦nginx:1.27⟧', '  b:', '    image: ⟦"postgres:16"⟧', '  c:', '    image: ⟦${DB_IMAGE:-postgres:16}⟧'));
  });
  it('stays silent for digests, built images and unresolved variables', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  a:',
        '    image: nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
        '  b:',
        '    build: .',
        '  c:',
        '    image: ${APP_IMAGE}',
        '  d:',
        '    image: ${IMAGE:-nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31}',
      ),
    );
  });
});

import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/root-user';

describe(ID, () => {
  it('reports root and UID 0 at the value', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: node:22-alpine', '    user: ⟦root⟧', '  b:', '    image: node:22-alpine', '    user: ⟦"0:0"⟧', '  c:', '    image: node:22-alpine', '    user: ⟦0⟧', '  d:', '    image: node:22-alpine', '    user: ⟦${APP_USER:-root}⟧'),
    );
  });
  it('stays silent for non-root users, unresolved variables, and no user', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: node:22-alpine', '    user: node', '  b:', '    image: node:22-alpine', '    user: "1000:0"', '  c:', '    image: node:22-alpine', '    user: ${UID}:${GID}', '  d:', '    image: node:22-alpine', '  e:', '    image: node:22-alpine', '    user: rootless'),
    );
  });
  it('fix offers a non-root UID, keeping the quotes', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  a:', '    image: node:22-alpine', '    user: root'), yaml('services:', '  a:', '    image: node:22-alpine', '    user: "1000:1000"'), { title: /UID\/GID 1000/ });
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  a:', '    image: node:22-alpine', "    user: '0'"), yaml('services:', '  a:', '    image: node:22-alpine', "    user: '65534:65534'"), { title: /nobody/ });
  });
});

import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/untrusted-registry';

describe(ID, () => {
  it('is inactive until trusted registries are configured', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: quay.io/prometheus/node-exporter:v1.8.2'));
  });
  it('reports the registry host, or the whole image for Docker Hub and path-restricted hosts', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: ⟦quay.io⟧/prometheus/node-exporter:v1.8.2', '  b:', '    image: ⟦nginx:1.27⟧', '  c:', '    image: ⟦ghcr.io/someone-else/app:1.0⟧', '  d:', '    image: ghcr.io/my-org/app:1.0', '  e:', '    image: registry.example.com/base/nginx:1.27'),
      { config: { trustedRegistries: ['registry.example.com', 'ghcr.io/my-org'] } },
    );
  });
  it('accepts Docker Hub in any spelling when trusted, and skips built images', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: nginx:1.27', '  b:', '    image: docker.io/library/redis:7', '  c:', '    build: .', '    image: quay.io/me/app'), { config: { trustedRegistries: ['docker.io'] } });
  });
});

import { describe, it } from 'node:test';
import { assert, expectFindings } from '../../helpers';

const RULE = 'dockerfile/root-user';

// docker/compose's Dockerfile: the final stage is picked by a build argument among stages whose
// images are built from ARGs; the message names the image as resolved, not the ARG text.
describe(`${RULE}: message`, () => {
  it('names the base image with ARG defaults substituted', () => {
    const findings = expectFindings(
      RULE,
      'Dockerfile',
      'ARG RUNTIME_ALPINE_VERSION=3.10.3\nARG BUILD_PLATFORM=alpine\nFROM alpine:${RUNTIME_ALPINE_VERSION} AS runtime-alpine\nFROM debian:12-slim AS runtime-debian\n⟦FROM runtime-${BUILD_PLATFORM} AS runtime⟧\nENTRYPOINT ["sh"]\n',
    );
    assert.match(findings[0].message, /default user of `alpine:3\.10\.3`/);
  });
});

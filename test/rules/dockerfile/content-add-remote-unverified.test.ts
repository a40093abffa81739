import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const RULE = 'dockerfile/add-remote-unverified';

describe(RULE, () => {
  it('reports downloads and git sources without a checksum', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM alpine:3.20',
        'ADD ⟦https://github.com/org/tool/releases/download/v1.2.3/tool⟧ /usr/local/bin/tool',
        'ADD ⟦http://example.com/${VERSION}/x.tar.gz⟧ ⟦https://example.com/y⟧ /tmp/',
        'ADD ⟦https://github.com/moby/buildkit.git#v0.13.0⟧ /src',
        'ADD ⟦git@github.com:org/repo.git⟧ /src2',
        'ADD ["⟦https://example.com/a b⟧", "/x"]',
        '',
      ].join('\n'),
    );
  });
  it('stays silent with --checksum, a commit pin, or local sources', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM alpine:3.20',
        'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tar.gz /tmp/',
        'ADD --checksum=782ba4a7ef1d1e4c1d50b8d8e4b5e6a5a2b4b3f1 https://github.com/moby/buildkit.git#v0.13.0 /src',
        'ADD https://github.com/moby/buildkit.git#782ba4a7ef1d1e4c1d50b8d8e4b5e6a5a2b4b3f1 /src2',
        'ADD rootfs.tar.gz /',
        'COPY https-notes.txt /',
        '',
      ].join('\n'),
    );
  });
});

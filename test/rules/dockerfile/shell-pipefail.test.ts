import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const RULE = 'dockerfile/pipefail';

describe(RULE, () => {
  it('reports a piped download at the downloading command word', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12 AS a',
        'RUN ⟦curl⟧ -fsSL https://x.example/t.tgz | tar -xz',
        'RUN set -e && ⟦wget⟧ -qO- https://x.example/k.asc | gpg --dearmor > /k.gpg',
        'FROM alpine:3.20',
        'RUN <<EOF',
        'set -e',
        '⟦curl⟧ -s https://x.example | tee /tmp/x',
        'EOF',
        'ONBUILD RUN ⟦curl⟧ -s https://x.example | tar -x',
        '',
      ].join('\n'),
    );
  });
  it('stays silent with pipefail set, a pipefail SHELL, or no download in a pipe', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12',
        'RUN set -o pipefail && curl -fsSL https://x.example/t.tgz | tar -xz',
        'RUN set -euxo pipefail; wget -qO- https://x.example | tar -xz',
        'RUN curl -fsSLo /tmp/t.tgz https://x.example/t.tgz && tar -xzf /tmp/t.tgz',
        'RUN curl --version | head -1',
        'RUN echo x | grep x',
        'RUN VERSION="$(curl -s https://x.example/latest | jq -r .tag)"',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'RUN curl -fsSL https://x.example/t.tgz | tar -xz',
        'FROM alpine:3.20',
        'RUN <<EOF',
        'set -eo pipefail',
        'curl -s https://x.example | tar -x',
        'EOF',
        '',
      ].join('\n'),
    );
  });
  it('fix inserts a bash SHELL before the first offending RUN of a bash image stage', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM python:3.12-slim\nRUN curl -fsSL https://x.example/a | tar -xz\nRUN wget -qO- https://x.example/b | tar -xz\n',
      'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x.example/a | tar -xz\nRUN wget -qO- https://x.example/b | tar -xz\n',
    );
  });
  it('fix prefixes set -o pipefail on Alpine and when the SHELL is bash already', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM node:20-alpine\nRUN curl -fsSL https://x.example/a | tar -xz && curl -s https://x.example/b | tar -x\n',
      'FROM node:20-alpine\nRUN set -o pipefail && curl -fsSL https://x.example/a | tar -xz && curl -s https://x.example/b | tar -x\n',
    );
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM mycorp/base:1\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://x.example/a | tar -xz\n',
      'FROM mycorp/base:1\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && curl -fsSL https://x.example/a | tar -xz\n',
    );
  });
  it('offers both fixes, none mechanical, for an unknown base image', () => {
    const findings = findingsOf(RULE, 'Dockerfile', 'FROM mycorp/base:1\nRUN curl -fsSL https://x.example/a | tar -xz\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].fixes.length, 2);
    assert.ok(findings[0].fixes.every((fix) => !fix.mechanical));
  });
});

import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/insecure-build-flags';

describe(RULE, () => {
  it('reports insecure RUN flags in every stage and ONBUILD', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        '# syntax=docker/dockerfile:1-labs',
        'FROM golang:1.22 AS build',
        'RUN ⟦--security=insecure⟧ ⟦--network=host⟧ go test ./...',
        'RUN ⟦--mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock⟧ docker ps',
        'RUN ⟦--mount=src=/run/docker.sock,dst=/var/run/docker.sock⟧ docker ps',
        'FROM alpine:3.20',
        'ONBUILD RUN ⟦--network=host⟧ make',
        '',
      ].join('\n'),
    );
  });
  it('stays silent for safe flags', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM golang:1.22\nRUN --network=none --security=sandbox go test ./...\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=secret,id=token --mount=type=bind,source=go.sum,target=go.sum go build\nRUN --network=default echo\n',
    );
  });
  it('fix removes the flag and its blank', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN --network=host apk add curl\n', 'FROM alpine:3.20\nRUN apk add curl\n');
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk --security=insecure \\\n    apk add curl\n',
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk \\\n    apk add curl\n',
    );
  });
});

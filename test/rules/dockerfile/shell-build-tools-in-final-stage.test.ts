import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const RULE = 'dockerfile/build-tools-in-final-stage';

describe(RULE, () => {
  it('reports compilers, build systems, -dev packages and git in the final stage', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM golang:1.22 AS build',
        'RUN apt-get install -y gcc make',
        'FROM python:3.12-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends ⟦build-essential⟧ ⟦libpq-dev⟧ ⟦git⟧ curl udev \\',
        '    && apt-get install -y ⟦gcc-12⟧',
        'RUN dnf install -y ⟦python3-devel⟧ && dnf groupinstall -y ⟦"Development Tools"⟧',
        '',
      ].join('\n'),
    );
  });
  it('accepts tools removed again: apk virtual packages, purge, apt-mark auto', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM python:3.12-alpine',
        'RUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev \\',
        '    && pip install --no-cache-dir cffi \\',
        '    && apk del --no-network .build-deps',
        'RUN apk add --no-cache -t .tmp make && make -C /src && apk del .tmp',
        'RUN apt-get install -y cmake && cmake --build . && apt-get purge -y cmake',
        'RUN set -eux; savedAptMark="$(apt-mark showmanual)"; \\',
        '    apt-get install -y --no-install-recommends gcc libssl-dev; \\',
        '    apt-mark auto \'.*\' > /dev/null; apt-mark manual $savedAptMark; \\',
        '    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false',
        'ONBUILD RUN apt-get install -y gcc',
        '',
      ].join('\n'),
    );
  });
  it('reports tools of a stage the final stage builds on, and stays silent in devcontainers', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12 AS base\nRUN apt-get install -y ⟦make⟧\nFROM base\nCMD ["app"]\n');
    expectFindings(RULE, '.devcontainer/Dockerfile', 'FROM debian:12\nRUN apt-get install -y make gcc git\n');
  });
});

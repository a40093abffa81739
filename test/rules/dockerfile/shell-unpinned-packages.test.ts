import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const RULE = 'dockerfile/unpinned-packages';

describe(RULE, () => {
  it('reports each unpinned package word per manager', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12 AS deb',
        'RUN apt-get install -y --no-install-recommends ⟦curl⟧ git=1:2.39.2-1.1 ⟦ca-certificates⟧ \\',
        '    ⟦jq/bookworm-backports⟧',
        'FROM alpine:3.20 AS alp',
        'RUN apk add --no-cache --virtual .deps ⟦gcc⟧ musl-dev=1.2.5-r0 openssl~3.3',
        'FROM rockylinux:9 AS rpm',
        'RUN dnf install -y ⟦java-11-openjdk⟧ nginx-1.20.1 python3-3.9.18-1.el9 ⟦python3-devel⟧',
        'FROM opensuse/leap:15.6 AS suse',
        "RUN zypper in -y ⟦vim⟧ 'curl>=8.0'",
        'FROM python:3.12 AS py',
        'RUN pip install --no-cache-dir -U ⟦pip⟧ flask==3.0.3 "requests>=2.31" ⟦django[argon2]⟧ -r requirements.txt .',
        'FROM node:20 AS js',
        'RUN npm install -g ⟦npm@latest⟧ pnpm@9.1.0 ⟦@angular/cli⟧ @scope/x@^1.2 && yarn global add ⟦serve⟧',
        'FROM ruby:3.3 AS rb',
        'RUN gem install ⟦rails⟧ && gem install bundler -v 2.5.6 && gem install rake:13.1.0',
        'FROM golang:1.22',
        'RUN go install ⟦golang.org/x/tools/gopls@latest⟧ github.com/x/y@v1.2.3 ./cmd/...',
        'RUN cargo install ⟦ripgrep⟧ && cargo install fd-find --version 9.0.0',
        '',
      ].join('\n'),
    );
  });
  it('stays silent for variables, files, lockfile installs and removals', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM node:20',
        'ARG PKGS="curl git"',
        'RUN apt-get install -y $PKGS ${EXTRA} "$(cat /tmp/packages.txt)" ./local.deb /tmp/x.deb curl=${CURL_VERSION}',
        'RUN npm ci && npm install && yarn install --frozen-lockfile && yarn && npm install ./pkg.tgz user/repo',
        'RUN pip install -c constraints.txt flask && pip install -e . && pip install /wheels/*.whl git+https://x.example/r.git@v1.2',
        'RUN apt-get remove -y curl && apk del gcc && pip uninstall -y flask',
        'RUN dnf install -y https://x.example/x.rpm /tmp/y.rpm && dnf groupinstall -y "Development Tools"',
        'RUN echo apt-get install curl',
        '',
      ].join('\n'),
    );
  });
});

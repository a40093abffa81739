import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/package-cache-kept';

describe(RULE, () => {
  it('reports apt lists kept, once per RUN, in every stage', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12 AS build',
        'RUN apt-get update && apt-get ⟦install⟧ -y --no-install-recommends gcc && apt-get install -y make',
        'FROM debian:12',
        'RUN apt-get update && apt-get ⟦install⟧ -y --no-install-recommends curl && apt-get clean',
        '',
      ].join('\n'),
    );
  });
  it('reports apk add without --no-cache, pip without --no-cache-dir, yum/dnf and zypper without clean', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM alpine:3.20 AS a',
        'RUN apk ⟦add⟧ curl && apk --no-cache add jq',
        'FROM python:3.12 AS p',
        'RUN pip ⟦install⟧ flask && python3 -m pip ⟦install⟧ -r requirements.txt',
        'FROM rockylinux:9 AS r',
        'RUN dnf ⟦install⟧ -y nginx',
        'RUN yum -y ⟦update⟧',
        'FROM opensuse/leap:15.6',
        'RUN zypper -n ⟦in⟧ vim',
        '',
      ].join('\n'),
    );
  });
  it('stays silent when the cache is cleaned, not written or mounted', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends curl \\',
        '    # no lists in the image',
        '    && rm -rf /var/lib/apt/lists/*',
        'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
        '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
        '    apt-get update && apt-get install -y --no-install-recommends git',
        'RUN apt-get remove -y curl',
        'FROM alpine:3.20',
        'RUN apk add --no-cache curl',
        'RUN apk add curl && rm -rf /var/cache/apk/*',
        // docker-library/wordpress: runtime deps of the build deps, marked without fetching anything
        'RUN apk add --no-cache --virtual .build-deps gcc && apk add --no-network --virtual .rundeps $runDeps && apk del --no-network .build-deps',
        'FROM python:3.12',
        'RUN pip install --no-cache-dir flask',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install flask',
        'RUN PIP_NO_CACHE_DIR=1 pip install flask',
        'RUN pip install flask && rm -rf /root/.cache/pip',
        'RUN uv pip install flask',
        'FROM python:3.12 AS envset',
        'ENV PIP_NO_CACHE_DIR=1',
        'FROM envset',
        'RUN pip install flask',
        'FROM rockylinux:9',
        'RUN dnf install -y nginx && dnf clean all',
        'RUN yum install -y httpd && rm -rf /var/cache/yum',
        'FROM opensuse/leap:15.6',
        'RUN zypper -n in vim && zypper clean --all',
        '',
      ].join('\n'),
    );
  });
  it('fix appends the apt clean-up at the end of the chain', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && apt-get clean\n',
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
    );
  });
  it('fix appends clean all for yum/dnf and zypper clean', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM rockylinux:9\nRUN microdnf install -y nginx\n', 'FROM rockylinux:9\nRUN microdnf install -y nginx && microdnf clean all\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM opensuse/leap:15.6\nRUN zypper -n in vim\n', 'FROM opensuse/leap:15.6\nRUN zypper -n in vim && zypper clean --all\n');
  });
  it('fix appends inside a heredoc body', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl\nEOF\n',
      'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEOF\n',
    );
  });
  it('fix adds --no-cache and --no-cache-dir', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM alpine:3.20\nRUN apk add curl\n', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM python:3.12\nRUN python3 -m pip install -U pip\n', 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir -U pip\n');
  });
});

describe(`${RULE}: edge cases`, () => {
  it('reports apt upgrades too, and ONBUILD triggers', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update && apt-get -y ⟦dist-upgrade⟧\nONBUILD RUN apk ⟦add⟧ git\n');
  });
  it('fix keeps CRLF line breaks and backtick continuations', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y --no-install-recommends curl\r\nCMD ["curl"]\r\n', 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\r\nCMD ["curl"]\r\n');
    assertFixRoundTrip(RULE, 'Dockerfile', '# escape=`\nFROM alpine:3.20\nRUN apk add `\n    curl\n', '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache `\n    curl\n');
  });
});

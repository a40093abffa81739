import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings, findingsOf, assert } from '../../helpers';

const RULE = 'dockerfile/update-without-install';

describe(RULE, () => {
  it('reports an index update alone in its RUN, for every manager, at the update word', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12 AS a',
        'RUN apt-get ⟦update⟧',
        'RUN apt-get install -y curl',
        'FROM ubuntu:24.04 AS b',
        'RUN apt -qq ⟦update⟧ && echo done',
        'FROM alpine:3.20 AS c',
        'RUN apk ⟦update⟧',
        'FROM rockylinux:9 AS d',
        'RUN yum ⟦makecache⟧ && dnf ⟦makecache⟧',
        'FROM opensuse/leap:15.6',
        'RUN zypper --non-interactive ⟦refresh⟧',
        'ONBUILD RUN apt-get ⟦update⟧',
        '',
      ].join('\n'),
    );
  });
  it('stays silent when the same RUN installs or upgrades', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
        'RUN apt-get update \\',
        '  # security fixes',
        '  && apt-get -y upgrade',
        'RUN set -eux; apt-get update; \\',
        '    if [ -n "$X" ]; then apt-get install -y "$X"; fi',
        'RUN apk update && apk add curl',
        'RUN apk add --update curl',
        'RUN <<EOF',
        'apt-get update',
        'apt-get install -y jq',
        'EOF',
        'RUN apt-get update && /tmp/install-deps.sh',
        'RUN bash -c "apt-get update && apt-get install -y git"',
        '',
      ].join('\n'),
    );
  });
  it('fix merges a lone update into the next RUN that installs', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM debian:12\n# refresh\nRUN apt-get update\nCOPY sources.list /etc/apt/\nRUN apt-get install -y --no-install-recommends \\\n    curl\n',
      'FROM debian:12\n# refresh\nCOPY sources.list /etc/apt/\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl\n',
    );
  });
  it('fix keeps `set` first and uses its separator', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN apt-get -q update\nRUN set -eux; \\\n    apt-get install -y curl\n',
      'FROM debian:12\nRUN set -eux; \\\n    apt-get -q update ; apt-get install -y curl\n',
    );
  });
  it('fix keeps RUN flags of the target and drops a redundant update', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM alpine:3.20\nRUN apk update\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk update && apk add curl\n',
    );
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n');
  });
  it('offers no fix when the update RUN does more, or no later RUN installs', () => {
    const more = findingsOf(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update && echo ok\nRUN apt-get install -y curl\n');
    assert.equal(more.length, 1);
    assert.equal(more[0].fixes.length, 0);
    const none = findingsOf(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n');
    assert.equal(none.length, 1);
    assert.equal(none[0].fixes.length, 0);
  });
});

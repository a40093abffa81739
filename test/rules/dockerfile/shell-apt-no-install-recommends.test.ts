import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/apt-no-install-recommends';

describe(RULE, () => {
  it('reports apt-get install and apt install at the install word, in every stage and nested', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12 AS build',
        'RUN apt-get update && apt-get ⟦install⟧ -y build-essential',
        'FROM ubuntu:24.04',
        'RUN apt-get update \\',
        '# tools',
        '    && DEBIAN_FRONTEND=noninteractive apt -y ⟦install⟧ curl',
        'RUN bash -c "apt-get ⟦install⟧ -y git"',
        'RUN if [ "$X" = 1 ]; then apt-get ⟦install⟧ -y jq; fi',
        'ONBUILD RUN apt-get ⟦install⟧ -y make',
        '',
      ].join('\n'),
    );
  });
  it('stays silent with the flag, the -o option, apt.conf or other subcommands', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12',
        'RUN apt-get install -y --no-install-recommends curl',
        'RUN apt-get -y --no-install-recommends install curl',
        'RUN apt-get install -y -o APT::Install-Recommends=false curl',
        'RUN apt-get remove -y curl && apt-get upgrade -y && apt-cache policy curl',
        'RUN echo install recommends',
        'FROM debian:12 AS conf',
        "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommend",
        'FROM conf',
        'RUN apt-get install -y curl',
        '',
      ].join('\n'),
    );
  });
  it('fix inserts the flag after install', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    curl\n', 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y \\\n    curl\n');
  });
  it('fix works with a backtick escape character', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n', '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install --no-install-recommends -y curl\n');
  });
});

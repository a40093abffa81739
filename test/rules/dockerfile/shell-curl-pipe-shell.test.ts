import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

// The finding's range is the interpreter word that runs the downloaded code (`sh`, `bash`,
// `python3`, `eval`, `source`): the place where the unverified text becomes code.
const RULE = 'dockerfile/curl-pipe-shell';

describe(RULE, () => {
  it('reports a download piped into a shell or interpreter', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN curl -fsSL https://get.example.com | ⟦sh⟧\nRUN wget -qO- https://example.com/i.sh | ⟦bash⟧ -s -- --yes\nRUN wget -O - https://example.com/i.py | sudo ⟦python3⟧ -\n');
  });
  it('follows the pipeline through tee and wrappers', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN curl -sSL https://x.example/install | tee /tmp/log | env ⟦bash⟧\n');
  });
  it('reports process substitution and command substitution forms', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN ⟦bash⟧ <(curl -s https://x.example/i.sh)\nRUN ⟦sh⟧ -c "$(curl -fsSL https://raw.example/install.sh)"\nRUN ⟦python⟧ -c "$(wget -qO- https://x.example/get.py)"\nRUN ⟦eval⟧ "$(curl -s https://x.example/env)"\nRUN ⟦source⟧ <(curl -s https://x.example/env.sh)\n',
    );
  });
  it('reports in continuations with comments, heredocs, ONBUILD and every stage', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM node:20 AS build\nRUN set -eux; \\\n# fetch the installer\n    curl -fsSL https://x.example/i.sh \\\n    | ⟦sh⟧\nFROM alpine:3.20\nRUN <<EOF\nset -e\nwget -qO- https://x.example/i.sh | ⟦sh⟧\nEOF\nONBUILD RUN curl https://x.example/i.sh | ⟦bash⟧\n',
    );
  });
  it('reports inside bash -c strings', () => {
    expectFindings(RULE, 'Dockerfile', "FROM debian:12\nRUN bash -c 'curl -fsSL https://x.example/i.sh | ⟦bash⟧'\n");
  });
  it('works with a backtick escape character', () => {
    expectFindings(RULE, 'Dockerfile', '# escape=`\nFROM debian:12\nRUN curl -fsSL https://x.example/i.sh `\n    | ⟦sh⟧\n');
  });
  it('stays silent when the download is verified before it runs', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh \\\n && echo "abc123  /tmp/i.sh" | sha256sum -c - \\\n && sh /tmp/i.sh\n',
    );
  });
  it('stays silent when the download is data for the next program', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM python:3.12',
        'RUN curl -fsSL https://x.example/tool.tgz | tar -xz -C /usr/local/bin',
        'RUN curl -s https://api.example/v1 | python3 -c "import sys, json; print(json.load(sys.stdin)[\'v\'])"',
        'RUN curl -s https://x.example/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg',
        'RUN curl -fsSL https://x.example/data.json | jq .version | sh -c "cat > /tmp/v"',
        'RUN VERSION="$(curl -fsSL https://x.example/latest)" && echo "$VERSION"',
        'RUN curl -o /tmp/x.sh https://x.example/x.sh | sh',
        'RUN wget https://x.example/x.sh && bash x.sh',
        'RUN bash /tmp/script.sh <(echo hi)',
        'RUN python3 script.py < <(curl -s https://x.example/data)',
        '',
      ].join('\n'),
    );
  });
  it('stays silent in non-shell heredocs and PowerShell', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM python:3.12\nRUN python3 <<EOF\nimport os\nos.system("curl x | sh")\nEOF\n');
    expectFindings(RULE, 'Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN curl.exe https://x | sh\n');
  });
});

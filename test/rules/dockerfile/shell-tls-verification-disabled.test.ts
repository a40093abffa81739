import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/tls-verification-disabled';

describe(RULE, () => {
  it('reports curl -k in clusters and long form, and wget --no-check-certificate', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM debian:12 AS build\nRUN curl ⟦-sSkL⟧ https://x.example/a.tgz | tar -xz\nFROM debian:12\nRUN curl ⟦--insecure⟧ -o /tmp/a https://x.example/a \\\n && wget ⟦--no-check-certificate⟧ https://x.example/b\n',
    );
  });
  it('does not take other programs\' -k or curl -K/-o values for the flag', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN curl -K /etc/curlrc https://x.example \\\n && curl -o -k https://x.example \\\n && curl -H "X-k: -k" https://x.example \\\n && ssh-keygen -k -f x \\\n && sort -k 2 file \\\n && ls -k\n',
    );
  });
  it('reports pip, npm, yarn, git and conda settings', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM python:3.12',
        'RUN pip install ⟦--trusted-host⟧ pypi.org ⟦--trusted-host=files.pythonhosted.org⟧ flask',
        'RUN python3 -m pip install ⟦--trusted-host⟧ internal -r requirements.txt',
        'RUN pip config set ⟦global.trusted-host⟧ internal.example',
        'RUN npm config set ⟦strict-ssl⟧ false && yarn config set ⟦strict-ssl⟧ false && npm set ⟦strict-ssl=false⟧',
        'RUN npm install ⟦--strict-ssl=false⟧ lodash',
        'RUN git config --global ⟦http.sslVerify⟧ false',
        'RUN git -c ⟦http.sslVerify=false⟧ clone https://git.example/x.git',
        'RUN git config --global ⟦http.https://git.example.sslVerify⟧ "false"',
        'RUN conda config --set ⟦ssl_verify⟧ false',
        '',
      ].join('\n'),
    );
  });
  it('reports yum/dnf sslverify options and repository files', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM rockylinux:9',
        'RUN dnf ⟦--setopt=sslverify=0⟧ install -y nginx',
        'RUN yum ⟦--setopt=*.sslverify=false⟧ -y install httpd',
        'RUN echo -e "[internal]\\nbaseurl=https://repo.example\\n⟦sslverify=0⟧" > /etc/yum.repos.d/internal.repo',
        "RUN sed -i 's/sslverify=1/⟦sslverify=0⟧/' /etc/dnf/dnf.conf",
        'RUN <<EOF',
        'cat > /etc/yum.repos.d/x.repo <<REPO',
        '[x]',
        'baseurl=https://repo.example',
        '⟦sslverify=0⟧',
        'REPO',
        'EOF',
        '',
      ].join('\n'),
    );
  });
  it('reports ENV and ARG variables in every stage, global ARGs and ONBUILD', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'ARG ⟦PIP_TRUSTED_HOST=pypi.org⟧',
        'FROM node:20 AS build',
        'ENV ⟦NODE_TLS_REJECT_UNAUTHORIZED=0⟧',
        'ENV A=1 ⟦NPM_CONFIG_STRICT_SSL=false⟧ B=2',
        'FROM python:3.12',
        'ENV ⟦PYTHONHTTPSVERIFY 0⟧',
        'ARG ⟦GIT_SSL_NO_VERIFY=true⟧',
        'ONBUILD ENV ⟦GIT_SSL_NO_VERIFY=1⟧',
        'RUN ⟦NODE_TLS_REJECT_UNAUTHORIZED=0⟧ npm ci && export ⟦GIT_SSL_NO_VERIFY=1⟧',
        '',
      ].join('\n'),
    );
  });
  it('stays silent for safe values and look-alikes', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM node:20',
        'ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true',
        'ARG GIT_SSL_NO_VERIFY',
        'ARG PIP_TRUSTED_HOST=',
        'RUN git config --global http.sslVerify true && npm config set strict-ssl true',
        'RUN git config --global --unset http.sslVerify',
        'RUN dnf --setopt=install_weak_deps=False install -y nginx',
        'RUN echo "sslverify=1" >> /etc/dnf/dnf.conf',
        "RUN sed -i 's/sslverify=0/sslverify=1/' /etc/yum.conf",
        'RUN pip install --index-url https://pypi.example/simple flask',
        'RUN curl -fsSL https://x.example | tar -xz',
        '',
      ].join('\n'),
    );
  });
  it('fix removes a letter from a short-option cluster', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN curl -sSkL https://x.example/a.tgz | tar -xz\n', 'FROM debian:12\nRUN curl -sSL https://x.example/a.tgz | tar -xz\n');
  });
  it('fix removes a lone flag and keeps continuations and comments', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM debian:12\nRUN wget --no-check-certificate \\\n# the archive\n    https://x.example/b.tgz\n',
      'FROM debian:12\nRUN wget \\\n# the archive\n    https://x.example/b.tgz\n',
    );
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN curl -o /tmp/a --insecure https://x.example/a\n', 'FROM debian:12\nRUN curl -o /tmp/a https://x.example/a\n');
  });
  it('fix removes an option and its value', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM python:3.12\nRUN pip install flask --trusted-host pypi.org\n', 'FROM python:3.12\nRUN pip install flask\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM alpine/git\nRUN git -c http.sslVerify=false clone https://git.example/x.git\n', 'FROM alpine/git\nRUN git clone https://git.example/x.git\n');
  });
  it('fix removes a config command from its chain, or the whole RUN', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nRUN npm config set strict-ssl false && npm ci\n', 'FROM node:20\nRUN npm ci\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nRUN npm ci && \\\n    git config --global http.sslVerify false\n', 'FROM node:20\nRUN npm ci\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nRUN git config --global http.sslVerify false\nRUN npm ci\n', 'FROM node:20\nRUN npm ci\n');
  });
  it('fix removes an ENV pair, or the ENV when it is alone', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nENV A=1 \\\n    NODE_TLS_REJECT_UNAUTHORIZED=0 \\\n    B=2\n', 'FROM node:20\nENV A=1 \\\n    B=2\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nENV A=1 NODE_TLS_REJECT_UNAUTHORIZED=0\n', 'FROM node:20\nENV A=1\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nCMD ["node"]\n', 'FROM node:20\nCMD ["node"]\n');
  });
  it('fix removes a prefix assignment', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n', 'FROM node:20\nRUN npm ci\n');
  });
});

describe(`${RULE}: edge cases`, () => {
  it('reports inside substitutions and sh -c strings, with exact ranges', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN VERSION="$(curl ⟦-k⟧ -s https://x.example/latest)" && sh -c \'wget ⟦--no-check-certificate⟧ -qO /x https://x.example\'\n');
  });
  it('fix removes an ONBUILD ENV and a flag in a substitution', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM node:20\nONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nCMD ["node"]\n', 'FROM node:20\nCMD ["node"]\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN V="$(curl -k -s https://x.example/v)"\n', 'FROM debian:12\nRUN V="$(curl -s https://x.example/v)"\n');
  });
  it('reports uv --allow-insecure-host', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM python:3.12\nRUN uv pip install --system ⟦--allow-insecure-host⟧ pypi.internal flask\n');
  });
});

import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const RULE = 'dockerfile/secret-in-arg-env';

describe(RULE, () => {
  it('reports secret ARGs and ENVs in every stage, global ARGs and ONBUILD triggers', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'ARG ⟦NPM_TOKEN⟧\nFROM node:20 AS build\nARG ⟦NPM_TOKEN⟧\nARG ⟦GITHUB_TOKEN⟧=abc123\nENV ⟦DB_PASSWORD⟧=s3cret ⟦API_KEY⟧="${KEY}" NODE_ENV=production\nRUN npm ci\nFROM node:20-slim\nENV ⟦MYSQL_ROOT_PASSWORD⟧ secret value\nONBUILD ENV ⟦SECRET_KEY⟧=abc\n',
    );
  });
  it('is an error with a literal value and a warning without', () => {
    const findings = findingsOf(RULE, 'Dockerfile', 'FROM alpine:3.20\nARG TOKEN\nARG PASSWORD=changeme\nARG AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}\nENV DB_PASSWORD=$PASSWORD\nENV REDIS_PASSWORD=hunter2\n');
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['warning', 'error', 'warning', 'warning', 'error'],
    );
  });
  it('handles camelCase, dotted and multi-line declarations', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM alpine:3.20\nENV APP_NAME=x \\\n    ⟦clientSecret⟧=abc \\\n    ⟦spring.datasource.password⟧=pw\n');
  });
  it('stays silent for names that are not secrets (official images)', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'ARG PYTHON_VERSION=3.12',
        'FROM python:${PYTHON_VERSION}-slim',
        'ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D',
        'ENV GPG_KEYS 1198C0117593497A5EC5C199286AF1F9897469DC 39B641343D8C104B2B146DC3F9C39DC0B9698544',
        'ENV RABBITMQ_PGP_KEY_ID=0x0A9AF2115F4687BD29803A206B73A36E6026DFCA',
        'ENV POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password MYSQL_ALLOW_EMPTY_PASSWORD=yes',
        'ENV REDIS_DOWNLOAD_SHA=f0e65fda74c44a3dd4fa9d512d4d4d833dd0939c934e946a5c622a630d057f2f',
        'ENV TOKENIZERS_PARALLELISM=false HF_HUB_ENABLE_HF_TRANSFER=1 SSH_AUTH_SOCK=/ssh-agent',
        'ARG JENKINS_SHA=abc',
        'ENV AWS_ACCESS_KEY_ID_FILE=/run/secrets/key TOKEN_EXPIRY=3600 PASSWORD_MIN_LENGTH=12 DB_SECRET_NAME=prod-db',
        'ENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json',
        'ENV PUBLIC_KEY=ssh-ed25519 KEY=value',
        'ENV NPM_TOKEN=""',
        'ARG USE_AUTH=false',
        'ENV SSL_KEY=/etc/ssl/private/server.key TLS_KEY=./certs/tls.key DB_PASSWORD=/run/secrets/db_password',
        'RUN echo ok',
      ].join('\n') + '\n',
    );
  });
  it('fix: ARG used by RUN becomes a secret mount on that RUN', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM node:20\nWORKDIR /app\nARG NPM_TOKEN\n# install\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\nRUN npm run build\n',
      'FROM node:20\nWORKDIR /app\n# install\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\nRUN npm run build\n',
      { title: /build secret/ },
    );
  });
  it('fix: removes one property of several and keeps the others', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'FROM alpine:3.20\nENV A=1 DB_PASSWORD=s3cret B=2\n',
      'FROM alpine:3.20\nENV A=1 B=2\n',
      { title: /Remove `ENV DB_PASSWORD`/ },
    );
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM alpine:3.20\nENV A=1 DB_PASSWORD=s3cret\n', 'FROM alpine:3.20\nENV A=1\n', { title: /Remove/ });
  });
  it('fix: a global ARG goes with its stage re-declarations', () => {
    assertFixRoundTrip(
      RULE,
      'Dockerfile',
      'ARG GH_TOKEN\nFROM golang:1.22 AS build\nARG GH_TOKEN\nRUN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go build ./...\nFROM scratch\n',
      'FROM golang:1.22 AS build\nRUN --mount=type=secret,id=gh_token,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go build ./...\nFROM scratch\n',
      { title: /build secret/ },
    );
  });
  it('fix is not mechanical and not offered for ONBUILD', () => {
    const [finding] = findingsOf(RULE, 'Dockerfile', 'FROM alpine:3.20\nARG TOKEN\nRUN use $TOKEN\n');
    assert.equal(finding.fixes.length, 1);
    assert.equal(finding.fixes[0].mechanical, false);
    const [onbuild] = findingsOf(RULE, 'Dockerfile', 'FROM alpine:3.20\nONBUILD ARG TOKEN\n');
    assert.equal(onbuild.fixes.length, 0);
  });
  it('never throws on odd input', () => {
    findingsOf(RULE, 'Dockerfile', 'ARG\nENV\nFROM\nENV =\nARG =x\nENV PASSWORD\n');
    findingsOf(RULE, 'Dockerfile', '');
  });
});

import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const ID = 'dockerfile/root-user';

describe('dockerfile/root-user', () => {
  it('reports a final stage without USER at its FROM line', () => {
    expectFindings(ID, 'Dockerfile', '⟦FROM python:3.12-slim⟧\nCOPY . /app\nCMD ["python", "/app/main.py"]\n');
  });
  it('judges the final stage only: a USER in a build stage does not count', () => {
    expectFindings(ID, 'Dockerfile', 'FROM golang:1.23 AS build\nUSER nobody\nRUN go build -o /out/app .\n⟦FROM alpine:3.20 AS final⟧\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n');
  });
  it('reports root, 0, root:group and 0:group as the last USER', () => {
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nUSER app\nRUN id\nUSER ⟦root⟧\nCMD ["bash"]\n');
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nUSER ⟦0⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nUSER ⟦root:root⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nUSER ⟦0:0⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nUSER ⟦"root"⟧\n');
  });
  it('resolves USER from ARG defaults', () => {
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nARG RUN_AS=0\nUSER ⟦${RUN_AS}⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM debian:12\nARG UID=10001\nUSER ${UID}\n');
  });
  it('reports FROM scratch with no USER', () => {
    expectFindings(ID, 'Dockerfile', 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n⟦FROM scratch⟧\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n');
  });
  it('inherits USER through the stage chain', () => {
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim AS base\nUSER node\nFROM base AS prod\nCOPY . .\nCMD ["node", "index.js"]\n');
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim AS base\nUSER node\nFROM base AS prod\nUSER ⟦root⟧\n');
  });
  it('stays silent for non-root users and images known to run as non-root', () => {
    const silent = [
      'FROM python:3.12-slim\nRUN useradd -r app\nUSER app\nCMD ["python"]\n',
      'FROM python:3.12-slim\nUSER 1000:1000\n',
      'FROM python:3.12-slim\nUSER ${APP_UID}\n',
      'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      'FROM gcr.io/distroless/base-debian12:debug-nonroot\n',
      'FROM cgr.dev/chainguard/python:latest\n',
      'FROM bitnami/nginx:1.27\n',
      'FROM nginxinc/nginx-unprivileged:1.27-alpine\n',
      'FROM docker:27-dind-rootless\n',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n',
      'FROM registry.access.redhat.com/ubi9/python-311\n',
      'ARG BASE\nFROM ${BASE}\nCMD ["run"]\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n',
      '',
      '# just a comment\n',
      'FROM\n',
      'FROM debian:12\nONBUILD USER root\nUSER app\n',
    ];
    for (const text of silent) expectFindings(ID, 'Dockerfile', text);
  });
  it('lowers the severity when the entrypoint drops privileges with gosu/su-exec', () => {
    const [finding] = expectFindings(ID, 'Dockerfile', '⟦FROM debian:12-slim⟧\nRUN apt-get update && apt-get install -y --no-install-recommends gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n');
    assert.equal(finding.severity, 'info');
    const [plain] = findingsOf(ID, 'Dockerfile', 'FROM debian:12-slim\n');
    assert.equal(plain.severity, 'warning');
  });
  it('fix inserts USER before CMD, above the comment that introduces it', () => {
    assertFixRoundTrip(
      ID,
      'Dockerfile',
      'FROM python:3.12-slim\nCOPY . /app\n\n# start the app\nCMD ["python", "/app/main.py"]\n',
      'FROM python:3.12-slim\nCOPY . /app\n\nUSER 10001\n# start the app\nCMD ["python", "/app/main.py"]\n',
      { title: /insert `USER 10001`/ },
    );
  });
  it('fix inserts after the last build step, at the end when CMD comes earlier', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM debian:12\nCMD ["bash"]\nRUN apt-get update', 'FROM debian:12\nCMD ["bash"]\nRUN apt-get update\nUSER 10001', { title: /insert `USER 10001`/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM debian:12\nUSER root\nRUN id\nEXPOSE 80\nENTRYPOINT ["x"]\n', 'FROM debian:12\nUSER root\nRUN id\nEXPOSE 80\nUSER 10001\nENTRYPOINT ["x"]\n', { title: /insert `USER 10001`/ });
  });
  it('offers a user created with the distro tools', () => {
    assertFixRoundTrip(
      ID,
      'Dockerfile',
      'FROM alpine:3.20\r\nCOPY app /app\r\nENTRYPOINT ["/app"]\r\n',
      'FROM alpine:3.20\r\nCOPY app /app\r\nRUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app\r\nUSER 10001\r\nENTRYPOINT ["/app"]\r\n',
      { title: /Create an `app` user \(alpine/ },
    );
    assertFixRoundTrip(
      ID,
      'Dockerfile',
      'FROM python:3.12-slim\nCMD ["python"]\n',
      'FROM python:3.12-slim\nRUN groupadd -r -g 10001 app && useradd -r -u 10001 -g app app\nUSER 10001\nCMD ["python"]\n',
      { title: /Create an `app` user \(debian/ },
    );
  });
  it('offers USER 65532 and the :nonroot tag for distroless, USER node for node', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n', 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n', { title: /USER 65532/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM gcr.io/distroless/static-debian12 AS run\nENTRYPOINT ["/app"]\n', 'FROM gcr.io/distroless/static-debian12:nonroot AS run\nENTRYPOINT ["/app"]\n', { title: /:nonroot/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM gcr.io/distroless/base-debian12:debug\n', 'FROM gcr.io/distroless/base-debian12:debug-nonroot\n', { title: /:debug-nonroot/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM node:22-slim\nCMD ["node", "index.js"]\n', 'FROM node:22-slim\nUSER node\nCMD ["node", "index.js"]\n', { title: /USER node/ });
    const fixes = findingsOf(ID, 'Dockerfile', 'FROM scratch\nCOPY app /\n')[0].fixes.map((fix) => fix.title);
    assert.deepEqual(fixes, ['Run as a non-root user: insert `USER 10001`']);
  });
});

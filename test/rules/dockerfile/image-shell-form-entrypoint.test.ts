import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const ID = 'dockerfile/shell-form-entrypoint';

describe('dockerfile/shell-form-entrypoint', () => {
  it('reports the shell-form command the final image runs, at its keyword', () => {
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim\n⟦CMD⟧ node server.js\n');
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim\n⟦ENTRYPOINT⟧ node server.js\nCMD --port 80\n');
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim\nENTRYPOINT ["docker-entrypoint.sh"]\n⟦cmd⟧ node server.js\n');
  });
  it('judges only the effective command of the final stage', () => {
    expectFindings(ID, 'Dockerfile', 'FROM node:22 AS build\nCMD npm test\nFROM node:22-slim\nCMD ["node", "server.js"]\n');
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim\nCMD node a.js\nCMD ["node", "server.js"]\n');
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim AS base\n⟦CMD⟧ node server.js\nFROM base\nCOPY . .\n');
    // An ENTRYPOINT in a later stage resets the CMD inherited from the stage it builds on.
    expectFindings(ID, 'Dockerfile', 'FROM node:22-slim AS base\nCMD node server.js\nFROM base\nENTRYPOINT ["node"]\n');
  });
  it('stays silent for exec form, exec-prefixed commands, Windows images and empty files', () => {
    const silent = [
      'FROM node:22-slim\nCMD ["node", "server.js"]\n',
      'FROM node:22-slim\nCMD exec node server.js\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ping -t localhost\n',
      'FROM debian:12\nSHELL ["pwsh", "-Command"]\nCMD Write-Host hi\n',
      'FROM node:22-slim\n',
      '',
    ];
    for (const text of silent) expectFindings(ID, 'Dockerfile', text);
  });
  it('offers no conversion when the command needs a shell', () => {
    for (const command of ['node server.js --port $PORT', 'a && b', 'cat /x | grep y', 'run > /log', 'ls *.txt', 'A=1 node x.js', 'sleep 1; node x', 'node x.js # a comment', 'echo "$HOME"', 'echo \\$x']) {
      const findings = findingsOf(ID, 'Dockerfile', `FROM node:22-slim\nCMD ${command}\n`);
      assert.equal(findings.length, 1, command);
      assert.equal(findings[0].fixes.length, 0, command);
    }
  });
  it('fix converts to exec form, splitting quotes and continuations', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:8000 "app:create_app()" \n', 'FROM python:3.12-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:create_app()"] \n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM python:3.12-slim\nENTRYPOINT python \\\n    -m http.server\n', 'FROM python:3.12-slim\nENTRYPOINT ["python", "-m", "http.server"]\n');
    assertFixRoundTrip(ID, 'Dockerfile', "FROM node:22-slim\nCMD node -e 'console.log(1)'\n", 'FROM node:22-slim\nCMD ["node", "-e", "console.log(1)"]\n');
  });
  it('converting an ENTRYPOINT whose stage has a CMD is a choice, not mechanical', () => {
    const [finding] = findingsOf(ID, 'Dockerfile', 'FROM node:22-slim\nENTRYPOINT node server.js\nCMD ["--port", "80"]\n');
    assert.equal(finding.fixes.length, 1);
    assert.equal(finding.fixes[0].mechanical, false);
  });
});

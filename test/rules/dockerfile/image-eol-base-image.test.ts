import { after, before, describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';
import { setEolClock } from '../../../server/src/rules/dockerfile/eol-base-image';
import { eolInfo, slimVariant } from '../../../server/src/dockerfile/eol-data';
import { parseImageReference } from '../../../server/src/engine/image';

const ID = 'dockerfile/eol-base-image';
const TODAY = new Date('2026-11-23T12:00:00Z');

function successor(image: string, today = TODAY): string | undefined {
  const info = eolInfo(parseImageReference(image), today);
  return info ? info.successorTag ?? '(none)' : undefined;
}

describe('eol-data', () => {
  it('reads releases from version, variant and codename tags', () => {
    const cases: Array<[string, string | undefined]> = [
      ['python:3.8-slim-buster', '3.14-slim'],
      ['python:3.12-slim-buster', '3.12-slim'],
      ['python:2', '3.14'],
      ['python:buster', 'trixie'],
      ['node:16-alpine3.15', '24-alpine'],
      ['node:hydrogen-alpine', 'krypton-alpine'],
      ['node:18.19.0-bookworm-slim', '24-bookworm-slim'],
      ['node:lts-buster', 'lts'],
      ['debian:stretch', 'trixie'],
      ['debian:buster-slim', 'trixie-slim'],
      ['debian:10.13', '13'],
      ['debian:stretch-20220622-slim', 'trixie-slim'],
      ['ubuntu:bionic', 'noble'],
      ['ubuntu:18.04', '24.04'],
      ['ubuntu:focal-20240530', 'noble'],
      ['alpine:3.12.1', '3.23'],
      ['amazonlinux:2', '2023'],
      ['amazonlinux:2018.03', '2023'],
      ['fedora:35', '43'],
      ['golang:1.16.5-alpine3.13', '1.27-alpine'],
      ['php:7.4-fpm-alpine3.15', '8.5-fpm-alpine'],
      ['php:7.4-apache-buster', '8.5-apache'],
      ['ruby:2.7-slim-buster', '3.4-slim'],
      ['eclipse-temurin:11-jre-focal', '11-jre'],
      ['eclipse-temurin:18-jdk', '25-jdk'],
      ['openjdk:11-jre-slim', '11-jre'],
      ['openjdk:8u342-jdk-alpine', '8-jdk-alpine'],
      ['centos:7', '(none)'],
      ['centos', '(none)'],
      ['quay.io/centos/centos:stream8', 'stream10'],
      ['docker.io/library/python:3.7', '3.14'],
      ['public.ecr.aws/docker/library/node:14', '24'],
    ];
    for (const [image, expected] of cases) assert.equal(successor(image), expected, image);
  });
  it('says nothing about supported, floating, unknown or variable images', () => {
    for (const image of [
      'python:3.13-slim', 'python:3', 'python', 'python:latest', 'node:22', 'node:lts', 'debian:bookworm', 'debian:stable-slim',
      'ubuntu:24.04', 'ubuntu:jammy', 'alpine:3.22', 'alpine:edge', 'golang:1', 'openjdk:26-ea-slim', 'eclipse-temurin:21-jre',
      'myorg/python:3.6', 'ghcr.io/acme/node:10', 'python:${PY}', 'amazonlinux:2023', 'fedora:rawhide',
    ]) {
      assert.equal(successor(image), undefined, image);
    }
  });
  it('compares with the given date: support ends after the last day', () => {
    assert.equal(successor('node:18', new Date('2025-04-30T23:00:00Z')), undefined);
    assert.equal(successor('node:18', new Date('2025-05-01T00:00:00Z')), '22');
    assert.equal(successor('python:3.10', new Date('2026-10-31T10:00:00Z')), undefined);
  });
  it('moves the deprecated openjdk image to eclipse-temurin in the same place', () => {
    const info = eolInfo(parseImageReference('public.ecr.aws/docker/library/openjdk:17-jdk-slim'), TODAY);
    assert.equal(info?.successorRepository, 'docker/library/eclipse-temurin');
    assert.equal(info?.successorTag, '17-jdk');
  });
  it('names the slim variant of full images', () => {
    const cases: Array<[string, string | undefined]> = [
      ['python', 'slim'],
      ['python:3.12', '3.12-slim'],
      ['python:3.12-bookworm', '3.12-slim-bookworm'],
      ['python:bookworm', 'slim-bookworm'],
      ['node:20-bookworm', '20-bookworm-slim'],
      ['node:lts', 'lts-slim'],
      ['node:iron', 'iron-slim'],
      ['debian', 'stable-slim'],
      ['debian:12', '12-slim'],
      ['debian:bookworm-20240110', 'bookworm-20240110-slim'],
      ['ruby:3.3', '3.3-slim'],
      ['python:3.12-slim', undefined],
      ['python:3.12-alpine', undefined],
      ['debian:bookworm-slim', undefined],
      ['golang:1.23', undefined],
      ['ubuntu:24.04', undefined],
      ['perl:5.40-threaded', undefined],
      ['acme/python:3.12', undefined],
    ];
    for (const [image, expected] of cases) assert.equal(slimVariant(parseImageReference(image)), expected, image);
  });
});

describe('dockerfile/eol-base-image', () => {
  before(() => setEolClock(() => TODAY));
  after(() => setEolClock());

  it('reports end-of-life base images in every stage, at the image token', () => {
    expectFindings(ID, 'Dockerfile', 'FROM ⟦node:16-alpine3.15⟧ AS web\nRUN npm ci\nFROM ⟦python:3.8-slim-buster⟧\nCOPY --from=web /app/dist /srv\n');
    expectFindings(ID, 'Dockerfile', 'FROM ⟦ubuntu:bionic⟧\nFROM ⟦centos:7⟧\nFROM ⟦debian:stretch⟧\nFROM ⟦openjdk:11-jre-slim⟧\n');
  });
  it('resolves images from ARG defaults, without a fix', () => {
    const [finding] = expectFindings(ID, 'Dockerfile', 'ARG PYTHON_VERSION=3.7\nFROM ⟦python:${PYTHON_VERSION}-slim⟧\n');
    assert.equal(finding.fixes.length, 0);
    assert.match(finding.message, /ARG/);
  });
  it('stays silent for supported, floating and unknown images', () => {
    expectFindings(ID, 'Dockerfile', 'FROM python:3.13-slim AS a\nFROM node:22-alpine AS b\nFROM debian:bookworm-slim AS c\nFROM golang:1.27 AS d\nFROM ubuntu:24.04 AS e\nFROM alpine:3.22 AS f\nFROM scratch\nCOPY --from=python:3.6 /a /b\n');
    expectFindings(ID, 'Dockerfile', 'ARG BASE\nFROM ${BASE}\nFROM python:latest\nFROM node\nFROM example.com/python:2.7\n');
  });
  it('names the releases and the last day of support', () => {
    const [finding] = findingsOf(ID, 'Dockerfile', 'FROM python:3.8-slim-buster\n');
    assert.match(finding.message, /Python 3\.8 \(end of life 2024-10-07\) and Debian 10 \(buster\) \(end of life 2024-06-30\)/);
    const [centos] = findingsOf(ID, 'Dockerfile', 'FROM centos:7\n');
    assert.match(centos.message, /almalinux/);
    assert.equal(centos.fixes.length, 0);
  });
  it('fix moves to the successor tag, keeping the variant', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM python:3.8-slim-buster AS app\nCMD ["python"]\n', 'FROM python:3.14-slim AS app\nCMD ["python"]\n', { title: 'Use `python:3.14-slim`' });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM --platform=linux/amd64 node:16-alpine3.15\n', 'FROM --platform=linux/amd64 node:24-alpine\n', { title: /node:24-alpine/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM docker.io/library/debian:buster-slim\n', 'FROM docker.io/library/debian:trixie-slim\n', { title: /debian:trixie-slim/ });
  });
  it('fix drops a digest that would no longer match', () => {
    const digest = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    assertFixRoundTrip(ID, 'Dockerfile', `FROM node:18@${digest}\n`, 'FROM node:24\n', { title: /drops the old digest/ });
  });
  it('fix replaces the deprecated openjdk image with eclipse-temurin', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM openjdk:17-jdk-slim\n', 'FROM eclipse-temurin:17-jdk\n', { title: /eclipse-temurin:17-jdk/ });
  });
});

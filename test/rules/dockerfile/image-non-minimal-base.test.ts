import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const ID = 'dockerfile/non-minimal-base';

describe('dockerfile/non-minimal-base', () => {
  it('reports a full runtime image in the final stage only', () => {
    expectFindings(ID, 'Dockerfile', 'FROM python:3.12 AS build\nRUN pip wheel -w /wheels .\nFROM ⟦python:3.12⟧\nCOPY --from=build /wheels /wheels\n');
    expectFindings(ID, 'Dockerfile', 'FROM ⟦node:22-bookworm⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM ⟦debian:bookworm⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM ⟦ruby⟧\n');
  });
  it('follows the final stage to the image it builds on', () => {
    expectFindings(ID, 'Dockerfile', 'FROM ⟦node:22⟧ AS base\nWORKDIR /app\nFROM base AS final\nCMD ["node", "index.js"]\n');
  });
  it('reports toolchain images without a slim variant, without a fix', () => {
    const [golang] = expectFindings(ID, 'Dockerfile', 'FROM ⟦golang:1.23⟧\nCOPY . .\nRUN go build -o /app\nCMD ["/app"]\n');
    assert.equal(golang.fixes.length, 0);
    expectFindings(ID, 'Dockerfile', 'FROM ⟦mcr.microsoft.com/dotnet/sdk:8.0⟧\n');
    expectFindings(ID, 'Dockerfile', 'FROM ⟦eclipse-temurin:21-jdk-jammy⟧\n');
  });
  it('stays silent for slim, alpine, distroless, scratch, unknown and unresolved images', () => {
    const silent = [
      'FROM python:3.12\nRUN pip wheel .\nFROM python:3.12-slim\n',
      'FROM python:3.12-alpine\n',
      'FROM node:22-alpine3.20\n',
      'FROM node:22-bookworm-slim\n',
      'FROM debian:bookworm-slim\n',
      'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n',
      'FROM golang:1.23-alpine\n',
      'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\n',
      'FROM ubuntu:24.04\n',
      'FROM acme/python:3.12\n',
      'ARG BASE=python:3.12\nFROM ${BASE}-slim\n',
      'ARG TAG\nFROM python:${TAG}\n',
      'FROM eclipse-temurin:21-jre\n',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0\n',
      'FROM php:8.3-apache\n',
    ];
    for (const text of silent) expectFindings(ID, 'Dockerfile', text);
  });
  it('does not offer the mechanical fix for digest-pinned or ARG-built images', () => {
    const digest = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    assert.equal(findingsOf(ID, 'Dockerfile', `FROM python:3.12@${digest}\n`)[0].fixes.length, 0);
    assert.equal(findingsOf(ID, 'Dockerfile', 'ARG PY=3.12\nFROM python:${PY}\n')[0].fixes.length, 0);
  });
  it('fix switches to the slim variant', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM python:3.12 AS app\nCMD ["python"]\n', 'FROM python:3.12-slim AS app\nCMD ["python"]\n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM python:3.12-bookworm\n', 'FROM python:3.12-slim-bookworm\n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM node:20\n', 'FROM node:20-slim\n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM node:20-bookworm\n', 'FROM node:20-bookworm-slim\n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM debian:bookworm\n', 'FROM debian:bookworm-slim\n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM docker.io/library/python\n', 'FROM docker.io/library/python:slim\n');
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM node:22 AS base\nFROM base\n', 'FROM node:22-slim AS base\nFROM base\n');
  });
  it('offers the JRE and ASP.NET runtime images as choices', () => {
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM eclipse-temurin:21-jdk-jammy\n', 'FROM eclipse-temurin:21-jre-jammy\n', { title: /JRE/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM eclipse-temurin:17\n', 'FROM eclipse-temurin:17-jre\n', { title: /JRE/ });
    assertFixRoundTrip(ID, 'Dockerfile', 'FROM mcr.microsoft.com/dotnet/sdk:8.0\n', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\n', { title: /aspnet/ });
  });
});

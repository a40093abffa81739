import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

describe('dockerfile/sudo', () => {
  it('reports sudo before a program, in every stage and in continuations', () => {
    expectFindings('dockerfile/sudo', 'Dockerfile', 'FROM debian:12 AS build\nRUN ⟦sudo⟧ apt-get update\nFROM debian:12\nRUN echo ok && \\\n    ⟦sudo⟧ -E make install\n');
  });
  it('reports sudo in heredocs and ONBUILD triggers', () => {
    expectFindings('dockerfile/sudo', 'Dockerfile', 'FROM alpine:3.20\nRUN <<EOF\nset -e\n⟦sudo⟧ apk add curl\nEOF\nONBUILD RUN ⟦sudo⟧ make\n');
  });
  it('stays silent when sudo is only an argument or a package name', () => {
    expectFindings('dockerfile/sudo', 'Dockerfile', 'FROM debian:12\nRUN apt-get install -y sudo && echo "use sudo" && grep sudo /etc/group\n');
  });
  it('stays silent in non-shell heredocs and PowerShell', () => {
    expectFindings('dockerfile/sudo', 'Dockerfile', 'FROM python:3.12\nRUN python3 <<EOF\nprint("sudo rm")\nEOF\n');
    expectFindings('dockerfile/sudo', 'Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN sudo foo\n');
  });
  it('fix removes sudo and keeps the formatting', () => {
    assertFixRoundTrip('dockerfile/sudo', 'Dockerfile', 'FROM debian:12\n# keep me\nRUN sudo apt-get update && \\\n    sudo  apt-get install -y curl\n', 'FROM debian:12\n# keep me\nRUN apt-get update && \\\n    sudo  apt-get install -y curl\n');
  });
});

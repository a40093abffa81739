import { dockerfileRule } from '../../dockerfile/rule';
import { stageAncestry } from '../../dockerfile/model';
import {
  commandSites,
  installedPackages,
  packageInvocations,
  packageName,
  siteWordRange,
  SYSTEM_FAMILIES,
  type PackageInvocation,
} from '../../dockerfile/packages';
import type { ShellWord } from '../../engine/shell';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

const TOOLS = new Set([
  'gcc', 'g++', 'gcc-c++', 'c++', 'cc', 'clang', 'clang++', 'llvm', 'gfortran', 'binutils',
  'make', 'cmake', 'ninja-build', 'ninja', 'meson', 'scons', 'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf', 'pkgconfig',
  'build-essential', 'build-base', 'alpine-sdk', 'dpkg-dev', 'rpm-build', 'bison', 'flex',
  'git', 'linux-headers', 'kernel-devel', 'kernel-headers', 'musl-dev', 'libc-dev', 'libc6-dev', 'glibc-devel',
]);
const VERSIONED_TOOL = /^(?:gcc|g\+\+|clang|llvm|gfortran|cpp)-?[0-9][0-9.]*$|^(?:devtoolset|gcc-toolset)-[0-9]+(?:-.+)?$/;
const DEV_PACKAGE = /.-(?:dev|devel)$/;

/** The build tool or development package a name is, if any. */
export function isBuildTool(name: string): boolean {
  return TOOLS.has(name) || VERSIONED_TOOL.test(name) || DEV_PACKAGE.test(name);
}

function virtualName(invocation: PackageInvocation): string | undefined {
  return invocation.options.find((option) => option.name === '--virtual' || option.name === '-t')?.value;
}

export default dockerfileRule({
  id: 'dockerfile/build-tools-in-final-stage',
  title: 'Build tools in the final image',
  defaultSeverity: 'info',
  fix: '-',
  checklist: ['D1.1'],
  anchors: {},
  docs: {
    why:
      'Compilers, build systems, headers and git are needed to build software, not to run it. In the final image they add size and CVEs, and they hand an attacker who gets code execution a ready toolchain to build exploits and fetch code.',
    how:
      'Use a multi-stage build: install the toolchain and build in a `builder` stage, then `COPY --from=builder` only the artefacts into a slim final stage. If the tools must be in the same stage, remove them in the same `RUN` (`apk add --virtual .build-deps … && … && apk del .build-deps`, or `apt-get purge -y --auto-remove …`).',
    bad: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev && pip install --no-cache-dir psycopg2',
    good:
      'FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n && pip wheel --no-cache-dir -w /wheels psycopg2\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*',
    references: [
      checklistReference('D1.1'),
      CIS_DOCKER('4.3', 'Ensure that unnecessary packages are not installed in the container'),
      NIST_800_190('4.1.1', 'Image vulnerabilities'),
    ],
  },
  check(model, ctx) {
    const final = model.finalStage;
    if (!final || /(?:^|\/)\.devcontainer\//.test(ctx.path)) return;
    const chain = stageAncestry(final);
    const invocations = packageInvocations(model).filter((invocation) => SYSTEM_FAMILIES.has(invocation.family) && chain.includes(invocation.site.stage) && !invocation.site.instruction.onbuild);
    const removals = invocations.filter((invocation) => invocation.action === 'remove');
    const sites = commandSites(model);

    const removedLater = (install: PackageInvocation, name: string): boolean => {
      const virtual = install.family === 'apk' ? virtualName(install) : undefined;
      for (const removal of removals) {
        if (removal.family !== install.family || removal.site.order < install.site.order) continue;
        const names = removal.operands.map((word) => packageName(removal, word));
        if (names.includes(name) || (virtual !== undefined && names.includes(virtual.toLowerCase()))) return true;
        // Debian's pattern: `apt-mark auto '.*'` then `apt-get purge --auto-remove` drops everything installed since.
        if (removal.family === 'apt' && removal.site.instruction === install.site.instruction && (removal.subcommandName === 'autoremove' || removal.subcommandName === 'autopurge' || removal.options.some((option) => option.name === '--auto-remove'))) {
          const marked = sites.some((site) => site.instruction === install.site.instruction && site.program === 'apt-mark' && site.args.some((word) => word.value === 'auto') && site.order > install.site.order && site.order < removal.site.order);
          if (marked) return true;
        }
      }
      return false;
    };

    for (const invocation of invocations) {
      if (invocation.action !== 'install') continue;
      const words: Array<{ word: ShellWord; name: string }> = installedPackages(invocation).map((word) => ({ word, name: packageName(invocation, word) }));
      if (invocation.groups) {
        for (const word of invocation.operands) if (/development/i.test(word.value)) words.push({ word, name: word.value });
      }
      for (const { word, name } of words) {
        if (!isBuildTool(name) && !/development/i.test(name)) continue;
        if (removedLater(invocation, name)) continue;
        ctx.report({
          range: siteWordRange(model, invocation.site, word),
          message: `\`${name}\` is a build tool in the final image: build in an earlier stage and copy only the result.`,
        });
      }
    }
  },
});

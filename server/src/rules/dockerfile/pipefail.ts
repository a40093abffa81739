import { dockerfileRule } from '../../dockerfile/rule';
import { rootImage, type DockerfileModel, type RunScript, type Stage } from '../../dockerfile/model';
import { insertLinesBefore } from '../../dockerfile/helpers';
import { commandSites, curlArgs, findOption, isDownloader, shellName, siteWordRange, type CommandSite } from '../../dockerfile/packages';
import { commandArgs, programName, type ShellScript } from '../../engine/shell';
import { checklistReference, NIST_800_190, DOCKERFILE_REFERENCE } from '../../engine/references';
import type { Fix, TextEdit } from '../../engine/types';

const SHELL_LINE = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
/** Images whose `/bin/sh` may be dash but which ship bash. */
const BASH_IMAGES = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'sapmachine',
  'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'ubi', 'ubi8', 'ubi9', 'ubi10', 'ubi-minimal', 'ubi-init', 'leap', 'tumbleweed', 'bci-base',
  'nginx', 'httpd', 'postgres', 'mysql', 'mariadb', 'redis', 'mongo', 'elixir', 'erlang', 'haskell', 'gcc', 'julia', 'r-base', 'clojure', 'swift', 'tomcat', 'cuda', 'sdk', 'aspnet', 'runtime',
]);

type ShellKind = 'bash' | 'ash' | 'unknown';

/** What `/bin/sh` the stage's base image has, as far as its name tells. */
function baseShellKind(stage: Stage): ShellKind {
  const base = rootImage(stage);
  if (base.scratch || !base.image || base.unresolved) return 'unknown';
  const name = base.image.name.toLowerCase();
  const tag = (base.image.tag ?? '').toLowerCase();
  const repository = base.image.repository.toLowerCase();
  if (/alpine|busybox/.test(name) || /alpine|busybox/.test(tag) || /(?:^|\/)alpine/.test(repository)) return 'ash';
  if (repository.includes('distroless')) return 'unknown';
  return BASH_IMAGES.has(name) ? 'bash' : 'unknown';
}

/** Index of the first `set -o pipefail` (or `set -euo pipefail` …) command of a script, or Infinity. */
function pipefailIndex(script: ShellScript): number {
  for (const command of script.commands) {
    if (programName(command) !== 'set') continue;
    const args = commandArgs(command);
    for (let i = 1; i < args.length; i++) {
      if (args[i].value === 'pipefail' && /^-[A-Za-z]*o$/.test(args[i - 1].value)) return command.index;
    }
  }
  return Number.POSITIVE_INFINITY;
}

function shellHasPipefail(run: RunScript): boolean {
  return run.shell.some((part) => /(?:^|\s)pipefail(?:\s|$)/.test(part) || part === '-opipefail');
}

function prefixEdit(model: DockerfileModel, site: CommandSite): TextEdit | undefined {
  const first = site.run.script.commands[0];
  if (!first || first.words.length === 0) return undefined;
  const position = model.source.positionAt(site.run.script.source.documentOffset(first.words[0].start));
  return { range: { start: position, end: position }, newText: 'set -o pipefail && ' };
}

export default dockerfileRule({
  id: 'dockerfile/pipefail',
  title: 'Download piped without pipefail',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D1.4'],
  anchors: { hadolint: ['DL4006'] },
  docs: {
    why:
      'A pipeline\'s status is the status of its last command. In `curl -fsSL URL | tar -xz` a failed or truncated download is reported by curl but ignored: the step "succeeds" with a partial or empty result, and the image ships whatever was extracted — or an error page run as a script.',
    how:
      'Make the shell fail when any command of a pipeline fails. On images with bash (Debian, Ubuntu, most language images), add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the `RUN` (Debian\'s `/bin/sh` is dash, which may not know pipefail). On Alpine/BusyBox, `/bin/sh` supports it: start the command with `set -o pipefail &&`.',
    bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    references: [checklistReference('D1.4'), NIST_800_190('4.1.2', 'Image configuration defects'), DOCKERFILE_REFERENCE('SHELL')],
  },
  check(model, ctx) {
    const stageShellFixed = new Set<Stage>();
    const scriptFixed = new Set<ShellScript>();
    const firstInStage = new Map<Stage, CommandSite>();
    const pipefailAt = new Map<ShellScript, number>();
    for (const site of commandSites(model)) {
      if (site.parent || !isDownloader(site) || site.command.separator !== '|') continue;
      if (site.program === 'curl' && findOption(curlArgs(site), '-V', '--version', '-h', '--help')) continue;
      if (shellHasPipefail(site.run)) continue;
      let setAt = pipefailAt.get(site.run.script);
      if (setAt === undefined) pipefailAt.set(site.run.script, (setAt = pipefailIndex(site.run.script)));
      if (setAt < site.command.index) continue;

      const fixes: Fix[] = [];
      const prefix = prefixEdit(model, site);
      const prefixTitle = 'Start the command with `set -o pipefail &&`';
      // Which fix is safe: a bash SHELL (bash images whose /bin/sh may be dash), a `set -o pipefail`
      // prefix (shells that know it: ash, bash, zsh…), or a choice left to the user.
      const currentShell = shellName(site.run.shell[0] ?? '/bin/sh');
      const onbuild = site.instruction.onbuild;
      let route: 'shell' | 'prefix' | 'choice';
      if (currentShell !== 'sh') route = /^(?:bash|zsh|ksh|mksh|ash)$/.test(currentShell) ? 'prefix' : 'choice';
      else {
        const kind = baseShellKind(site.stage);
        route = kind === 'bash' ? 'shell' : kind === 'ash' ? 'prefix' : 'choice';
      }
      if (onbuild) route = 'choice';
      if (route === 'shell') {
        const first = firstInStage.get(site.stage) ?? site;
        firstInStage.set(site.stage, first);
        const line = first.instruction.range.start.line;
        const edit = insertLinesBefore(model, line, [model.source.indentation(line) + SHELL_LINE]);
        fixes.push({ title: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN', mechanical: !stageShellFixed.has(site.stage), edits: [edit] });
        stageShellFixed.add(site.stage);
        if (prefix) fixes.push({ title: prefixTitle, mechanical: false, edits: [prefix] });
      } else {
        if (prefix) fixes.push({ title: prefixTitle, mechanical: route === 'prefix' && !scriptFixed.has(site.run.script), edits: [prefix] });
        scriptFixed.add(site.run.script);
        if (route === 'choice' && !onbuild) {
          const line = site.instruction.range.start.line;
          const edit = insertLinesBefore(model, line, [model.source.indentation(line) + SHELL_LINE]);
          fixes.push({ title: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (the image must have bash)', mechanical: false, edits: [edit] });
        }
      }
      ctx.report({
        range: siteWordRange(model, site, site.command.words[site.command.programIndex]),
        message: `\`${site.program}\` is piped without \`pipefail\`: a failed download leaves the pipeline successful. Set \`-o pipefail\`.`,
        fixes,
      });
    }
  },
});

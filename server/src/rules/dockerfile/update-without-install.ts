import { dockerfileRule } from '../../dockerfile/rule';
import type { DockerfileModel, DockerInstruction } from '../../dockerfile/model';
import {
  commandSites,
  packageInvocation,
  removeInstructionEdit,
  siteWordRange,
  SYSTEM_FAMILIES,
  type CommandSite,
  type PackageFamily,
  type PackageInvocation,
} from '../../dockerfile/packages';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix, TextEdit } from '../../engine/types';

const SHELL_PROGRAMS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const SYSTEM_BIN = /^\/(?:usr\/)?s?bin\/[^/]+$/;

/** A command that runs a script or a local program, which may well install packages itself. */
function runsScript(site: CommandSite): boolean {
  if (site.command.programIndex < 0) return false;
  const word = site.command.words[site.command.programIndex].value;
  if (/\.(?:sh|bash)$/.test(word)) return true;
  if (word.includes('/') && !SYSTEM_BIN.test(word)) return true;
  if (SHELL_PROGRAMS.has(site.program)) {
    const operand = site.args.find((arg) => !arg.value.startsWith('-') && !arg.value.startsWith('+'));
    return operand !== undefined && !site.args.some((arg) => /^-[A-Za-z]*c[A-Za-z]*$/.test(arg.value));
  }
  return false;
}

/** Whether an invocation reads the package index that an update refreshed. */
function usesIndex(invocation: PackageInvocation): boolean {
  return invocation.action === 'install' || invocation.action === 'upgrade' || /^(?:build-dep|source|download|search|show|info|policy)$/.test(invocation.subcommandName);
}

interface Group {
  instruction: DockerInstruction;
  sites: CommandSite[];
  invocations: PackageInvocation[];
}

function groupByInstruction(model: DockerfileModel): Map<DockerInstruction, Group> {
  const groups = new Map<DockerInstruction, Group>();
  for (const site of commandSites(model)) {
    let group = groups.get(site.instruction);
    if (!group) {
      group = { instruction: site.instruction, sites: [], invocations: [] };
      groups.set(site.instruction, group);
    }
    group.sites.push(site);
    const invocation = packageInvocation(site);
    if (invocation && SYSTEM_FAMILIES.has(invocation.family)) group.invocations.push(invocation);
  }
  return groups;
}

const isUpdate = (invocation: PackageInvocation, family: PackageFamily): boolean => invocation.family === family && invocation.action === 'update';

/** A RUN made of nothing but one index update, as a single line of script (for the merge fix). */
function loneUpdate(group: Group): PackageInvocation | undefined {
  if (group.sites.length !== 1 || group.invocations.length !== 1) return undefined;
  const invocation = group.invocations[0];
  const { instruction } = group;
  if (invocation.action !== 'update' || invocation.site.parent || instruction.flags.length > 0) return undefined;
  if (invocation.site.run.script.source !== instruction.argumentsText) return undefined;
  return invocation;
}

export default dockerfileRule({
  id: 'dockerfile/update-without-install',
  title: 'Package index updated in a RUN without an install',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D1.2'],
  anchors: { trivy: ['DS-0017'], checkov: ['CKV_DOCKER_5'] },
  docs: {
    why:
      'The build cache keys a `RUN` on its text only. A `RUN apt-get update` on its own line is cached once and reused for months, so a later `RUN apt-get install` installs from that stale index: old, vulnerable package versions, or failures when the mirror has moved on.',
    how: 'Update the index in the same `RUN` as the install that needs it: `RUN apt-get update && apt-get install -y …`. The quick fix merges a lone update into the next `RUN` that installs.',
    bad: 'RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
    good: 'RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
    references: [
      checklistReference('D1.2'),
      CIS_DOCKER('4.7', 'Ensure update instructions are not used alone in the Dockerfile'),
      NIST_800_190('4.1.1', 'Image vulnerabilities'),
    ],
  },
  check(model, ctx) {
    const groups = groupByInstruction(model);
    const ordered = [...groups.values()];
    for (const [position, group] of ordered.entries()) {
      if (group.sites.some(runsScript)) continue;
      for (const update of group.invocations) {
        if (update.action !== 'update' || !update.subcommand) continue;
        const family = update.family;
        if (group.invocations.some((other) => other.family === family && usesIndex(other))) continue;
        const fixes: Fix[] = [];
        const merge = mergeFix(model, ordered, position, update);
        if (merge) fixes.push(merge);
        ctx.report({
          range: siteWordRange(model, update.site, update.subcommand),
          message: `\`${update.manager} ${update.subcommand.value}\` without an install in the same RUN: a cached layer makes later installs use a stale index. Update and install in one RUN.`,
          fixes,
        });
      }
    }
  },
});

/** Deletes a lone `RUN <update>` and puts the update in front of the next RUN that installs. */
function mergeFix(model: DockerfileModel, ordered: Group[], position: number, update: PackageInvocation): Fix | undefined {
  const group = ordered[position];
  if (loneUpdate(group) !== update) return undefined;
  const instruction = group.instruction;
  const family = update.family;
  const repeated: DockerInstruction[] = [];
  for (let i = position + 1; i < ordered.length; i++) {
    const candidate = ordered[i];
    const target = candidate.instruction;
    if (target.stage !== instruction.stage) return undefined;
    if (target.onbuild !== instruction.onbuild) continue;
    // More lone updates of the same family before the install: removed in the same fix, so a long
    // run of them is merged at once (one per fix-all pass would exceed its passes; found by fuzzing).
    if (loneUpdate(candidate)?.family === family) {
      repeated.push(target);
      continue;
    }
    if (!candidate.invocations.some((invocation) => invocation.family === family && usesIndex(invocation))) continue;
    const edits: TextEdit[] = [instruction, ...repeated].map((lone) => removeInstructionEdit(model, lone));
    if (!candidate.invocations.some((invocation) => isUpdate(invocation, family))) {
      const insertion = insertionEdit(model, candidate, update);
      if (!insertion) return undefined;
      edits.push(insertion);
    }
    const also = repeated.length > 0 ? ` (and remove the ${repeated.length} repeated after it)` : '';
    return { title: `Merge \`${commandText(update)}\` into the RUN on line ${target.range.start.line + 1}${also}`, mechanical: true, edits };
  }
  return undefined;
}

function commandText(update: PackageInvocation): string {
  return update.site.command.words.map((word) => word.raw).join(' ');
}

function insertionEdit(model: DockerfileModel, target: Group, update: PackageInvocation): TextEdit | undefined {
  const instruction = target.instruction;
  const top = target.sites.filter((site) => !site.parent && site.run.script.source === instruction.argumentsText);
  if (top.length === 0 || instruction.isExecForm) return undefined;
  const commands = top[0].run.script.commands;
  const first = commands[0];
  if (!first || first.words.length === 0) return undefined;
  const source = top[0].run.script.source;
  const text = commandText(update);
  // `set -eux; apt-get install …`: keep `set` first so it applies to the update too.
  if (top[0].program === 'set' && (first.separator === ';' || first.separator === '&&') && commands[1]?.words.length) {
    const offset = source.documentOffset(commands[1].words[0].start);
    const position = model.source.positionAt(offset);
    return { range: { start: position, end: position }, newText: `${text} ${first.separator} ` };
  }
  const position = model.source.positionAt(source.documentOffset(first.words[0].start));
  return { range: { start: position, end: position }, newText: `${text} && ` };
}

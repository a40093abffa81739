import type { Instruction } from 'dockerfile-ast';
import { dockerfileRule } from '../../dockerfile/rule';
import { stageAncestry, type DockerfileModel, type DockerInstruction, type Stage } from '../../dockerfile/model';
import {
  appendToScriptEdit,
  commandSites,
  insertAfterWordEdit,
  packageInvocation,
  rootSite,
  siteWordRange,
  type CommandSite,
  type PackageInvocation,
} from '../../dockerfile/packages';
import { isAssignment } from '../../engine/shell';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix, RuleContext } from '../../engine/types';

/** Cache locations per family, for `rm -rf …` and `--mount=type=cache` targets. */
const APT_LISTS = /\/var\/lib\/apt\/lists(?:\/|$)/;
/** A cache mount that holds the lists (`/var/cache/apt` holds only the archives: the lists stay in the layer). */
const APT_LISTS_MOUNT = /^\/var\/lib\/apt(?:\/lists)?\/*$/;
const APK_CACHE = /^\/(?:var\/cache\/apk|etc\/apk\/cache)(?:\/|$)/;
const RPM_CACHE = /^\/var\/cache\/(?:yum|dnf|libdnf5)(?:\/|$)/;
const ZYPP_CACHE = /^\/var\/cache\/zypp(?:\/|$)/;
const PIP_CACHE = /(?:^|\/)\.cache(?:\/pip)?\/?(?:\*)?$/;

interface Instr {
  instruction: DockerInstruction;
  sites: CommandSite[];
}

/** Targets of `RUN --mount=type=cache|tmpfs,target=…`. */
function cacheMounts(instruction: DockerInstruction): string[] {
  const targets: string[] = [];
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount' || !flag.value) continue;
    const fields = new Map<string, string>();
    for (const part of flag.value.split(',')) {
      const eq = part.indexOf('=');
      fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : part.slice(eq + 1).trim());
    }
    const type = fields.get('type');
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target) targets.push(target.replace(/^["']|["']$/g, ''));
  }
  return targets;
}

/** Paths removed by `rm` (or `find … -delete`) in the instruction. */
/** Paths the instruction's `rm`/`find` commands remove (a trailing `*` dropped), with each command's order (see CommandSite.order). */
function removals(sites: CommandSite[]): Array<{ path: string; order: number }> {
  return sites.flatMap((site) =>
    site.program === 'rm' || site.program === 'find' ? site.args.filter((word) => !word.value.startsWith('-')).map((word) => ({ path: word.value.replace(/\*$/, ''), order: site.order })) : [],
  );
}

function mentionsCleanup(instr: Instr, pathPattern: RegExp): boolean {
  return lastRemoval(instr, pathPattern) >= 0 || cacheMounts(instr.instruction).some((target) => pathPattern.test(target));
}

/** Order of the last `rm`/`find` of a matching path in the instruction, or -1. */
function lastRemoval(instr: Instr, pathPattern: RegExp): number {
  return Math.max(-1, ...removals(instr.sites).filter((removal) => pathPattern.test(removal.path)).map((removal) => removal.order));
}

/**
 * The first of the installs that no clean-up follows (a clean-up before an install does not
 * remove what the install downloads): undefined when the last install is cleaned up after.
 */
function firstUncleaned(installs: PackageInvocation[], lastCleanup: number): PackageInvocation | undefined {
  return installs.find((invocation) => invocation.site.order > lastCleanup);
}

function invocationsOf(instr: Instr): PackageInvocation[] {
  return instr.sites.map(packageInvocation).filter((invocation): invocation is PackageInvocation => invocation !== undefined);
}

/** `PIP_NO_CACHE_DIR` set by ENV/ARG in the stage (or a stage it builds on) before the instruction. */
function pipCacheDisabledByEnv(model: DockerfileModel, instruction: DockerInstruction): boolean {
  const chain: Stage[] = stageAncestry(instruction.stage);
  for (const candidate of model.instructions) {
    if (candidate.startOffset >= instruction.startOffset) break;
    if (!chain.includes(candidate.stage) || (candidate.keyword !== 'ENV' && candidate.keyword !== 'ARG')) continue;
    const node = candidate.node as unknown as { getProperties?: () => Array<{ getName(): string; getValue(): string | null }> } & Instruction;
    if (typeof node.getProperties !== 'function') continue;
    if (node.getProperties().some((property) => property.getName().toUpperCase() === 'PIP_NO_CACHE_DIR' && property.getValue() !== null)) return true;
  }
  return false;
}

export default dockerfileRule({
  id: 'dockerfile/package-cache-kept',
  title: 'Package manager cache left in the image',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D1.1'],
  anchors: { hadolint: ['DL3009', 'DL3019', 'DL3042', 'DL3032', 'DL3040', 'DL3036'], trivy: ['DS-0025', 'DS-0015', 'DS-0019'] },
  docs: {
    why:
      'Package indexes and downloaded archives (`/var/lib/apt/lists`, `/var/cache/apk`, `~/.cache/pip`, the yum/dnf/zypper caches) stay in the layer that created them: tens to hundreds of megabytes per image that every node pulls, and stale metadata that later steps may trust. Removing them in a later `RUN` does not shrink the earlier layer.',
    how:
      'Clean up in the same `RUN` that installs: `rm -rf /var/lib/apt/lists/*` after apt, `apk add --no-cache`, `pip install --no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`), `yum/dnf clean all`, `zypper clean --all`. With BuildKit, a cache mount (`RUN --mount=type=cache,target=/var/cache/apt …`) keeps the cache out of the image and speeds up rebuilds. This applies to every stage.',
    bad: 'RUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN pip install flask',
    good: 'RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir flask',
    references: [
      checklistReference('D1.1'),
      CIS_DOCKER('4.3', 'Ensure that unnecessary packages are not installed in the container'),
      NIST_800_190('4.1.2', 'Image configuration defects'),
    ],
  },
  check(model, ctx) {
    const byInstruction = new Map<DockerInstruction, Instr>();
    for (const site of commandSites(model)) {
      let instr = byInstruction.get(site.instruction);
      if (!instr) byInstruction.set(site.instruction, (instr = { instruction: site.instruction, sites: [] }));
      instr.sites.push(site);
    }
    for (const instr of byInstruction.values()) {
      const invocations = invocationsOf(instr);
      checkChainCleanup(model, ctx, instr, invocations);
      checkApk(model, ctx, instr, invocations);
      checkPip(model, ctx, instr, invocations);
    }
  },
});

/** apt, yum/dnf and zypper: a clean-up command in the same RUN. One finding per RUN and family. */
function checkChainCleanup(model: DockerfileModel, ctx: RuleContext, instr: Instr, invocations: PackageInvocation[]): void {
  const mounts = cacheMounts(instr.instruction);
  const installs = (family: string): PackageInvocation[] => invocations.filter((invocation) => invocation.family === family && (invocation.action === 'install' || invocation.action === 'upgrade'));
  const cleanOrder = (matches: (invocation: PackageInvocation) => boolean): number => Math.max(-1, ...invocations.filter(matches).map((invocation) => invocation.site.order));
  if (!mounts.some((target) => APT_LISTS_MOUNT.test(target) || APT_LISTS.test(target))) {
    const apt = firstUncleaned(installs('apt'), lastRemoval(instr, APT_LISTS));
    if (apt?.subcommand) {
      report(model, ctx, apt, `\`${apt.manager} ${apt.subcommand.value}\` leaves the package lists in \`/var/lib/apt/lists\`: remove them in the same RUN, after the install.`, ' && rm -rf /var/lib/apt/lists/*', 'Append `rm -rf /var/lib/apt/lists/*`');
    }
  }
  if (!mounts.some((target) => RPM_CACHE.test(target))) {
    const cleaned = Math.max(lastRemoval(instr, RPM_CACHE), cleanOrder((invocation) => invocation.family === 'rpm' && invocation.subcommandName === 'clean' && invocation.operands.some((word) => word.value === 'all')));
    const rpm = firstUncleaned(installs('rpm'), cleaned);
    if (rpm?.subcommand) {
      const clean = `${rpm.manager} clean all`;
      report(model, ctx, rpm, `\`${rpm.manager} ${rpm.subcommand.value}\` leaves its metadata and package cache in the layer: run \`${clean}\` in the same RUN, after the install.`, ` && ${clean}`, `Append \`${clean}\``);
    }
  }
  if (!mounts.some((target) => ZYPP_CACHE.test(target))) {
    const cleaned = Math.max(lastRemoval(instr, ZYPP_CACHE), cleanOrder((invocation) => invocation.family === 'zypper' && invocation.action === 'clean'));
    const zypper = firstUncleaned(installs('zypper'), cleaned);
    if (zypper?.subcommand) {
      report(model, ctx, zypper, `\`zypper ${zypper.subcommand.value}\` leaves its cache in the layer: run \`zypper clean --all\` in the same RUN, after the install.`, ' && zypper clean --all', 'Append `zypper clean --all`');
    }
  }
}

function report(model: DockerfileModel, ctx: RuleContext, invocation: PackageInvocation, message: string, append: string, title: string): void {
  if (!invocation.subcommand) return;
  const fixes: Fix[] = [];
  const edit = appendToScriptEdit(model, rootSite(invocation.site), append);
  if (edit) fixes.push({ title, mechanical: true, edits: [edit] });
  ctx.report({ range: siteWordRange(model, invocation.site, invocation.subcommand), message, fixes, anchors: cacheAnchors(invocation) });
}

/** The other tools' check for each manager's cache (their ignore comments silence only that manager's findings). */
const CACHE_CHECKS = new Map<string, string[]>([
  ['apt-get', ['DL3009']],
  ['apt', ['DL3009']],
  ['apk', ['DL3019', 'DS-0025']],
  ['pip', ['DL3042']],
  ['yum', ['DL3032', 'DS-0015']],
  ['dnf', ['DL3040', 'DS-0019']],
  ['microdnf', ['DL3040']],
  ['zypper', ['DL3036']],
]);

function cacheAnchors(invocation: PackageInvocation): string[] {
  return CACHE_CHECKS.get(invocation.manager) ?? [];
}

function checkApk(model: DockerfileModel, ctx: RuleContext, instr: Instr, invocations: PackageInvocation[]): void {
  if (mentionsCleanup(instr, APK_CACHE)) return;
  if (invocations.some((invocation) => invocation.family === 'apk' && invocation.subcommandName === 'cache' && invocation.operands.some((word) => word.value === 'clean' || word.value === 'purge'))) return;
  for (const invocation of invocations) {
    if (invocation.family !== 'apk' || invocation.subcommandName !== 'add' || !invocation.subcommand) continue;
    // `--no-network` installs from what is already there: no index is fetched, nothing is cached.
    if (invocation.options.some((option) => option.name === '--no-cache' || option.name === '--no-network')) continue;
    ctx.report({
      range: siteWordRange(model, invocation.site, invocation.subcommand),
      message: '`apk add` without `--no-cache` leaves the package index in `/var/cache/apk`.',
      anchors: cacheAnchors(invocation),
      fixes: [{ title: 'Add `--no-cache`', mechanical: true, edits: [insertAfterWordEdit(model, invocation.site, invocation.subcommand, ' --no-cache')] }],
    });
  }
}

function checkPip(model: DockerfileModel, ctx: RuleContext, instr: Instr, invocations: PackageInvocation[]): void {
  const pips = invocations.filter((invocation) => invocation.family === 'pip' && invocation.manager === 'pip' && invocation.action === 'install' && invocation.subcommand);
  if (pips.length === 0) return;
  if (mentionsCleanup(instr, PIP_CACHE) || pipCacheDisabledByEnv(model, instr.instruction)) return;
  if (invocations.some((invocation) => invocation.family === 'pip' && invocation.subcommandName === 'cache' && invocation.operands.some((word) => word.value === 'purge'))) return;
  // `export PIP_NO_CACHE_DIR=1` earlier in the RUN.
  const exported = instr.sites.filter((site) => (site.program === 'export' ? site.args : site.command.words).some((word) => isAssignment(word.raw) && /^PIP_NO_CACHE_DIR=/i.test(word.value) && (site.program === 'export' || site.command.programIndex < 0)));
  for (const invocation of pips) {
    const site = invocation.site;
    if (invocation.options.some((option) => option.name === '--no-cache-dir')) continue;
    if (site.command.words.slice(0, Math.max(0, site.command.programIndex)).some((word) => /^PIP_NO_CACHE_DIR=/i.test(word.value))) continue;
    if (exported.some((other) => other.order < site.order)) continue;
    const subcommand = invocation.subcommand;
    if (!subcommand) continue;
    ctx.report({
      range: siteWordRange(model, site, subcommand),
      message: '`pip install` without `--no-cache-dir` leaves downloaded wheels in `~/.cache/pip`.',
      anchors: cacheAnchors(invocation),
      fixes: [{ title: 'Add `--no-cache-dir`', mechanical: true, edits: [insertAfterWordEdit(model, site, subcommand, ' --no-cache-dir')] }],
    });
  }
}

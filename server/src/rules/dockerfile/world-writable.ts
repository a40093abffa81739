import { dockerfileRule } from '../../dockerfile/rule';
import type { DockerfileModel } from '../../dockerfile/model';
import { commandSites, parseArgs, removeCommandEdit, siteWordRange, type CommandSite } from '../../dockerfile/packages';
import type { ShellWord } from '../../engine/shell';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix, Range } from '../../engine/types';

/** A numeric mode that lets others write, without the sticky bit (`1777` is the normal /tmp mode). */
function numericWorldWritable(mode: string): boolean {
  if (!/^[0-7]{3,4}$/.test(mode)) return false;
  const digits = mode.padStart(4, '0');
  const special = Number(digits[0]);
  const others = Number(digits[3]);
  return (others & 2) !== 0 && (special & 1) === 0;
}

/** Clears the write bit for group and others: 777 → 755, 0666 → 0644, 2777 → 2755. */
function withoutGroupOtherWrite(mode: string): string {
  const length = mode.length;
  return mode
    .split('')
    .map((digit, index) => (index >= length - 2 ? String(Number(digit) & ~2) : digit))
    .join('');
}

interface Clause {
  who: string;
  op: string;
  perms: string;
}

function parseSymbolic(mode: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const part of mode.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/.exec(part);
    if (!match) return undefined;
    clauses.push({ who: match[1], op: match[2], perms: match[3] });
  }
  return clauses;
}

/** `o+w`, `a+rwx`, `ugo=rw`: a symbolic mode that gives others write access (explicitly), without `+t`. */
function symbolicWorldWritable(clauses: Clause[]): boolean {
  if (clauses.some((clause) => clause.op !== '-' && clause.perms.includes('t'))) return false;
  return clauses.some((clause) => clause.op !== '-' && clause.perms.includes('w') && /[oa]/.test(clause.who));
}

/** The symbolic mode without the write permission for others (`a+rwx` → `a+rx`), or '' when nothing is left. */
function symbolicWithoutOtherWrite(clauses: Clause[]): string {
  return clauses
    .map((clause) => {
      if (clause.op === '-' || !clause.perms.includes('w') || !/[oa]/.test(clause.who)) return `${clause.who}${clause.op}${clause.perms}`;
      const perms = clause.perms.replace('w', '');
      if (perms === '' && clause.op === '+') return '';
      return `${clause.who}${clause.op}${perms}`;
    })
    .filter((text) => text !== '')
    .join(',');
}

interface ModeWord {
  site: CommandSite;
  word: ShellWord;
  /** Mode value (without a `--mode=` prefix). */
  mode: string;
  /** Offset of the mode inside the word's raw text. */
  offset: number;
}

function modeWords(site: CommandSite): ModeWord[] {
  const result: ModeWord[] = [];
  if (site.program === 'chmod') {
    const operand = site.args.find((word) => !/^-[A-Za-z]+$/.test(word.value) && !word.value.startsWith('--'));
    // GNU chmod also takes `-w` style modes; those remove permissions and are never the problem.
    if (operand) result.push({ site, word: operand, mode: operand.value, offset: 0 });
  } else if (site.program === 'mkdir' || site.program === 'install') {
    const parsed = parseArgs(site.args, { shortWithValue: site.program === 'install' ? 'mgotS' : 'm', longWithValue: ['--mode', '--owner', '--group', '--target-directory', '--suffix', '--context'] });
    for (const option of parsed.options) {
      if ((option.name === '-m' || option.name === '--mode') && option.value !== undefined) {
        const word = option.valueWord ?? option.word;
        const offset = option.valueWord ? 0 : word.raw.length - option.value.length;
        result.push({ site, word, mode: option.value, offset: Math.max(0, offset) });
      }
    }
  }
  return result;
}

export default dockerfileRule({
  id: 'dockerfile/world-writable',
  title: 'World-writable permissions',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.4'],
  anchors: {},
  docs: {
    why:
      'A file or directory that every user may write (`777`, `o+w`) lets any process in the container — including a compromised, unprivileged one — replace programs, scripts or configuration that more privileged processes later trust, and defeats a read-only mindset for the image.',
    how:
      'Give write access only to the user that needs it: `chown app:app /data && chmod 755 /data` (or `750`), files `644`. Use `COPY --chown=…` instead of opening permissions afterwards. Shared scratch directories need the sticky bit (`1777`), which this rule accepts.',
    bad: 'RUN chmod -R 777 /app',
    good: 'RUN chown -R app:app /app && chmod -R 755 /app',
    references: [
      checklistReference('D2.4'),
      CIS_DOCKER('4.8', 'Ensure setuid and setgid permissions are removed'),
      NIST_800_190('4.1.2', 'Image configuration defects'),
    ],
  },
  check(model, ctx) {
    const sites = commandSites(model);
    for (const site of sites) {
      const modes = modeWords(site);
      if (modes.length === 0 || removedLater(sites, site)) continue;
      for (const modeWord of modes) checkMode(model, modeWord, (range, message, fixes) => ctx.report({ range, message, fixes }));
    }
    // COPY/ADD --chmod=777
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      for (const flag of instruction.flags) {
        if (flag.name !== 'chmod' || !flag.value || !flag.valueRange) continue;
        if (numericWorldWritable(flag.value)) {
          ctx.report({
            range: flag.valueRange,
            message: `\`--chmod=${flag.value}\` makes the copied files writable by every user.`,
            fixes: [{ title: `Use \`${withoutGroupOtherWrite(flag.value)}\``, mechanical: true, edits: [{ range: flag.valueRange, newText: withoutGroupOtherWrite(flag.value) }] }],
          });
        } else {
          const clauses = parseSymbolic(flag.value);
          if (clauses && symbolicWorldWritable(clauses)) ctx.report({ range: flag.valueRange, message: `\`--chmod=${flag.value}\` makes the copied files writable by every user.` });
        }
      }
    }
  },
});

/** A temporary path opened up and deleted again by the same RUN (`chmod 777 "$tempDir" … rm -rf "$tempDir"`). */
function removedLater(sites: CommandSite[], site: CommandSite): boolean {
  const paths = site.args.filter((word) => !word.value.startsWith('-')).slice(site.program === 'chmod' ? 1 : 0).map((word) => word.raw);
  if (paths.length === 0 || site.program !== 'chmod') return false;
  const removed = new Set<string>();
  for (const other of sites) {
    if (other.instruction !== site.instruction || other.order <= site.order || other.program !== 'rm') continue;
    for (const word of other.args) removed.add(word.raw);
  }
  return paths.every((path) => removed.has(path));
}

function checkMode(model: DockerfileModel, { site, word, mode, offset }: ModeWord, report: (range: Range, message: string, fixes: Fix[]) => void): void {
  if (/[$`]/.test(word.raw)) return;
  const rawOffset = word.raw === word.value || offset === 0 ? offset : word.raw.lastIndexOf(mode);
  const modeRange = word.raw.slice(rawOffset, rawOffset + mode.length) === mode ? rangeOf(model, site, word.start + rawOffset, word.start + rawOffset + mode.length) : siteWordRange(model, site, word);
  const what = site.program === 'chmod' ? `\`chmod ${mode}\`` : `\`${site.program} -m ${mode}\``;
  if (numericWorldWritable(mode)) {
    const replacement = withoutGroupOtherWrite(mode);
    report(modeRange, `${what} makes the path writable by every user in the container.`, [{ title: `Use \`${replacement}\``, mechanical: true, edits: [{ range: modeRange, newText: replacement }] }]);
    return;
  }
  const clauses = parseSymbolic(mode);
  if (!clauses || !symbolicWorldWritable(clauses)) return;
  const fixes: Fix[] = [];
  const without = symbolicWithoutOtherWrite(clauses);
  if (without !== '') {
    fixes.push({ title: `Use \`${without}\` (no write access for others)`, mechanical: false, edits: [{ range: modeRange, newText: without }] });
  } else if (site.program === 'chmod') {
    const edit = removeCommandEdit(model, site);
    if (edit) fixes.push({ title: 'Remove the `chmod` command', mechanical: false, edits: [edit] });
  }
  report(modeRange, `${what} makes the path writable by every user in the container.`, fixes);
}

function rangeOf(model: DockerfileModel, site: CommandSite, start: number, end: number): Range {
  const [from, to] = site.run.script.source.documentSpan(start, end);
  return model.source.rangeAt(from, to);
}

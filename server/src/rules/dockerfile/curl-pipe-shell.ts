import { dockerfileRule } from '../../dockerfile/rule';
import { mappedRange } from '../../dockerfile/helpers';
import { commandSites, isDownloadToStdout, isDownloader, shellCodeWord, type CommandSite } from '../../dockerfile/packages';
import { commandArgs, programName, type ShellCommand, type ShellWord } from '../../engine/shell';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import { windowsPipelines, windowsProgram, windowsSegments, type WindowsCommand } from '../../dockerfile/windows-scripts';

/** PowerShell: what runs its argument or input as code. */
const POWERSHELL_EVAL = /^(?:iex|invoke-expression)$/;
/** PowerShell: a download whose result is text in the pipeline (not `DownloadFile`, which writes a file). */
const POWERSHELL_DOWNLOAD = /\.(Download(?:String|Data))\s*\(|(?:^|[\s(|;])(Invoke-WebRequest|Invoke-RestMethod|iwr|irm|curl(?:\.exe)?|wget(?:\.exe)?)(?![\w-])/i;

function powershellDownload(text: string): string | undefined {
  const match = POWERSHELL_DOWNLOAD.exec(text);
  return match ? match[1] ?? match[2] : undefined;
}

const INTERPRETER = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|fish|python[0-9.]*|pypy[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node|nodejs|deno|bun|php[0-9.]*|pwsh|lua[0-9.]*|tclsh|Rscript)$/;
const SHELL = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|fish)$/;
/** Options that give the interpreter its program on the command line (stdin is then data). */
const CODE_OPTION = /^(?:-[A-Za-z]*[ceErm]|--eval|--command|--module)$/;
/** Interpreter options that take the next word as their value. */
const OPTION_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '-W', '-X']);

/** Whether `program args` reads the program it runs from standard input. */
function readsProgramFromStdin(program: string, args: ShellWord[]): boolean {
  if (program === 'source' || program === '.') return args.some((word) => word.value === '/dev/stdin' || word.value === '-');
  if (!INTERPRETER.test(program)) return false;
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return i + 1 >= args.length || args[i + 1].value === '-' || SHELL.test(program);
    if (value === '-' || value === '/dev/stdin') return true;
    if (/^[0-9]*[<>]/.test(args[i].raw)) continue;
    if (value.startsWith('-') || (SHELL.test(program) && value.startsWith('+'))) {
      if (SHELL.test(program) && /^-[A-Za-z]*s[A-Za-z]*$/.test(value)) return true;
      if (CODE_OPTION.test(value) && !(SHELL.test(program) && !/c/.test(value))) return false;
      if (OPTION_WITH_VALUE.has(value)) i++;
      continue;
    }
    return false; // a script file
  }
  return true;
}

function hasCodeOption(site: CommandSite): boolean {
  return site.args.some((word) => CODE_OPTION.test(word.value));
}

export default dockerfileRule({
  id: 'dockerfile/curl-pipe-shell',
  title: 'Download piped into a shell',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D1.4'],
  anchors: {},
  docs: {
    why:
      'A script fetched and executed in one step (`curl … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`) runs whatever the server, a compromised CDN or anyone on the path returns at build time, with the build\'s privileges, and nothing records what ran. A truncated download can even run half a script.',
    how:
      'Download to a file, verify it against a checksum or signature you pinned in the Dockerfile, then run it: `curl -fsSLo install.sh URL && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`. Better still, install a signed package or copy the tool from an official image (`COPY --from=…`).',
    bad: 'RUN curl -fsSL https://example.com/install.sh | sh',
    good:
      'ARG INSTALL_SHA256=0123…\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "${INSTALL_SHA256}  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh',
    references: [
      checklistReference('D1.4'),
      CIS_DOCKER('4.11', 'Ensure only verified packages are installed'),
      NIST_800_190('4.1.3', 'Embedded malware'),
      NIST_800_190('4.1.5', 'Use of untrusted images'),
    ],
  },
  check(model, ctx) {
    const reported = new Set<string>();
    const report = (site: CommandSite, word: ShellWord, downloader: string, interpreter: string): void => {
      const range = mappedRange(model, site.run.script.source, word.start, word.end);
      const key = `${range.start.line}:${range.start.character}`;
      if (reported.has(key)) return;
      reported.add(key);
      ctx.report({
        range,
        message: `${interpreter === 'the shell' ? 'The shell' : '`' + interpreter + '`'} runs code downloaded by \`${downloader}\` without verifying it: download to a file, check its checksum or signature, then run it.`,
      });
    };
    // PowerShell: `iex ((New-Object Net.WebClient).DownloadString(…))`, `iwr … | iex`, `Invoke-Expression (Invoke-RestMethod …)`.
    for (const segment of windowsSegments(model)) {
      if (segment.language !== 'powershell') continue;
      const text = segment.run.script.source.text;
      for (const pipeline of windowsPipelines(segment)) {
        pipeline.forEach((command: WindowsCommand, index: number) => {
          if (!POWERSHELL_EVAL.test(windowsProgram(command))) return;
          const evaluator = command.words[0];
          const downloader =
            powershellDownload(text.slice(evaluator.end, command.end)) ??
            pipeline.slice(0, index).map((previous) => powershellDownload(text.slice(previous.start, previous.end))).find((name) => name !== undefined);
          if (!downloader) return;
          const range = mappedRange(model, segment.run.script.source, evaluator.start, evaluator.end);
          const key = `${range.start.line}:${range.start.character}`;
          if (reported.has(key)) return;
          reported.add(key);
          ctx.report({
            range,
            message: `\`${evaluator.value}\` runs code downloaded by \`${downloader}\` without verifying it: download to a file, check its hash (\`Get-FileHash\`) or Authenticode signature, then run it.`,
          });
        });
      }
    }
    for (const site of commandSites(model)) {
      if (!isDownloader(site)) continue;
      // curl … | [tee …|] sh
      if (site.command.separator === '|' && isDownloadToStdout(site)) {
        let next: ShellCommand | undefined = site.command.next;
        while (next) {
          const program = programName(next);
          if (readsProgramFromStdin(program, commandArgs(next))) {
            report(site, next.words[next.programIndex], site.program, program);
            break;
          }
          next = next.next;
        }
      }
      // bash <(curl …), sh -c "$(curl …)", eval "$(curl …)", python -c "$(wget -qO- …)"
      const link = site.parent;
      if (!link || link.site.command.programIndex < 0) continue;
      const host = link.site;
      const hostWord = host.command.words[host.command.programIndex];
      if (link.kind === 'process') {
        if ((INTERPRETER.test(host.program) || host.program === 'source' || host.program === '.') && !hasCodeOption(host) && isProgramSource(host, link.word)) {
          report(host, hostWord, site.program, host.program);
        }
        continue;
      }
      if (link.kind === 'substitution') {
        const isCode =
          host.program === 'eval' ||
          link.word === hostWord ||
          link.word === shellCodeWord(host) ||
          (INTERPRETER.test(host.program) && isCodeArgument(host, link.word));
        if (isCode) report(host, hostWord, site.program, link.word === hostWord ? 'the shell' : host.program);
      }
    }
  },
});

/** Whether a word is the value of an interpreter's code option (`python -c CODE`, `perl -e CODE`). */
function isCodeArgument(site: CommandSite, word: ShellWord): boolean {
  const index = site.args.indexOf(word);
  if (index <= 0) return false;
  return CODE_OPTION.test(site.args[index - 1].value) && !/^-[A-Za-z]*m$/.test(site.args[index - 1].value);
}

/** Whether a word gives an interpreter its program: the script operand, or stdin (`< <(curl …)`) when there is none. */
function isProgramSource(site: CommandSite, word: ShellWord): boolean {
  let script: ShellWord | undefined;
  let stdin: ShellWord | undefined;
  const args = site.args;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].raw;
    if (raw === '<' || raw === '0<') {
      stdin = args[i + 1];
      i++;
      continue;
    }
    if (/^[0-9]*[<>]/.test(raw) && !raw.startsWith('<(') && !raw.startsWith('>(')) {
      if (/^[0-9]*[<>]+&?$/.test(raw)) i++;
      continue;
    }
    if (script) continue;
    if (args[i].value.startsWith('-') && args[i].value !== '-') {
      if (OPTION_WITH_VALUE.has(args[i].value)) i++;
      continue;
    }
    script = args[i];
  }
  return word === script || (word === stdin && (script === undefined || script.value === '-'));
}

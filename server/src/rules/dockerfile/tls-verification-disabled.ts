import type { Instruction } from 'dockerfile-ast';
import { dockerfileRule } from '../../dockerfile/rule';
import type { DockerfileModel } from '../../dockerfile/model';
import {
  commandSites,
  curlArgs,
  findOption,
  packageInvocation,
  parseArgs,
  removeCommandEdit,
  removeOptionEdit,
  removeWordsEdit,
  siteWordRange,
  substringRange,
  wgetArgs,
  writtenTexts,
  type CommandSite,
} from '../../dockerfile/packages';
import { isAssignment, type ShellWord } from '../../engine/shell';
import { mappedRange } from '../../dockerfile/helpers';
import { windowsPipelines, windowsProgram, windowsSegments, type WindowsSegment, type WindowsWord } from '../../dockerfile/windows-scripts';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix, Range, RuleContext, TextEdit } from '../../engine/types';

const FALSE = /^(?:false|no|off|0)$/i;
const SSLVERIFY_OFF = /^(?:[^=]*\.)?sslverify\s*=\s*(?:0|false|no|off)$/i;
const SSLVERIFY_WRITTEN = /\bsslverify\s*=\s*(?:0|false|no|off)\b/i;
const APT_VERIFY_OFF = /Acquire::https::(?:[^:\s"]+::)?Verify-(?:Peer|Host)["']?\s*[= ]\s*["']?(?:false|0|no)\b/i;
const WGETRC_OFF = /\bcheck_certificate\s*=\s*off\b/i;
const GIT_SSLVERIFY_KEY = /^http\.(?:.+\.)?sslverify$/i;

const INSECURE_VARIABLES = new Set(['NODE_TLS_REJECT_UNAUTHORIZED', 'PYTHONHTTPSVERIFY', 'GIT_SSL_NO_VERIFY', 'PIP_TRUSTED_HOST', 'NPM_CONFIG_STRICT_SSL', 'YARN_ENABLE_STRICT_SSL']);

const INSECURE_NAME_TEXT = /NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|GIT_SSL_NO_VERIFY|PIP_TRUSTED_HOST|NPM_CONFIG_STRICT_SSL|YARN_ENABLE_STRICT_SSL/i;

/** Why an environment variable turns certificate checks off, or undefined when it does not. */
export function insecureVariable(name: string, value: string | null, isArg: boolean): string | undefined {
  const upper = name.toUpperCase();
  if (value === null && isArg) return undefined;
  const v = (value ?? '').trim();
  switch (upper) {
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      return v === '0' ? 'Node.js accepts any TLS certificate when `NODE_TLS_REJECT_UNAUTHORIZED=0`' : undefined;
    case 'PYTHONHTTPSVERIFY':
      return v === '0' ? 'Python\'s `urllib` skips certificate checks when `PYTHONHTTPSVERIFY=0`' : undefined;
    case 'GIT_SSL_NO_VERIFY':
      return 'Git skips certificate checks whenever `GIT_SSL_NO_VERIFY` is set (to any value)';
    case 'PIP_TRUSTED_HOST':
      return v !== '' ? 'pip accepts any certificate (and plain HTTP) from the hosts in `PIP_TRUSTED_HOST`' : undefined;
    case 'NPM_CONFIG_STRICT_SSL':
      return FALSE.test(v) ? 'npm accepts any certificate when `strict-ssl` is false' : undefined;
    case 'YARN_ENABLE_STRICT_SSL':
      return FALSE.test(v) ? 'Yarn accepts any certificate when `enableStrictSsl` is false' : undefined;
    default:
      return undefined;
  }
}

interface Hit {
  range: Range;
  message: string;
  edits?: TextEdit[];
  fixTitle?: string;
}

export default dockerfileRule({
  id: 'dockerfile/tls-verification-disabled',
  title: 'TLS certificate verification disabled',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D4.2'],
  anchors: { checkov: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16'] },
  docs: {
    why:
      'Without certificate verification, TLS no longer proves who is on the other end: anyone on the network path (a proxy, a hostile Wi-Fi, a compromised CI runner network) can serve their own packages, scripts or binaries, and they end up in the image. Variables set with `ENV` keep the checks off in the running container too.',
    how:
      'Remove the flag, setting or variable. When a corporate proxy re-signs TLS traffic, add its CA certificate to the image\'s trust store instead (`COPY corp-ca.crt /usr/local/share/ca-certificates/` and `update-ca-certificates`; `pip --cert`, `npm config set cafile`, `git config http.sslCAInfo`, `NODE_EXTRA_CA_CERTS`), preferably as a build secret for the build only.',
    bad: 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -kfsSL https://example.com/tool.tgz | tar -xz \\\n && pip install --trusted-host pypi.org flask',
    good: 'COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt\nRUN update-ca-certificates \\\n && curl -fsSL https://example.com/tool.tgz | tar -xz \\\n && pip install flask',
    references: [
      checklistReference('D4.2'),
      CIS_DOCKER('4.11', 'Ensure only verified packages are installed'),
      NIST_800_190('4.2.1', 'Insecure connections to registries'),
      NIST_800_190('4.1.3', 'Embedded malware'),
    ],
  },
  check(model, ctx) {
    const hits: Hit[] = [];
    for (const site of commandSites(model)) checkCommand(model, site, hits);
    for (const segment of windowsSegments(model)) checkWindows(model, segment, hits);
    checkVariables(model, hits);
    emit(ctx, hits);
  },
});

function emit(ctx: RuleContext, hits: Hit[]): void {
  const seen = new Set<string>();
  for (const hit of hits) {
    const key = `${hit.range.start.line}:${hit.range.start.character}:${hit.range.end.line}:${hit.range.end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fixes: Fix[] = hit.edits && hit.fixTitle ? [{ title: hit.fixTitle, mechanical: true, edits: hit.edits }] : [];
    ctx.report({ range: hit.range, message: hit.message, fixes });
  }
}

function commandFix(model: DockerfileModel, site: CommandSite): Pick<Hit, 'edits' | 'fixTitle'> {
  const edit = removeCommandEdit(model, site);
  return edit ? { edits: [edit], fixTitle: `Remove the \`${site.program}\` command` } : {};
}

function checkCommand(model: DockerfileModel, site: CommandSite, hits: Hit[]): void {
  const program = site.program;
  if (program === 'curl') {
    const parsed = curlArgs(site);
    for (const option of parsed.options) {
      if (option.name !== '-k' && option.name !== '--insecure' && option.name !== '--proxy-insecure') continue;
      hits.push({
        range: siteWordRange(model, site, option.word),
        message: `\`curl ${option.name}\` accepts any certificate: the download can be swapped by anyone on the network path.`,
        edits: [removeOptionEdit(model, site, option)],
        fixTitle: `Remove \`${option.name}\``,
      });
    }
  } else if (program === 'wget' || (program === 'busybox' && site.args[0]?.value === 'wget')) {
    for (const option of wgetArgs(site).options) {
      if (option.name === '--no-check-certificate' || (option.name === '--check-certificate' && option.value !== undefined && FALSE.test(option.value))) {
        hits.push({
          range: siteWordRange(model, site, option.word),
          message: '`wget --no-check-certificate` accepts any certificate: the download can be swapped by anyone on the network path.',
          edits: [removeOptionEdit(model, site, option)],
          fixTitle: `Remove \`${option.word.value}\``,
        });
      }
    }
  } else if (program === 'git') {
    checkGit(model, site, hits);
  } else if (/^(?:conda|mamba|micromamba)$/.test(program)) {
    const set = site.args.findIndex((word) => word.value === '--set');
    if (site.args[0]?.value === 'config' && set >= 0 && /^ssl_verify$/i.test(site.args[set + 1]?.value ?? '') && FALSE.test(site.args[set + 2]?.value ?? '')) {
      hits.push({ range: siteWordRange(model, site, site.args[set + 1]), message: `\`${program} config --set ssl_verify false\` accepts any certificate from package channels.`, ...commandFix(model, site) });
    }
  } else if (program === 'composer') {
    const config = site.args.findIndex((word) => word.value === 'config');
    if (config >= 0) {
      const operands = site.args.slice(config + 1).filter((word) => !word.value.startsWith('-'));
      const [key, value] = operands;
      if (key && value && ((key.value === 'disable-tls' && /^(?:true|1)$/i.test(value.value)) || (key.value === 'secure-http' && FALSE.test(value.value)))) {
        hits.push({ range: siteWordRange(model, site, key), message: `\`composer config ${key.value} ${value.value}\` lets Composer download packages without TLS verification.`, ...commandFix(model, site) });
      }
    }
  }

  // Settings given through `--setopt` (yum, dnf, yum-config-manager, dnf config-manager).
  if (/^(?:yum|dnf|dnf5|microdnf|tdnf|yum-config-manager)$/.test(program)) {
    for (let i = 0; i < site.args.length; i++) {
      const word = site.args[i];
      let setting: string | undefined;
      let last = word;
      if (word.value.startsWith('--setopt=')) setting = word.value.slice('--setopt='.length);
      else if (word.value === '--setopt' && site.args[i + 1]) {
        setting = site.args[i + 1].value;
        last = site.args[i + 1];
      }
      if (setting !== undefined && SSLVERIFY_OFF.test(setting)) {
        hits.push({
          range: siteWordRange(model, site, word),
          message: `\`--setopt=${setting}\` makes ${program} accept any repository certificate.`,
          edits: [removeWordsEdit(model, site, word, last)],
          fixTitle: 'Remove the `--setopt` that turns sslverify off',
        });
      }
    }
  }

  const invocation = packageInvocation(site);
  if (invocation?.family === 'pip') {
    for (const option of invocation.options) {
      if (option.name !== '--trusted-host' && option.name !== '--allow-insecure-host') continue;
      hits.push({
        range: siteWordRange(model, site, option.word),
        message: `\`${invocation.manager} ${option.name}${option.value ? ' ' + option.value : ''}\` accepts any certificate (and plain HTTP) from that host.`,
        edits: [removeOptionEdit(model, site, option)],
        fixTitle: `Remove \`${option.name}\``,
      });
    }
    if (invocation.action === 'config') {
      const [verb, key] = invocation.operands;
      if (verb?.value === 'set' && key && /^[a-z]+\.trusted-host$/i.test(key.value)) {
        hits.push({ range: siteWordRange(model, site, key), message: `\`pip config set ${key.value}\` accepts any certificate (and plain HTTP) from those hosts.`, ...commandFix(model, site) });
      }
    }
  }
  if (invocation?.family === 'npm') {
    for (const option of invocation.options) {
      const off = option.name === '--no-strict-ssl' || (option.name === '--strict-ssl' && option.value !== undefined && FALSE.test(option.value));
      if (!off) continue;
      hits.push({
        range: siteWordRange(model, site, option.word),
        message: `\`${invocation.manager} ${option.word.value}\` accepts any registry certificate.`,
        edits: [removeOptionEdit(model, site, option)],
        fixTitle: `Remove \`${option.word.value}\``,
      });
    }
    if (invocation.action === 'config') {
      let operands = invocation.operands;
      if (invocation.subcommandName === 'config' && operands[0]?.value === 'set') operands = operands.slice(1);
      const keyWord = operands[0];
      if (keyWord) {
        const [key, inlineValue] = keyWord.value.includes('=') ? keyWord.value.split('=', 2) : [keyWord.value, operands[1]?.value];
        if (/^(?:strict-ssl|enablestrictssl)$/i.test(key) && inlineValue !== undefined && FALSE.test(inlineValue)) {
          hits.push({ range: siteWordRange(model, site, keyWord), message: `\`${invocation.manager} config set ${key} false\` accepts any registry certificate.`, ...commandFix(model, site) });
        }
      }
    }
  }
  if (invocation?.family === 'apt') {
    for (const option of invocation.options) {
      if ((option.name === '-o' || option.name === '--option') && option.value && APT_VERIFY_OFF.test(option.value.replace('=', ' '))) {
        hits.push({
          range: siteWordRange(model, site, option.valueWord ?? option.word),
          message: `\`${option.value}\` makes apt accept any repository certificate.`,
          edits: [removeWordsEdit(model, site, option.word, option.valueWord ?? option.word)],
          fixTitle: 'Remove the `-o` option',
        });
      }
    }
  }

  // Variables set in the script: `NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci`, `export GIT_SSL_NO_VERIFY=1`.
  const assignments: ShellWord[] = [];
  const words = site.command.words;
  for (let i = 0; i < words.length && (site.command.programIndex < 0 || i < site.command.programIndex); i++) {
    if (isAssignment(words[i].raw)) assignments.push(words[i]);
  }
  if (program === 'export' || program === 'declare' || program === 'typeset') assignments.push(...site.args.filter((word) => isAssignment(word.raw)));
  for (const word of assignments) {
    const eq = word.value.indexOf('=');
    const reason = insecureVariable(word.value.slice(0, eq), word.value.slice(eq + 1), false);
    if (!reason) continue;
    const alone = (site.command.programIndex < 0 && words.length === 1) || ((program === 'export' || program === 'declare') && site.args.length === 1);
    const edit = alone ? removeCommandEdit(model, site) : removeWordsEdit(model, site, word);
    hits.push({ range: siteWordRange(model, site, word), message: `${reason}.`, ...(edit ? { edits: [edit], fixTitle: `Remove \`${word.value}\`` } : {}) });
  }

  // Configuration files written by the script.
  for (const { word, text } of writtenTexts(site)) {
    if (site.command.programIndex < 0 && !/^(?:sslverify|ssl_verify)=/i.test(word.value)) continue;
    if (SSLVERIFY_WRITTEN.test(text)) {
      hits.push({ range: substringRange(model, site, word, /sslverify\s*=\s*(?:0|false|no|off)\b/i), message: '`sslverify=0` in a repository configuration makes yum/dnf accept any repository certificate.' });
    } else if (APT_VERIFY_OFF.test(text)) {
      hits.push({ range: substringRange(model, site, word, /Verify-(?:Peer|Host)/i), message: '`Acquire::https::Verify-Peer "false"` makes apt accept any repository certificate.' });
    } else if (WGETRC_OFF.test(text)) {
      hits.push({ range: substringRange(model, site, word, /check_certificate/i), message: '`check_certificate = off` makes wget accept any certificate.' });
    }
  }
}

/** curl short options that take a value: a `k` after one of them is part of the value. */
const CURL_SHORT_WITH_VALUE = new Set('oOHdDuUxXAebcTwmrCEKQtyYzFPa'.split(''));
/** curl long options that take a value (the next word). */
const CURL_LONG_WITH_VALUE = new Set(['--output', '--header', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--user', '--url', '--proxy', '--request', '--user-agent', '--referer', '--cacert', '--cert', '--key', '--config', '--write-out', '--max-time', '--connect-timeout', '--retry', '--form', '--upload-file', '--cookie', '--cookie-jar', '--range', '--output-dir', '--resolve']);
/** `-SkipCertificateCheck` (not `:$false`). */
const SKIP_CERTIFICATE_CHECK = /(?:^|[\s(])(-SkipCertificateCheck)(?![\w-])(?!:\s*\$false)/gi;
/** `ServerCertificateValidationCallback = { $true }` (or `{ return $true }`). */
const ACCEPT_ALL_CALLBACK = /\b(ServerCertificateValidationCallback)\s*=\s*\{\s*(?:return\s+)?\$true\s*(?:;\s*)?\}/gi;

function isCurlInsecure(word: WindowsWord): boolean {
  const value = word.value;
  if (value === '--insecure' || value === '--proxy-insecure') return true;
  if (!/^-[A-Za-z0-9#:]+$/.test(value)) return false;
  for (const letter of value.slice(1)) {
    if (letter === 'k') return true;
    if (CURL_SHORT_WITH_VALUE.has(letter)) return false;
  }
  return false;
}

/** PowerShell and cmd RUN text (Windows images): curl/wget flags, `-SkipCertificateCheck`, an accept-all certificate callback. No fix is offered. */
function checkWindows(model: DockerfileModel, segment: WindowsSegment, hits: Hit[]): void {
  const source = segment.run.script.source;
  const range = (start: number, end: number): Range => mappedRange(model, source, start, end);
  for (const pipeline of windowsPipelines(segment)) {
    for (const command of pipeline) {
      const program = windowsProgram(command);
      if (program === 'curl') {
        const words = command.words.slice(1);
        for (let i = 0; i < words.length; i++) {
          const word = words[i];
          if (word.value === '--') break;
          if (CURL_LONG_WITH_VALUE.has(word.value) || (/^-[A-Za-z]+$/.test(word.value) && CURL_SHORT_WITH_VALUE.has(word.value[word.value.length - 1]) && !isCurlInsecure(word))) {
            i++;
            continue;
          }
          if (!isCurlInsecure(word)) continue;
          hits.push({ range: range(word.start, word.end), message: `\`curl ${word.value}\` accepts any certificate: the download can be swapped by anyone on the network path.` });
        }
      } else if (program === 'wget') {
        for (const word of command.words.slice(1)) {
          if (word.value !== '--no-check-certificate') continue;
          hits.push({ range: range(word.start, word.end), message: '`wget --no-check-certificate` accepts any certificate: the download can be swapped by anyone on the network path.' });
        }
      }
    }
  }
  if (segment.language !== 'powershell') return;
  const text = source.text.slice(segment.start, segment.end);
  for (const match of text.matchAll(SKIP_CERTIFICATE_CHECK)) {
    const start = segment.start + (match.index ?? 0) + match[0].length - match[1].length;
    hits.push({ range: range(start, start + match[1].length), message: '`-SkipCertificateCheck` makes the download accept any certificate: it can be swapped by anyone on the network path.' });
  }
  for (const match of text.matchAll(ACCEPT_ALL_CALLBACK)) {
    const start = segment.start + (match.index ?? 0);
    hits.push({
      range: range(start, start + match[1].length),
      message: 'A `ServerCertificateValidationCallback` that returns `$true` makes .NET accept any certificate for every later download in this session.',
    });
  }
}

function checkGit(model: DockerfileModel, site: CommandSite, hits: Hit[]): void {
  const args = site.args;
  let i = 0;
  // Global options: -c name=value, -C dir, --git-dir=…
  while (i < args.length && args[i].value.startsWith('-')) {
    const value = args[i].value;
    if (value === '-c' || (value.startsWith('-c') && value.length > 2 && !value.startsWith('--'))) {
      const setting = value === '-c' ? args[i + 1]?.value ?? '' : value.slice(2);
      const [key, ...rest] = setting.split('=');
      const settingValue = rest.join('=');
      if (GIT_SSLVERIFY_KEY.test(key) && (rest.length === 0 || settingValue === '' || FALSE.test(settingValue))) {
        const last = value === '-c' ? args[i + 1] ?? args[i] : args[i];
        hits.push({
          range: siteWordRange(model, site, last),
          message: `\`git -c ${setting}\` accepts any certificate from the Git server.`,
          edits: [removeWordsEdit(model, site, args[i], last)],
          fixTitle: `Remove \`-c ${setting}\``,
        });
      }
      i += value === '-c' ? 2 : 1;
      continue;
    }
    i += value === '-C' ? 2 : 1;
  }
  if (args[i]?.value !== 'config') return;
  const parsed = parseArgs(args.slice(i + 1), { shortWithValue: 'f', longWithValue: ['--file', '--type', '--blob', '--default', '--comment'] });
  let operands = parsed.operands;
  if (operands[0]?.value === 'set') operands = operands.slice(1);
  const [key, value] = operands;
  if (key && GIT_SSLVERIFY_KEY.test(key.value) && value && (value.value === '' || FALSE.test(value.value)) && !findOption(parsed, '--unset', '--unset-all')) {
    hits.push({ range: siteWordRange(model, site, key), message: `\`git config ${key.value} ${value.value || '""'}\` makes Git accept any server certificate.`, ...commandFix(model, site) });
  }
}

/** `ENV`/`ARG` in every stage (and global `ARG`s, and `ONBUILD` triggers). */
function checkVariables(model: DockerfileModel, hits: Hit[]): void {
  const instructions: Instruction[] = [];
  for (const node of model.ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'ONBUILD') {
      const trigger = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (trigger) instructions.push(trigger);
    } else {
      instructions.push(node);
    }
  }
  for (const node of instructions) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    // Cheap text test first: building the properties of a long ENV is costly.
    const range = node.getRange();
    if (!INSECURE_NAME_TEXT.test(model.source.text.slice(model.source.offsetAt(range.start), model.source.offsetAt(range.end)))) continue;
    const withProperties = node as unknown as { getProperties?: () => Array<{ getName(): string; getValue(): string | null; getRange(): Range; getAssignmentOperator(): string | null }> };
    if (typeof withProperties.getProperties !== 'function') continue;
    const properties = withProperties.getProperties();
    properties.forEach((property, index) => {
      if (!INSECURE_VARIABLES.has(property.getName().toUpperCase())) return;
      const value = keyword === 'ARG' && property.getAssignmentOperator() === null ? null : property.getValue();
      const reason = insecureVariable(property.getName(), value, keyword === 'ARG');
      if (!reason) return;
      let edit: TextEdit;
      if (properties.length === 1) {
        // For an ONBUILD trigger these are the ONBUILD instruction's lines.
        edit = { range: model.source.wholeLinesRange(range.start.line, range.end.line), newText: '' };
      } else if (index + 1 < properties.length) {
        edit = { range: { start: property.getRange().start, end: properties[index + 1].getRange().start }, newText: '' };
      } else {
        edit = { range: { start: properties[index - 1].getRange().end, end: property.getRange().end }, newText: '' };
      }
      hits.push({ range: property.getRange(), message: `${reason}.`, edits: [edit], fixTitle: `Remove \`${property.getName()}\` from ${keyword}` });
    });
  }
}

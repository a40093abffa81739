import { isMap, isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, resolvedText, scalarContentStart, scalarText, type ComposeModel } from '../../compose/model';
import { bindsAllInterfaces, portEntries, type PortEntry } from '../../compose/values';
import { insertMapSettings, setScalarEdits } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { TextEdit } from '../../engine/types';

function loopbackFor(hostIp: string): string {
  return hostIp.includes(':') ? '::1' : '127.0.0.1';
}

/** Edits that bind a port entry to the loopback interface, or undefined when the text is not plain enough. */
function bindToLoopback(model: ComposeModel, entry: PortEntry): TextEdit[] | undefined {
  if (entry.form === 'long') {
    if (!isMap(entry.node)) return undefined;
    if (entry.hostIpNode) return setScalarEdits(model, entry.hostIpNode, loopbackFor(entry.hostIp));
    return insertMapSettings(model, entry.node, [{ key: 'host_ip', value: '127.0.0.1' }]);
  }
  const node = entry.node;
  if (!isScalar(node)) return undefined;
  const raw = scalarText(node);
  if (raw === undefined || raw.includes('$')) return undefined;
  if (typeof node.value === 'number') return setScalarEdits(model, node, `127.0.0.1:${entry.published ? '' : ':'}${raw}`);
  const start = scalarContentStart(model, node);
  if (start === undefined || raw !== raw.trim()) return undefined;
  if (entry.hostIp === '') {
    const prefix = entry.published === '' ? '127.0.0.1::' : '127.0.0.1:';
    return [{ range: model.source.rangeAt(start, start), newText: prefix }];
  }
  const written = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : entry.hostIp;
  if (!raw.startsWith(written + ':')) return undefined;
  const replacement = raw.startsWith('[') ? '[::1]' : loopbackFor(entry.hostIp);
  return [{ range: model.source.rangeAt(start, start + written.length), newText: replacement }];
}

export default composeRule({
  id: 'compose/port-all-interfaces',
  title: 'Port published on all interfaces',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D3.5'],
  anchors: { kics: ['Container Traffic Not Bound To Host Interface'] },
  docs: {
    why: 'A port published as `"8080:80"` listens on every interface of the host — including public ones — and Docker inserts its own iptables rules ahead of host firewalls such as ufw or firewalld, so the port is reachable from outside even when the firewall says it is closed. Databases, admin consoles and dev servers published this way are a classic source of breaches.',
    how: 'Bind ports that only the host needs to the loopback interface: `"127.0.0.1:8080:80"` (long syntax: `host_ip: 127.0.0.1`), and put a reverse proxy in front of what must be public. Services that only talk to each other need no published port at all: they reach each other over the Compose network.',
    bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"',
    good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"',
    references: [checklistReference('D3.5'), CIS_DOCKER('5.13', 'Ensure that incoming container traffic is bound to a specific host interface'), NIST_800_190('4.4.2', 'Unbounded network access from containers'), COMPOSE_REFERENCE('ports')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      // With the host's network the `ports` list is ignored (compose/host-namespace reports that).
      if (resolvedText(getSetting(service, 'network_mode')?.value)?.trim() === 'host') continue;
      for (const entry of portEntries(model, service)) {
        if (entry.unresolved || !bindsAllInterfaces(entry.hostIp)) continue;
        const edits = bindToLoopback(model, entry);
        const port = entry.published || `a random host port (for ${entry.target || 'the container port'})`;
        ctx.report({
          range: entry.range,
          message: `Service "${service.name}" publishes ${entry.published ? `port ${port}` : port} on all host interfaces: bind it to 127.0.0.1 unless it must be reachable from other hosts.`,
          fixes: edits && edits.length > 0 ? [{ title: 'Bind the port to 127.0.0.1', mechanical: true, edits }] : [],
        });
      }
    }
  },
});

// Compose values in both their syntaxes: `environment` (map and list), `ports` and `volumes`
// (short strings and long maps), `devices` and `image`, with exact ranges of their parts.

import { isMap, isScalar, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Range } from '../engine/types';
import { parseImageReference, type ImageReference } from '../engine/image';
import {
  entriesOf,
  getSetting,
  isTrue,
  keyRange,
  nodeRange,
  scalarContentStart,
  scalarSubRange,
  scalarText,
  sequenceItems,
  settingLayers,
  type ComposeModel,
  type ComposeService,
  type Setting,
} from './model';
import { interpolate, splitOutsideVariables } from './variables';

// ---------------------------------------------------------------------------------------------
// environment

export interface EnvironmentEntry {
  name: string;
  /** The value as written (undefined: taken from the shell, `KEY` or `KEY:` without value). */
  value: string | undefined;
  nameRange: Range;
  valueRange: Range | undefined;
  form: 'map' | 'list';
  setting: Setting;
  /** Map form: the pair; list form: the item. */
  pair?: Pair;
  item?: { seq: YAMLSeq; index: number; node: Scalar };
  /** Map form: the value scalar. */
  valueNode?: Scalar;
}

/** Every `environment` entry of a service (own, merged and inherited; the nearest wins per name). */
export function environmentEntries(model: ComposeModel, service: ComposeService): EnvironmentEntry[] {
  const result: EnvironmentEntry[] = [];
  const names = new Set<string>();
  for (const setting of settingLayers(service, 'environment')) {
    for (const entry of environmentOf(model, setting)) {
      if (names.has(entry.name)) continue;
      names.add(entry.name);
      result.push(entry);
    }
  }
  return result;
}

function environmentOf(model: ComposeModel, setting: Setting): EnvironmentEntry[] {
  const value = setting.value;
  const result: EnvironmentEntry[] = [];
  if (isMap(value)) {
    for (const entry of entriesOf(value).values()) {
      const node = isScalar(entry.value) ? entry.value : undefined;
      result.push({
        name: entry.key,
        value: scalarText(node),
        nameRange: keyRange(model.source, entry.pair),
        valueRange: node && scalarText(node) !== undefined ? nodeRange(model.source, node) : undefined,
        form: 'map',
        setting,
        pair: entry.pair,
        valueNode: node,
      });
    }
    return result;
  }
  for (const { node, index, seq } of sequenceItems(value)) {
    if (!isScalar(node)) continue;
    const text = scalarText(node);
    if (text === undefined) continue;
    const equals = text.indexOf('=');
    const name = (equals < 0 ? text : text.slice(0, equals)).trim();
    if (!name) continue;
    result.push({
      name,
      value: equals < 0 ? undefined : text.slice(equals + 1),
      nameRange: scalarSubRange(model, node, 0, equals < 0 ? text.length : equals),
      valueRange: equals < 0 ? undefined : scalarSubRange(model, node, equals + 1, text.length),
      form: 'list',
      setting,
      item: { seq, index, node },
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// ports

export interface PortEntry {
  node: Node;
  seq: YAMLSeq;
  index: number;
  form: 'short' | 'long';
  /** Host address as written after interpolation ('' when none: all interfaces). */
  hostIp: string;
  /** Published host port(s) ('' when Docker picks a random port). */
  published: string;
  target: string;
  /** The entry depends on a variable without a default: its binding is unknown. */
  unresolved: boolean;
  /** Range that shows the binding (the published port, or the whole short entry). */
  range: Range;
  /** Long syntax: the `host_ip` value, when present. */
  hostIpNode?: Scalar;
}

export function portEntries(model: ComposeModel, service: ComposeService): PortEntry[] {
  const result: PortEntry[] = [];
  for (const setting of settingLayers(service, 'ports')) {
    for (const { node, index, seq } of sequenceItems(setting.value)) {
      if (isScalar(node)) {
        const entry = parseShortPort(model, node);
        if (entry) result.push({ ...entry, seq, index });
      } else if (isMap(node)) {
        result.push({ ...parseLongPort(model, node), seq, index });
      }
    }
  }
  return result;
}

function parseShortPort(model: ComposeModel, node: Scalar): Omit<PortEntry, 'seq' | 'index'> | undefined {
  const raw = scalarText(node);
  if (raw === undefined) return undefined;
  const { value, unresolved } = interpolate(raw);
  const range = nodeRange(model.source, node);
  const base = { node, form: 'short' as const, unresolved, range };
  let text = value.trim();
  const slash = text.indexOf('/');
  if (slash >= 0) text = text.slice(0, slash);
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { ...base, hostIp: '', published: '', target: text, unresolved: true };
    const rest = text.slice(close + 1).replace(/^:/, '').split(':');
    return { ...base, hostIp: text.slice(1, close), published: rest.length > 1 ? rest[0] : '', target: rest[rest.length - 1] };
  }
  const parts = text.split(':');
  if (parts.length === 1) return { ...base, hostIp: '', published: '', target: parts[0] };
  if (parts.length === 2) return { ...base, hostIp: '', published: parts[0], target: parts[1] };
  const target = parts[parts.length - 1];
  const published = parts[parts.length - 2];
  return { ...base, hostIp: parts.slice(0, parts.length - 2).join(':'), published, target };
}

function parseLongPort(model: ComposeModel, map: YAMLMap): Omit<PortEntry, 'seq' | 'index'> {
  const entries = entriesOf(map);
  const text = (key: string): { value: string; unresolved: boolean } => {
    const raw = scalarText(entries.get(key)?.value) ?? '';
    const interpolated = interpolate(raw);
    return { value: interpolated.value.trim(), unresolved: interpolated.unresolved };
  };
  const hostIp = text('host_ip');
  const published = text('published');
  const target = text('target');
  const hostIpValue = entries.get('host_ip')?.value;
  const publishedSetting = entries.get('published');
  const targetSetting = entries.get('target');
  const range = publishedSetting?.value
    ? nodeRange(model.source, publishedSetting.value)
    : targetSetting
      ? keyRange(model.source, targetSetting.pair)
      : nodeRange(model.source, map);
  return {
    node: map,
    form: 'long',
    hostIp: hostIp.value,
    published: published.value,
    target: target.value,
    unresolved: hostIp.unresolved,
    range,
    hostIpNode: isScalar(hostIpValue) ? hostIpValue : undefined,
  };
}

/** Whether a host address binds every interface (none given, `0.0.0.0`, `::`). */
export function bindsAllInterfaces(hostIp: string): boolean {
  const ip = hostIp.trim().replace(/^\[|\]$/g, '');
  return ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '*';
}

// ---------------------------------------------------------------------------------------------
// volumes

export interface VolumeEntry {
  node: Node;
  seq: YAMLSeq;
  index: number;
  form: 'short' | 'long';
  type: string;
  /** Host path (bind) or volume name, interpolated; '' for anonymous volumes. */
  source: string;
  /** The source still holds a variable without a default. */
  unresolved: boolean;
  /** Range of the source as written (or of the whole entry). */
  sourceRange: Range;
  target: string;
  readOnly: boolean;
  /** For a named volume declared with `driver_opts: { o: bind, device: … }`: the host path it binds. */
  boundDevice?: string;
}

const BIND_START = /^(?:[/.~\\]|[A-Za-z]:[\\/]|\$)/;

export function volumeEntries(model: ComposeModel, service: ComposeService): VolumeEntry[] {
  const result: VolumeEntry[] = [];
  for (const setting of settingLayers(service, 'volumes')) {
    for (const { node, index, seq } of sequenceItems(setting.value)) {
      let entry: Omit<VolumeEntry, 'seq' | 'index'> | undefined;
      if (isScalar(node)) entry = parseShortVolume(model, node);
      else if (isMap(node)) entry = parseLongVolume(model, node);
      if (!entry) continue;
      if (entry.type === 'volume' && entry.source) entry.boundDevice = namedVolumeDevice(model, entry.source);
      result.push({ ...entry, seq, index });
    }
  }
  return result;
}

function parseShortVolume(model: ComposeModel, node: Scalar): Omit<VolumeEntry, 'seq' | 'index'> | undefined {
  const raw = scalarText(node);
  if (raw === undefined) return undefined;
  const segments = splitOutsideVariables(raw, ':', true);
  if (segments.length === 1) {
    const target = interpolate(raw).value;
    return { node, form: 'short', type: 'volume', source: '', unresolved: false, sourceRange: nodeRange(model.source, node), target, readOnly: false };
  }
  const [sourceSegment, targetSegment, modeSegment] = segments;
  const source = interpolate(sourceSegment.text);
  const target = interpolate(targetSegment.text);
  const options = modeSegment ? interpolate(segments.slice(2).map((s) => s.text).join(':')).value.split(',') : [];
  let sourceRange = scalarSubRange(model, node, sourceSegment.start, sourceSegment.end);
  // A default holding a colon changes the split: then only the whole entry can be shown.
  if (source.value.includes(':') && !/^[A-Za-z]:[\\/]/.test(source.value)) sourceRange = nodeRange(model.source, node);
  const isBind = BIND_START.test(sourceSegment.text) || BIND_START.test(source.value);
  return {
    node,
    form: 'short',
    type: isBind ? 'bind' : 'volume',
    source: source.value,
    unresolved: source.unresolved,
    sourceRange,
    target: target.value,
    readOnly: options.some((option) => option.trim() === 'ro'),
  };
}

function parseLongVolume(model: ComposeModel, map: YAMLMap): Omit<VolumeEntry, 'seq' | 'index'> {
  const entries = entriesOf(map);
  const sourceSetting = entries.get('source');
  const raw = scalarText(sourceSetting?.value) ?? '';
  const source = interpolate(raw);
  const type = scalarText(entries.get('type')?.value) ?? (BIND_START.test(raw) ? 'bind' : 'volume');
  return {
    node: map,
    form: 'long',
    type,
    source: source.value,
    unresolved: source.unresolved,
    sourceRange: sourceSetting?.value ? nodeRange(model.source, sourceSetting.value) : nodeRange(model.source, map),
    target: interpolate(scalarText(entries.get('target')?.value) ?? '').value,
    readOnly: isTrue(entries.get('read_only')?.value),
  };
}

/** The host path a top-level named volume binds (`driver_opts: { type: none, o: bind, device: /path }`). */
function namedVolumeDevice(model: ComposeModel, name: string): string | undefined {
  const volumes = model.topLevel.get('volumes')?.value;
  if (!isMap(volumes)) return undefined;
  const declaration = entriesOf(volumes).get(name)?.value;
  if (!isMap(declaration)) return undefined;
  const options = entriesOf(declaration).get('driver_opts')?.value;
  if (!isMap(options)) return undefined;
  const optionEntries = entriesOf(options);
  const o = scalarText(optionEntries.get('o')?.value) ?? '';
  const device = scalarText(optionEntries.get('device')?.value);
  if (!device || !/\bbind\b/.test(o)) return undefined;
  return interpolate(device).value;
}

// ---------------------------------------------------------------------------------------------
// devices

export interface DeviceEntry {
  node: Node;
  hostPath: string;
  range: Range;
}

export function deviceEntries(model: ComposeModel, service: ComposeService): DeviceEntry[] {
  const result: DeviceEntry[] = [];
  for (const setting of settingLayers(service, 'devices')) {
    for (const { node } of sequenceItems(setting.value)) {
      if (isScalar(node)) {
        const raw = scalarText(node);
        if (raw === undefined) continue;
        const segments = splitOutsideVariables(raw, ':');
        const host = interpolate(segments[0].text).value.trim();
        result.push({ node, hostPath: host, range: scalarSubRange(model, node, segments[0].start, segments[0].end) });
      } else if (isMap(node)) {
        const source = entriesOf(node).get('source');
        const host = interpolate(scalarText(source?.value) ?? '').value.trim();
        result.push({ node, hostPath: host, range: source?.value ? nodeRange(model.source, source.value) : nodeRange(model.source, node) });
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// image

export interface ServiceImage {
  setting: Setting;
  node: Scalar;
  /** The reference as written. */
  raw: string;
  /** The reference with variable defaults applied. */
  value: string;
  ref: ImageReference;
  /** True when the reference is written without variables, so parts map to exact offsets. */
  exact: boolean;
}

/**
 * The image a service pulls: none for a service that is built (`build:` names the image it builds)
 * and none when it depends on a variable without a default.
 */
export function serviceImage(service: ComposeService): ServiceImage | undefined {
  if (getSetting(service, 'build')) return undefined;
  const setting = getSetting(service, 'image');
  if (!setting || !isScalar(setting.value)) return undefined;
  const raw = scalarText(setting.value);
  if (raw === undefined || raw.trim() === '') return undefined;
  const { value, unresolved, hasVariables } = interpolate(raw.trim());
  // A `$` left after interpolation (`$${X}`) is not a valid reference: Compose would reject it.
  if (unresolved || value.trim() === '' || value.includes('$')) return undefined;
  return { setting, node: setting.value, raw, value: value.trim(), ref: parseImageReference(value.trim()), exact: !hasVariables && raw === raw.trim() };
}

/** Range of part [from, to) of the image reference, or of the whole value when inexact. */
export function imagePartRange(model: ComposeModel, image: ServiceImage, from: number, to: number): Range {
  if (!image.exact || scalarContentStart(model, image.node) === undefined) return nodeRange(model.source, image.node);
  return scalarSubRange(model, image.node, from, to);
}

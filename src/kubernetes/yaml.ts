// The plan as a YAML file: one document per object, a header saying what to create first and how to
// apply, and comments above the keys a user should check or change. Written with `yaml`'s document
// API so comments sit on the right keys.
import * as YAML from 'yaml';
import { KUBERNETES_VERSION, type ExportPlan, type PathComment } from './plan';

function indent(text: string): string {
  return text.split('\n').map((l) => (l.startsWith(' ') || l === '' ? l : ` ${l}`)).join('\n');
}

/** Puts `text` above the key (in a map) or the item (in a list) at `path`; absent paths are skipped. */
function placeComment(doc: YAML.Document, c: PathComment): void {
  const parentPath = c.path.slice(0, -1);
  const last = c.path[c.path.length - 1];
  const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  let node: YAML.Node | undefined;
  if (YAML.isMap(parent)) {
    const pair = parent.items.find((p) => YAML.isScalar(p.key) && p.key.value === last);
    if (pair && YAML.isNode(pair.key)) node = pair.key;
  } else if (YAML.isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last];
    if (YAML.isNode(item)) node = item;
  }
  if (!node) return;
  node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${indent(c.text)}` : indent(c.text);
}

export interface YamlContext {
  /** The file's path relative to the workspace, for the apply line. */
  readonly file: string;
  readonly origin: string;
}

export function planToYaml(plan: ExportPlan, ctx: YamlContext): string {
  const header = [
    ` ${plan.docs.map((d) => d.object.kind).join(' + ')} for ${ctx.origin}, written by ML Containers.`,
    ` Checked against the Kubernetes ${KUBERNETES_VERSION} API schema. Lines marked CHANGE need your values.`,
    ...(plan.header.length ? ['', ...plan.header.map((l) => ` ${l}`)] : []),
    '',
    ' Apply with ML Containers: Apply to Cluster, or:',
    `   kubectl apply -f ${ctx.file}`,
  ];
  return plan.docs.map((d, i) => {
    const doc = new YAML.Document(d.object.toJSON() as unknown);
    for (const c of d.comments) placeComment(doc, c);
    if (i === 0) doc.commentBefore = header.join('\n');
    return doc.toString({ lineWidth: 0 });
  }).join('---\n');
}

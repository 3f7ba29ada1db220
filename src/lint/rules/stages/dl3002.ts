import { defineRule } from '../../rule';
import type { Instruction } from '../../parser';
import { stageLineage } from '../../facts';

/** `root`, `0`, `root:<group>` or `0:<group>`. */
export function isRootUser(user: string): boolean {
  const u = user.trim().replace(/^["']|["']$/g, '');
  const name = u.split(':')[0];
  return name === 'root' || name === '0';
}

export const DL3002 = defineRule({
  code: 'DL3002',
  level: 'warning',
  title: 'The final image should not run as root.',
  description:
    'The last `USER` of the final stage decides who runs the container. Running as root means a process ' +
    'that escapes through a bug has full control of the container, and of mounted host files. Switch to root ' +
    'only for the steps that need it, then end with an unprivileged `USER`. A final stage built `FROM` an ' +
    'earlier stage inherits that stage\'s user.',
  example: {
    bad: 'FROM python:3.12-slim\nUSER root\nRUN pip install --no-cache-dir flask==3.0.3\nCMD ["flask", "run"]',
    good: 'FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nUSER 10001\nCMD ["flask", "run"]',
  },
  check(ctx) {
    const doc = ctx.doc;
    const last = doc.stages[doc.stages.length - 1];
    if (!last || !ctx.instructions('USER').length) return; // no USER anywhere: nothing to judge
    // the nearest USER along the final stage and the stages it is built on
    let user: Instruction | null = null;
    for (const st of stageLineage(doc, last)) {
      const list = st.instructions;
      for (let k = list.length - 1; k >= 0 && !user; k--) if (list[k].keyword === 'USER') user = list[k];
      if (user) break;
    }
    if (!user || !isRootUser(user.rest) || !user.rest.trim()) return;
    ctx.report(ctx.headRange(user),
      `The image ends up running as "${user.rest.trim()}"; add a USER with an unprivileged user after the steps that need root.`);
  },
});

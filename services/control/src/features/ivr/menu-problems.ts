import type { IvrMenu, IvrNode } from '@hotline/contracts';

/** The nodes a node leads to, each with the field that names it. */
function edges(node: IvrNode): [field: string, target: string][] {
  switch (node.kind) {
    case 'menu':
      return [...Object.entries(node.options).map(([key, target]): [string, string] => [`options/${key}`, target]), ['default', node.default]];
    case 'announcement':
    case 'lookup':
      return node.next === null ? [] : [['next', node.next]];
    case 'queue':
      return [];
  }
}

/**
 * What is wrong with a menu, each problem naming its field: a branch to a node that does not
 * exist, a queue that does not exist, a way round in a loop (a caller could be sent round for
 * ever), or a node no caller can reach. Empty when the menu can be used.
 */
export function menuProblems(menu: IvrMenu, queueExists: (id: string) => boolean): string[] {
  const problems: string[] = [];
  if (!menu.nodes[menu.root]) problems.push(`body/root: no node "${menu.root}"`);
  for (const [id, node] of Object.entries(menu.nodes)) {
    for (const [field, target] of edges(node)) if (!menu.nodes[target]) problems.push(`body/nodes/${id}/${field}: no node "${target}"`);
    if (node.kind === 'queue' && !queueExists(node.queueId)) problems.push(`body/nodes/${id}/queueId: no queue "${node.queueId}"`);
  }
  if (problems.length > 0) return problems;
  // Depth first from the root: a branch back to a node on the current way is a loop.
  const reached = new Set<string>();
  const onWay = new Set<string>();
  const visit = (id: string): void => {
    reached.add(id);
    onWay.add(id);
    for (const [field, target] of edges(menu.nodes[id]!)) {
      if (onWay.has(target)) problems.push(`body/nodes/${id}/${field}: leads back to "${target}", a loop`);
      else if (!reached.has(target)) visit(target);
    }
    onWay.delete(id);
  };
  visit(menu.root);
  for (const id of Object.keys(menu.nodes)) if (!reached.has(id)) problems.push(`body/nodes/${id}: not reachable from the root`);
  return problems;
}

/** Every text a menu speaks (prompts, fallbacks), to be rendered before it is used. */
export function menuTexts(menu: IvrMenu): string[] {
  return Object.values(menu.nodes).flatMap((node) =>
    node.kind === 'menu' || node.kind === 'announcement' ? [node.prompt] : node.kind === 'lookup' ? [node.prompt, node.fallback] : [],
  );
}

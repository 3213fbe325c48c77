/** A Relay cursor connection's `edges` and `pageInfo` for a page of `nodes`, each with its cursor
 *  (`cursors[i]` continues the list after `nodes[i]`); `more` holds the page's other fields. */
export function connection<N, M extends Record<string, unknown> = Record<string, never>>(
  nodes: readonly N[],
  cursors: readonly string[],
  hasNextPage: boolean,
  more?: M,
) {
  return {
    ...(more ?? ({} as M)),
    edges: nodes.map((node, i) => ({ node, cursor: cursors[i]! })),
    pageInfo: { hasNextPage, endCursor: hasNextPage ? (cursors[cursors.length - 1] ?? null) : null },
  };
}

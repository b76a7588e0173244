# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Planning of process steps: the step graph (order, cycles, critical path)."""
# Pure Python, no database access: the models feed it plain values, so a 12-step plan costs no query, and
# tests/test_planning.py tests it without Odoo (the working time lives in
# crm_contact_history/working_time.py).


def find_cycle(graph):
    """A cycle of `graph` ({node: [predecessor nodes]}) as a list of nodes [a, b, ..., a], or None."""
    state = {}  # 1 = on the current path, 2 = finished
    for root in graph:
        if state.get(root):
            continue
        path, stack = [], [(root, iter(graph.get(root, ())))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                cycle.reverse()  # predecessor edges point backwards: show the order in which work flows
                return cycle
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, ()))))
    return None


def topological_order(nodes, graph):
    """`nodes` (a list, in their display order) sorted so that every node comes after its predecessors.
    Ties keep the display order. Raises ValueError on a cycle."""
    position = {node: index for index, node in enumerate(nodes)}
    remaining = {node: len([p for p in graph.get(node, ()) if p in position]) for node in nodes}
    successors = {node: [] for node in nodes}
    for node in nodes:
        for predecessor in graph.get(node, ()):
            if predecessor in position:
                successors[predecessor].append(node)
    ready = sorted((node for node in nodes if not remaining[node]), key=position.get)
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for successor in successors[node]:
            remaining[successor] -= 1
            if not remaining[successor]:
                ready.append(successor)
                ready.sort(key=position.get)
    if len(order) != len(nodes):
        raise ValueError("cycle")
    return order


def schedule(nodes, graph, allowance, from_start):
    """Offsets in working hours from the start of the process: {node: (start, deadline)}.

    A step starts when all its predecessors are due; its deadline is `allowance[node]` working hours
    after that, or after the process start when `from_start[node]` (never before the step can start).
    The largest deadline is the lead time of the process (its critical path)."""
    offsets = {}
    for node in topological_order(nodes, graph):
        start = max([offsets[p][1] for p in graph.get(node, ()) if p in offsets] or [0.0])
        hours = allowance.get(node) or 0.0
        deadline = max(start, hours) if from_start.get(node) else start + hours
        offsets[node] = (start, deadline)
    return offsets

//! `transforms[].dependsOn`: names that are no transform (FLOE-E301) and circles (FLOE-E302).
//! Upstream checks them only through governance enforcement (its synthetic dbt manifest has one
//! node per transform); a product whose manifest enforces nothing gets the same findings as
//! warnings, worded for what they are there.

use std::collections::{HashMap, VecDeque};

use super::{Enforcement, Violation, platform, product};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Span};
use crate::dialect::v1::compile::{self as key, EnforcementLevel};
use crate::dialect::v1::product::Transform;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a `dependsOn` (or `depends_on`) entry that names no transform of the product.
    ///
    /// When the manifest has `governance` (and `policy_enforcement_level` is not `off`),
    /// `floe platform compile` reports it as FLOE-E301 "Model 'x' references non-existent model
    /// 'y'": a warning under `warn` (compile's default), fatal under `strict`. The finding here
    /// has that severity and message.
    ///
    /// Without governance (no manifest found, a manifest without `governance`, or
    /// `policy_enforcement_level: 'off'`) upstream checks nothing, yet the entry is still a
    /// dependency on a model the product does not define: floe-lint then reports it as a warning
    /// that says so, not as upstream's error.
    ///
    /// ## Why is this bad?
    /// The dependency graph of the product is wrong: a typo or a transform that was renamed or
    /// removed. Upstream's own quickstart fixture fails compile this way.
    ///
    /// ## Example
    /// ```yaml
    /// transforms:
    ///   - name: stg_customers
    ///   - name: int_customer_orders
    ///     dependsOn: [stg_customers, stg_orders]   # no transform stg_orders
    /// ```
    ///
    /// ## Fix
    /// Add the missing transform, or remove or correct the entry.
    pub struct UnknownDependency(UNKNOWN_DEPENDENCY) = ("FL216", "unknown-dependency", CrossFile, Warning, "A `dependsOn` entry names no transform of the product (FLOE-E301)");
}

declare_rule! {
    /// ## What it does
    /// Reports transforms whose `dependsOn` entries form a circle, with the circle written out
    /// as upstream writes it (FLOE-E302 "Circular dependency detected: a -> b -> c -> a", where
    /// `a -> b` means `b` depends on `a`). The finding is at the entry of the circle's first
    /// transform (in file order); the other entries are related locations.
    ///
    /// Severity and wording follow the manifest's enforcement level as for `unknown-dependency`
    /// (FL216): a warning under `warn`, an error under `strict`, and a warning worded for what
    /// it is when no governance is enforced. Upstream reports one circle; every circle is
    /// reported here.
    ///
    /// ## Why is this bad?
    /// Models that depend on each other in a circle cannot be ordered; dbt refuses such a graph.
    ///
    /// ## Example
    /// ```yaml
    /// transforms:
    ///   - name: a
    ///     dependsOn: [b]
    ///   - name: b
    ///     dependsOn: [a]
    /// ```
    ///
    /// ## Fix
    /// Remove the entry that closes the circle, or move the shared logic into a transform both
    /// depend on.
    pub struct CircularDependency(CIRCULAR_DEPENDENCY) = ("FL217", "circular-dependency", CrossFile, Warning, "Transforms depend on each other in a circle (FLOE-E302)");
}

/// Why upstream does not check `dependsOn` for this product, for the help of a finding made
/// without enforcement.
fn unchecked(cx: &Context<'_>) -> String {
    let Some((_, platform)) = platform(cx) else {
        return "No manifest is paired with this product; upstream's compile checks `dependsOn` only through the manifest's `governance` (FLOE-E301/E302)".to_owned();
    };
    match platform.governance() {
        None => format!(
            "The manifest has no `{}`, so upstream's compile does not check `dependsOn` (it reports this only when governance is enforced)",
            key::GOVERNANCE
        ),
        Some(_) => format!(
            "The manifest sets `{}: '{}'`, so upstream's compile does not check `dependsOn`",
            key::POLICY_ENFORCEMENT_LEVEL,
            EnforcementLevel::Off.value()
        ),
    }
}

impl Rule for UnknownDependency {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some((spec, product)) = product(cx) else {
            return;
        };
        let transforms = product.transforms();
        let names: std::collections::HashSet<&str> = transforms
            .iter()
            .filter_map(|t| t.name().map(|(name, _)| name))
            .collect();
        let enforcement = Enforcement::of(cx);
        for transform in &transforms {
            let model = transform.name().map_or("unknown", |(name, _)| name);
            for (dependency, span) in transform.depends_on() {
                if names.contains(dependency) {
                    continue;
                }
                // Upstream names the missing model by the last part of its dbt id
                // (`model.<project>.<name>`).
                let missing = dependency.rsplit('.').next().unwrap_or(dependency);
                let suggestion = format!(
                    "Add a transform `{missing}` to this floe.yaml, or remove the entry from `{model}`'s `{}`.",
                    key::DEPENDS_ON_ALIAS
                );
                out.push(match &enforcement {
                    Some(enforcement) => enforcement.finding(Violation {
                        rule: &UNKNOWN_DEPENDENCY,
                        code: "FLOE-E301",
                        message: format!(
                            "Model '{model}' references non-existent model '{missing}'"
                        ),
                        upstream_error: true,
                        span,
                        suggestion: Some(suggestion),
                        related: Vec::new(),
                    }),
                    None => Diagnostic::new(
                        &UNKNOWN_DEPENDENCY,
                        &spec.file,
                        span,
                        format!("`{dependency}` is not a transform of this product: `{model}` depends on a model that does not exist"),
                    )
                    .with_help(format!("{suggestion}\n{}.", unchecked(cx))),
                });
            }
        }
    }
}

impl Rule for CircularDependency {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some((spec, product)) = product(cx) else {
            return;
        };
        let graph = Graph::of(&product.transforms());
        let enforcement = Enforcement::of(cx);
        for cycle in graph.cycles() {
            let path: Vec<&str> = cycle.iter().map(|&node| graph.names[node]).collect();
            let written = path.join(" -> ");
            // The edge into the first transform closes the circle: the finding goes there.
            let edges: Vec<(usize, usize)> = cycle.windows(2).map(|w| (w[0], w[1])).collect();
            let Some((&closing, others)) = edges.split_last() else {
                continue;
            };
            let related: Vec<(Span, String)> = others
                .iter()
                .filter_map(|&(from, to)| {
                    Some((
                        graph.edge(from, to)?,
                        format!("`{}` depends on `{}`", graph.names[to], graph.names[from]),
                    ))
                })
                .collect();
            let Some(span) = graph.edge(closing.0, closing.1) else {
                continue;
            };
            let mut diagnostic = match &enforcement {
                Some(enforcement) => enforcement.finding(Violation {
                    rule: &CIRCULAR_DEPENDENCY,
                    code: "FLOE-E302",
                    message: format!("Circular dependency detected: {written}"),
                    upstream_error: true,
                    span,
                    suggestion: Some("Remove the entry that closes the circle, or move what the transforms share into one both depend on.".to_owned()),
                    related: Vec::new(),
                }),
                None => Diagnostic::new(
                    &CIRCULAR_DEPENDENCY,
                    &spec.file,
                    span,
                    format!("these transforms depend on each other in a circle: {written}"),
                )
                .with_help(format!(
                    "Remove the entry that closes the circle, or move what the transforms share into one both depend on.\n{}.",
                    unchecked(cx)
                )),
            };
            for (span, message) in related {
                diagnostic = diagnostic.with_related(&spec.file, span, message);
            }
            out.push(diagnostic);
        }
    }
}

/// The transforms as a graph: an edge `a -> b` when `b` depends on `a`. A name written twice
/// is one node whose inputs are those of its last definition (upstream's synthetic manifest is a
/// dict keyed by name).
struct Graph<'d> {
    names: Vec<&'d str>,
    /// Per node, its inputs: (input node, span of the `dependsOn` entry).
    inputs: Vec<Vec<(usize, Span)>>,
    /// Per node, the nodes that depend on it, in file order.
    outputs: Vec<Vec<usize>>,
}

impl<'d> Graph<'d> {
    fn of(transforms: &[Transform<'d>]) -> Graph<'d> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut names = Vec::new();
        let mut last = Vec::new();
        for transform in transforms {
            let Some((name, _)) = transform.name() else {
                continue;
            };
            let node = *index.entry(name).or_insert_with(|| {
                names.push(name);
                last.push(None);
                names.len() - 1
            });
            last[node] = Some(*transform);
        }
        let mut inputs = vec![Vec::new(); names.len()];
        let mut outputs = vec![Vec::new(); names.len()];
        for (node, transform) in last.iter().enumerate() {
            for (dependency, span) in transform.iter().flat_map(|t| t.depends_on()) {
                if let Some(&input) = index.get(dependency) {
                    inputs[node].push((input, span));
                    outputs[input].push(node);
                }
            }
        }
        Graph {
            names,
            inputs,
            outputs,
        }
    }

    /// The span of `to`'s `dependsOn` entry naming `from`.
    fn edge(&self, from: usize, to: usize) -> Option<Span> {
        self.inputs
            .get(to)?
            .iter()
            .find(|(input, _)| *input == from)
            .map(|(_, span)| *span)
    }

    /// One circle per strongly connected component that has one, as a path that starts and
    /// ends at the component's first node in file order, shortest first (breadth-first).
    fn cycles(&self) -> Vec<Vec<usize>> {
        let component = self.components();
        let mut seen = vec![false; self.names.len()];
        let mut found = Vec::new();
        for start in 0..self.names.len() {
            let id = component[start];
            if seen[id] {
                continue;
            }
            seen[id] = true;
            // Breadth-first from `start` inside its component until an edge leads back to it.
            // The parents are a map, not a vector per component: a product of thousands of
            // transforms has thousands of (mostly single-node) components.
            let mut parent: HashMap<usize, usize> = HashMap::new();
            let mut queue = VecDeque::from([start]);
            let mut closing = None;
            'search: while let Some(node) = queue.pop_front() {
                for &next in &self.outputs[node] {
                    if next == start {
                        closing = Some(node);
                        break 'search;
                    }
                    if component[next] == id && !parent.contains_key(&next) {
                        parent.insert(next, node);
                        queue.push_back(next);
                    }
                }
            }
            let Some(mut node) = closing else {
                continue;
            };
            let mut path = vec![start];
            while node != start {
                path.push(node);
                let Some(&previous) = parent.get(&node) else {
                    break;
                };
                node = previous;
            }
            path.push(start);
            // `path` is start, last, …, second, start: reverse the middle.
            let last = path.len() - 1;
            path[1..last].reverse();
            found.push(path);
        }
        found
    }

    /// Strongly connected components (Kosaraju, iterative: a product may have thousands of
    /// transforms and a recursion that deep would overflow the stack). Returns each node's
    /// component id.
    fn components(&self) -> Vec<usize> {
        let count = self.names.len();
        let mut order = Vec::with_capacity(count);
        let mut visited = vec![false; count];
        for root in 0..count {
            if visited[root] {
                continue;
            }
            visited[root] = true;
            let mut stack = vec![(root, 0usize)];
            while let Some((node, next)) = stack.pop() {
                if let Some(&child) = self.outputs[node].get(next) {
                    stack.push((node, next + 1));
                    if !visited[child] {
                        visited[child] = true;
                        stack.push((child, 0));
                    }
                } else {
                    order.push(node);
                }
            }
        }
        let mut component = vec![usize::MAX; count];
        let mut id = 0;
        for &root in order.iter().rev() {
            if component[root] != usize::MAX {
                continue;
            }
            component[root] = id;
            let mut stack = vec![root];
            while let Some(node) = stack.pop() {
                for &(input, _) in &self.inputs[node] {
                    if component[input] == usize::MAX {
                        component[input] = id;
                        stack.push(input);
                    }
                }
            }
            id += 1;
        }
        component
    }
}

//! What a rule sees: the project's floe.yaml, each environment's platform.yaml, and the dbt
//! project beside them.

use crate::syntax::Document;

/// One environment: a platform.yaml and whether it is a local (developer) environment, where
/// rules about production hardening do not apply.
pub struct Environment<'a> {
    pub name: &'a str,
    pub local: bool,
    pub document: &'a Document,
}

/// Files of the dbt project that floe.yaml's `transforms` point at.
#[derive(Default)]
pub struct Dbt<'a> {
    /// `dbt_project.yml`, parsed.
    pub project: Option<&'a Document>,
    /// A checked-in `profiles.yml`, parsed.
    pub profiles: Option<&'a Document>,
    /// `.sql` files under the project's model and macro paths (text only; `root` is `None`).
    pub sql: Vec<&'a Document>,
}

pub struct Context<'a> {
    /// The Generation A (floe-runtime) floe.yaml.
    pub floe: Option<&'a Document>,
    /// The Generation B product (`kind: FloeSpec`): none for a Generation A project.
    pub spec: Option<&'a Document>,
    /// The Generation B manifest (`kind: Manifest`) the product pairs with, or the manifest a
    /// project of its own checks.
    pub manifest: Option<&'a Document>,
    pub environments: Vec<Environment<'a>>,
    pub dbt: Dbt<'a>,
    /// profiles.yml generations shared by the FL7xx rules.
    pub generated: super::profiles::Generations,
}

impl<'a> Context<'a> {
    /// The environment a platform document belongs to.
    pub fn environment_of(&self, document: &Document) -> Option<&Environment<'a>> {
        self.environments
            .iter()
            .find(|e| std::ptr::eq(e.document, document))
    }
}

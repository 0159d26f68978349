//! What `floe platform compile` reads across a FloeSpec and its manifest: the key names its
//! checks look at and upstream's constants (spec §6), written once. Names the editor reads too
//! are the vocabulary's, re-exported here.

pub use super::vocabulary::{
    DEPENDS_ON_ALIAS, DEPENDS_ON_FIELD, DESTINATIONS, ENABLED, GOVERNANCE, METADATA, NAME, PLUGINS,
    QUALITY, QUALITY_PROVIDER as PROVIDER, SINK_TYPE, TRANSFORMS,
};

// ---------------------------------------------------------------------------------------------
// Key names, floe.yaml (FloeSpec)
// ---------------------------------------------------------------------------------------------

/// `transforms[].compute`, `plugins.compute`, `defaults.compute`, `approved_plugins.compute`.
pub const COMPUTE: &str = super::keys::plugin::COMPUTE;
/// `transforms[].tags`.
pub const TAGS: &str = "tags";

// ---------------------------------------------------------------------------------------------
// Key names, manifest.yaml
// ---------------------------------------------------------------------------------------------

/// `plugins.orchestrator`.
pub const ORCHESTRATOR: &str = super::keys::plugin::ORCHESTRATOR;
/// `plugins.<category>.type`, `custom_rules[].type`, `policies[].type`.
pub const TYPE: &str = super::keys::TYPE;
/// `approved_sinks`: enterprise whitelist of `destinations[].sink_type`.
pub const APPROVED_SINKS: &str = super::keys::APPROVED_SINKS;
/// `approved_plugins`: per category, the plugin types an enterprise approves.
pub const APPROVED_PLUGINS: &str = super::keys::APPROVED_PLUGINS;
/// `approved_products`: the products a domain manifest approves.
pub const APPROVED_PRODUCTS: &str = super::keys::APPROVED_PRODUCTS;
/// `defaults`: only `defaults.compute` is read.
pub const DEFAULTS: &str = super::keys::DEFAULTS;

/// `governance.policy_enforcement_level`.
pub const POLICY_ENFORCEMENT_LEVEL: &str = "policy_enforcement_level";
/// `governance.default_ttl_hours`.
pub const DEFAULT_TTL_HOURS: &str = "default_ttl_hours";
/// `governance.snapshot_keep_last`.
pub const SNAPSHOT_KEEP_LAST: &str = "snapshot_keep_last";
/// `governance.naming`.
pub const NAMING: &str = super::keys::NAMING;
/// `governance.naming.enforcement`.
pub const ENFORCEMENT: &str = "enforcement";
/// `governance.naming.pattern`, `policies[].config.pattern`.
pub const PATTERN: &str = super::keys::PATTERN;
/// `governance.naming.custom_patterns`.
pub const CUSTOM_PATTERNS: &str = super::keys::CUSTOM_PATTERNS;
/// `governance.quality_gates`.
pub const QUALITY_GATES: &str = "quality_gates";
/// `governance.quality_gates.require_descriptions`.
pub const REQUIRE_DESCRIPTIONS: &str = "require_descriptions";
/// `governance.custom_rules`.
pub const CUSTOM_RULES: &str = "custom_rules";
/// `custom_rules[].prefix` (`require_tags_for_prefix`).
pub const PREFIX: &str = "prefix";
/// `custom_rules[].required_tags`, `policies[].config.required_tags`.
pub const REQUIRED_TAGS: &str = "required_tags";
/// `custom_rules[].applies_to`: a glob over model names (default `*`).
pub const APPLIES_TO: &str = "applies_to";
/// `custom_rules[].field` (`require_meta_field`).
pub const FIELD: &str = "field";
/// `custom_rules[].required` (`require_meta_field`).
pub const REQUIRED: &str = "required";
/// `custom_rules[].test_types` (`require_tests_of_type`).
pub const TEST_TYPES: &str = "test_types";
/// `governance.policies`.
pub const POLICIES: &str = "policies";
/// `policies[].action`.
pub const ACTION: &str = "action";
/// `policies[].message`.
pub const MESSAGE: &str = "message";
/// `policies[].config`.
pub const CONFIG: &str = super::keys::CONFIG;
/// `policies[].config.threshold` (`max_transforms`).
pub const THRESHOLD: &str = "threshold";
/// `governance.rbac`.
pub const RBAC: &str = "rbac";
/// `governance.network_policies`.
pub const NETWORK_POLICIES: &str = "network_policies";

// ---------------------------------------------------------------------------------------------
// Upstream's constants
// ---------------------------------------------------------------------------------------------

/// The plugin categories compile requires, in the order it checks them (RESOLVE, `E201`).
pub const REQUIRED_PLUGINS: [&str; 2] = [COMPUTE, ORCHESTRATOR];

/// `PLUGIN_REGISTRY["quality"]`: the providers compile accepts (VALIDATE, FLOE-DQ001), in
/// upstream's order. `soda` is listed although no soda plugin ships.
pub const QUALITY_PROVIDERS: [&str; 3] = ["great_expectations", "soda", "dbt_expectations"];

/// `ResolvedGovernance.default_ttl_hours`'s upper bound (`le=8760`, one year); the manifest's
/// own model only asks for ≥ 1.
pub const MAX_DEFAULT_TTL_HOURS: i128 = 8760;
/// `ResolvedGovernance.snapshot_keep_last`'s upper bound (`le=100`); the manifest's own model
/// only asks for ≥ 1.
pub const MAX_SNAPSHOT_KEEP_LAST: i128 = 100;

/// `governance.naming.pattern: medallion` (upstream's `MEDALLION_PATTERN`, matched with
/// `re.match`).
pub const MEDALLION_PATTERN: &str = r"^(bronze|silver|gold)_[a-z][a-z0-9_]*$";
/// `governance.naming.pattern: kimball` (upstream's `KIMBALL_PATTERN`).
pub const KIMBALL_PATTERN: &str = r"^(dim|fact|bridge|hub|link|sat)_[a-z][a-z0-9_]*$";

/// The name prefixes upstream's naming validator knows, with the medallion prefix it suggests
/// instead (`_MEDALLION_SUGGESTIONS`, in upstream's order: the first match wins).
pub const MEDALLION_SUGGESTIONS: [(&str, &str); 11] = [
    ("stg_", "bronze_"),
    ("raw_", "bronze_"),
    ("src_", "bronze_"),
    ("staging_", "bronze_"),
    ("int_", "silver_"),
    ("intermediate_", "silver_"),
    ("clean_", "silver_"),
    ("agg_", "gold_"),
    ("mart_", "gold_"),
    ("dim_", "gold_"),
    ("fact_", "gold_"),
];
/// The same for kimball (`_KIMBALL_SUGGESTIONS`).
pub const KIMBALL_SUGGESTIONS: [(&str, &str); 7] = [
    ("bronze_", "fact_"),
    ("silver_", "dim_"),
    ("gold_", "dim_"),
    ("stg_", "fact_"),
    ("raw_", "fact_"),
    ("agg_", "fact_"),
    ("mart_", "fact_"),
];

/// `custom_rules[].type` values.
pub const REQUIRE_TAGS_FOR_PREFIX: &str = "require_tags_for_prefix";
pub const REQUIRE_META_FIELD: &str = "require_meta_field";
pub const REQUIRE_TESTS_OF_TYPE: &str = "require_tests_of_type";

/// `policies[].type` values.
pub const POLICY_REQUIRED_TAGS: &str = REQUIRED_TAGS;
pub const POLICY_NAMING_CONVENTION: &str = "naming_convention";
pub const POLICY_MAX_TRANSFORMS: &str = "max_transforms";
pub const POLICY_CUSTOM: &str = super::keys::NAMING_CUSTOM;

/// `policies[].action: warn`: the only action whose violations are warnings…
pub const ACTION_WARN: &str = "warn";
/// …`error` and `block` are errors.
pub const ACTION_ERROR: &str = "error";
pub const ACTION_BLOCK: &str = "block";

/// The only compute plugin upstream ships; a transform's `compute` never changes the profile,
/// which is generated from `plugins.compute`.
pub const SHIPPED_COMPUTE: &str = super::vocabulary::DUCKDB;

/// How strictly compile applies governance (`policy_enforcement_level`, also
/// `naming.enforcement`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EnforcementLevel {
    /// Nothing is checked.
    Off,
    /// Every violation is logged as a warning; compile passes. Compile's default.
    Warn,
    /// An error-severity violation makes compile fail (`PolicyEnforcementError`).
    Strict,
}

impl EnforcementLevel {
    pub const ALL: [EnforcementLevel; 3] = [
        EnforcementLevel::Off,
        EnforcementLevel::Warn,
        EnforcementLevel::Strict,
    ];

    /// The value as written.
    pub fn value(self) -> &'static str {
        match self {
            EnforcementLevel::Off => "off",
            EnforcementLevel::Warn => "warn",
            EnforcementLevel::Strict => "strict",
        }
    }

    pub fn from_value(value: &str) -> Option<EnforcementLevel> {
        EnforcementLevel::ALL
            .into_iter()
            .find(|level| level.value() == value)
    }
}

/// `governance.naming.pattern`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamingPattern {
    Medallion,
    Kimball,
    Custom,
}

impl NamingPattern {
    pub const ALL: [NamingPattern; 3] = [
        NamingPattern::Medallion,
        NamingPattern::Kimball,
        NamingPattern::Custom,
    ];

    pub fn value(self) -> &'static str {
        match self {
            NamingPattern::Medallion => "medallion",
            NamingPattern::Kimball => "kimball",
            NamingPattern::Custom => "custom",
        }
    }

    pub fn from_value(value: &str) -> Option<NamingPattern> {
        NamingPattern::ALL.into_iter().find(|p| p.value() == value)
    }
}

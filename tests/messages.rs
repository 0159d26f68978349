//! What a person reads: control characters never reach the terminal, errors point where the
//! mistake is, lists stay short, one typo is one finding, and wrapping never cuts a token.

mod common;

use common::{Project, findings};

const PLATFORM: &str = "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncatalogs:\n  default:\n    uri: \"https://polaris.example.com/api/catalog\"\n    warehouse: lake\n    credentials:\n      mode: oauth2\n      client_id: {secret_ref: polaris-client-id}\n      client_secret: {secret_ref: polaris-client-secret}\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: /tmp/floe.duckdb\n";

fn human(project: &Project) -> String {
    let output = project.run(&["check", "--color", "never"]);
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn has_raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
}

fn outputs(project: &Project) -> Vec<(String, String)> {
    [
        vec!["check", "--color", "never"],
        vec!["check", "--color", "always"],
        vec!["check", "--format", "github"],
    ]
    .into_iter()
    .map(|args| {
        let output = project.run(&args);
        let stdout = String::from_utf8(output.stdout).expect("UTF-8");
        // With colour, only floe-lint's own sequences (`ESC [ … m`) may be there.
        let text = if args.contains(&"always") {
            strip_sgr(&stdout)
        } else {
            stdout
        };
        assert!(!has_raw_control(&text), "{args:?}: {text:?}");
        (args.join(" "), text)
    })
    .collect()
}

#[test]
fn control_characters_from_files_are_shown_escaped() {
    // Raw bytes, shown in a snippet (FL003); lone CRs end lines in YAML: shown as line breaks,
    // with real line numbers (no `0 │` gutter).
    let raw = Project::new();
    raw.write(
        "floe.yaml",
        "name: orders\nversion: \"1.0\"\ndescription: \"\u{1b}]0;pwned\u{7}\u{1b}[31mred\"\n",
    )
    .write(
        "platform/local/platform.yaml",
        "version: \"1.2.0\"\rstorage: [\r",
    );
    let shown = outputs(&raw);
    assert!(
        shown[0].1.contains("description: \"␛]0;pwned␇␛[31mred\""),
        "{}",
        shown[0].1
    );
    assert!(!shown[0].1.contains("\n 0 │"), "{}", shown[0].1);
    assert!(shown[0].1.contains(" 2 │ storage: ["), "{}", shown[0].1);
    // YAML escapes that load as ESC and BEL, quoted back in a message (FL200).
    let escaped = Project::new();
    escaped
        .write(
            "floe.yaml",
            "name: orders\nversion: \"1.0\"\ncatalog: \"\\e]0;pwned\\a\\e[31mred\"\n",
        )
        .write("platform/prod/platform.yaml", PLATFORM);
    for (args, text) in outputs(&escaped) {
        assert!(
            text.contains("'␛]0;pwned␇␛[31mred' not found"),
            "{args}: {text}"
        );
    }
}

/// Removes `ESC [ digits;… m` colour sequences.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn an_unclosed_quote_is_reported_where_it_starts() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: orders\nversion: \"1.0\"\n")
        .write(
            "platform/local/platform.yaml",
            PLATFORM.replace(
                "    bucket: lake\n",
                "    bucket: lake\n    endpoint: \"http://localhost:4566\n    region: us-east-1\n",
            ),
        );
    let (_, json) = project.check_json(&[]);
    let syntax: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL001")
        .collect();
    assert_eq!(syntax.len(), 1, "{json:#}");
    assert_eq!(syntax[0]["range"]["start"]["line"], 5, "{json:#}");
    assert_eq!(syntax[0]["range"]["start"]["column"], 15, "{json:#}");
    assert_eq!(syntax[0]["help"], "close the quote on line 5");
    assert!(
        syntax[0]["related"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("the YAML parser gave up here"),
        "{json:#}"
    );
}

#[test]
fn an_on_key_is_explained_as_a_yaml_boolean() {
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            "name: orders\nversion: \"1.0\"\norchestration:\n  on: push\n",
        )
        .write("platform/local/platform.yaml", PLATFORM);
    let (_, json) = project.check_json(&[]);
    let unknown = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "FL100")
        .expect("FL100");
    let message = unknown["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("`on` (YAML 1.1") && message.contains("the boolean true"),
        "{message}"
    );
    assert!(
        unknown["help"]
            .as_str()
            .unwrap_or_default()
            .starts_with("quote it (`\"on\":`)"),
        "{unknown:#}"
    );
}

#[test]
fn available_lists_show_the_closest_few_and_a_count() {
    let mut platform = String::from(
        "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncompute:\n  default:\n    type: duckdb\ncatalogs:\n",
    );
    for i in 0..10_000 {
        platform.push_str(&format!(
            "  lake_{i}:\n    uri: \"https://p.example.com/api/catalog\"\n    warehouse: w\n"
        ));
    }
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            "name: orders\nversion: \"1.0\"\ncatalog: lake_42x\ntransforms:\n  - type: dbt\n    path: dbt\n",
        )
        .write("platform/local/platform.yaml", platform)
        .write("dbt/dbt_project.yml", "name: orders\nprofile: orders\n");
    let (_, json) = project.check_json(&[]);
    for code in ["FL200", "FL701"] {
        let found = json["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {json:#}"));
        let message = found["message"].as_str().unwrap_or_default();
        assert!(
            message.len() < 400,
            "{code}: {} bytes: {message}",
            message.len()
        );
        assert!(message.contains(" more"), "{code}: {message}");
        let help = found["help"].as_str().unwrap_or_default();
        assert!(help.len() < 400, "{code}: {help}");
    }
    let fl200 = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "FL200")
        .expect("FL200");
    assert!(
        fl200["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Available: lake_42, "),
        "{fl200:#}"
    );
}

#[test]
fn one_typo_is_one_finding_naming_every_environment() {
    let project = Project::new();
    project.write(
        "floe.yaml",
        "name: orders\nversion: \"1.0\"\ncatalog: defualt\n",
    );
    for env in ["dev", "prod", "staging"] {
        project.write(&format!("platform/{env}/platform.yaml"), PLATFORM);
    }
    let (_, json) = project.check_json(&[]);
    let fl200: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL200")
        .collect();
    assert_eq!(fl200.len(), 1, "{json:#}");
    let message = fl200[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("not found in 3 environments (`dev`, `prod`, `staging`)"),
        "{message}"
    );
    assert_eq!(fl200[0]["help"], "did you mean `default`?");
    let related: Vec<&str> = fl200[0]["related"]
        .as_array()
        .expect("related")
        .iter()
        .map(|r| r["file"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        related,
        [
            "platform/dev/platform.yaml",
            "platform/prod/platform.yaml",
            "platform/staging/platform.yaml"
        ]
    );
    // Related locations read as notes, not as miette's "Advice:".
    let text = human(&project);
    assert!(!text.contains("Advice"), "{text}");
    assert_eq!(
        text.matches("  note: `catalogs` profiles of environment")
            .count(),
        3,
        "{text}"
    );
}

#[test]
fn wrapping_never_cuts_a_path_a_url_or_a_hyphenated_word() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: orders\nversion: \"1.0\"\n")
        .write(
            "platform/prod/platform.yaml",
            PLATFORM.replace(
                "      client_secret: {secret_ref: polaris-client-secret}\n",
                "      client_secret: literal\n",
            ),
        );
    let text = human(&project);
    // The FL102 help names /var/run/secrets/NAME; FL303's help names PRINCIPAL_ROLE:ALL.
    assert!(text.contains("/var/run/secrets/NAME"), "{text}");
    assert!(text.contains("`PRINCIPAL_ROLE:ALL`"), "{text}");
    for line in text.lines() {
        assert!(
            !line.ends_with('/') && !line.ends_with('-'),
            "cut token: {line:?}\n{text}"
        );
    }
    let (_, json) = project.check_json(&[]);
    assert!(findings(&json).iter().any(|f| f.2 == "FL303"), "{json:#}");
}

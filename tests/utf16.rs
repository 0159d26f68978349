//! Columns after non-ASCII text: UTF-16 code units for SARIF/GitHub/LSP, characters for people.

mod common;

use common::Project;

#[test]
fn columns_after_emoji_and_cje_are_exact_in_every_unit() {
    let project = Project::new();
    // 🚀 is 4 UTF-8 bytes and 2 UTF-16 units; 数据 are 3 bytes and 1 unit each.
    project.write(
        "platform/local/platform.yaml",
        "version: \"1.2.0\"\nobservability:\n  attributes: {team: \"数据 🚀\", replicas: 3}\n",
    );
    let (_, json) = project.check_json(&[]);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "FL102", "{json:#}");
    assert_eq!(d["message"], "Input should be a valid string");
    let start = &d["range"]["start"];
    // `  attributes: {team: "数据 🚀", replicas: ` precedes the 3.
    let prefix = "  attributes: {team: \"数据 🚀\", replicas: ";
    assert_eq!(start["line"], 3);
    assert_eq!(start["column"], prefix.chars().count() + 1);
    assert_eq!(start["column_utf16"], prefix.encode_utf16().count() + 1);
    assert_ne!(start["column"], start["column_utf16"]);

    let output = project.run(&["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SARIF");
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], prefix.encode_utf16().count() + 1);
    assert_eq!(region["endColumn"], prefix.encode_utf16().count() + 2);

    let output = project.run(&["check", "--format", "github"]);
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains(&format!(
            "line=3,endLine=3,col={}",
            prefix.encode_utf16().count() + 1
        )),
        "{text}"
    );
}

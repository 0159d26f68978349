//! Hostile inputs for the resource budgets, shared by tests/budgets.rs (behaviour) and
//! benches/hostile.rs (time and memory). Each is a platform.yaml text.
#![allow(dead_code)]

/// About `bytes` of valid platform.yaml: storage profiles, one after another.
pub fn large_file(bytes: usize) -> String {
    let mut text = String::from("version: \"1.0.0\"\nstorage:\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!(
            "  s{i}:\n    bucket: lake-{i}\n    region: us-east-1\n    endpoint: \"https://s3.example.com\"\n"
        ));
        i += 1;
    }
    text
}

/// One line of about `bytes`: a flow mapping of storage profiles.
pub fn long_line(bytes: usize) -> String {
    let mut text = String::from("version: \"1.0.0\"\nstorage: {");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!("s{i}: {{bucket: lake-{i}}}, "));
        i += 1;
    }
    text.push_str("last: {bucket: lake}}\n");
    text
}

/// `depth` nested flow sequences.
pub fn deep_flow(depth: usize) -> String {
    format!("storage: {}{}\n", "[".repeat(depth), "]".repeat(depth))
}

/// `depth` nested block sequences on one line (`- - - … x`; one level per line would make the
/// indentation alone quadratic in size).
pub fn deep_block(depth: usize) -> String {
    format!("storage:\n{}x\n", "- ".repeat(depth))
}

/// The billion laughs: nine levels of nine aliases to the level below (9^9 strings if expanded).
pub fn billion_laughs() -> String {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        let items = vec![format!("*{previous}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{items}]\n"));
        previous = name;
    }
    text
}

/// `count` storage profiles each with an unknown key: one schema finding per profile.
pub fn many_findings(count: usize) -> String {
    let mut text = String::from("storage:\n");
    for i in 0..count {
        text.push_str(&format!("  s{i}: {{bucket: lake, unknown_{i}: 1}}\n"));
    }
    text
}

//! Which well-formed JSON is a JSON-RPC 2.0 message the Language Server Protocol can carry, and the
//! `-32600 Invalid Request` answer for the rest. tower-lsp-server stops serving (exit 0, nothing on
//! stderr) when a body is valid JSON but not a message it can decode (`[]`, a batch, no
//! `"jsonrpc"`, an object `id`), so the transport answers those itself and keeps reading.

use serde_json::{Value, json};

/// Why a JSON value is not a message this server accepts (`None`: it is one).
pub fn invalid(value: &Value) -> Option<&'static str> {
    let Some(object) = value.as_object() else {
        return Some(if value.is_array() {
            "batches are not part of the Language Server Protocol"
        } else {
            "a message is a JSON object"
        });
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Some("\"jsonrpc\" must be \"2.0\"");
    }
    if object.get("id").is_some_and(|id| !valid_id(id)) {
        return Some("\"id\" must be an integer or a string");
    }
    match object.get("method") {
        Some(Value::String(_)) => {}
        Some(_) => return Some("\"method\" must be a string"),
        // A response to one of the server's own requests.
        None => {
            let answered = object.contains_key("result") || object.contains_key("error");
            if !object.contains_key("id") || !answered {
                return Some(
                    "a message needs a \"method\", or an \"id\" and a \"result\" or \"error\"",
                );
            }
            return None;
        }
    }
    if object
        .get("params")
        // `null` is tolerated: several clients send it for requests without parameters.
        .is_some_and(|p| !p.is_object() && !p.is_array() && !p.is_null())
    {
        return Some("\"params\" must be an object or an array");
    }
    None
}

fn valid_id(id: &Value) -> bool {
    match id {
        Value::String(_) => true,
        Value::Number(n) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

/// The id to answer an invalid message with: its own when that is a valid id, else null.
fn reply_id(value: &Value) -> Value {
    value
        .get("id")
        .filter(|id| valid_id(id))
        .cloned()
        .unwrap_or(Value::Null)
}

/// The `-32600` answers for `value`: one per element of a batch (each with its id, so a client
/// waiting on one is answered), one for anything else.
pub fn invalid_request_replies(value: &Value, reason: &str) -> Vec<Value> {
    let error = |id: Value| {
        json!({"jsonrpc": "2.0", "id": id,
               "error": {"code": -32600, "message": format!("Invalid Request: {reason}")}})
    };
    match value.as_array() {
        Some(batch) if !batch.is_empty() => batch.iter().map(|m| error(reply_id(m))).collect(),
        _ => vec![error(reply_id(value))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_the_protocol_carries_are_valid() {
        for ok in [
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}),
            json!({"jsonrpc": "2.0", "id": "a", "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
            json!({"jsonrpc": "2.0", "id": 7, "result": null}),
            json!({"jsonrpc": "2.0", "id": 7, "error": {"code": 1, "message": "no"}}),
        ] {
            assert_eq!(invalid(&ok), None, "{ok}");
        }
    }

    #[test]
    fn invalid_shapes_are_named_and_answered_with_their_id() {
        for (bad, id) in [
            (json!([]), Value::Null),
            (json!({"id": 3, "method": "shutdown"}), json!(3)),
            (
                json!({"jsonrpc": "1.0", "id": "x", "method": "shutdown"}),
                json!("x"),
            ),
            (
                json!({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}),
                Value::Null,
            ),
            (
                json!({"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}),
                Value::Null,
            ),
            (json!({"jsonrpc": "2.0", "id": 4, "method": 12}), json!(4)),
            (json!({"jsonrpc": "2.0", "id": 5}), json!(5)),
            (
                json!({"jsonrpc": "2.0", "method": "x", "params": 3}),
                Value::Null,
            ),
            (json!("text"), Value::Null),
        ] {
            let reason = invalid(&bad).unwrap_or_else(|| panic!("{bad} should be invalid"));
            let replies = invalid_request_replies(&bad, reason);
            assert_eq!(replies.len(), 1, "{bad}");
            assert_eq!(replies[0]["id"], id, "{bad}");
            assert_eq!(replies[0]["error"]["code"], -32600);
        }
        let batch = json!([{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]);
        let replies = invalid_request_replies(&batch, "batch");
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0]["id"], 1);
        assert_eq!(replies[1]["id"], Value::Null);
    }
}

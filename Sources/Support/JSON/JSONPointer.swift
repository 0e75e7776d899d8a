/// Escapes one reference token of a JSON pointer (RFC 6901 §3).
public func pointerToken(_ token: String) -> String {
    token.replacing("~", with: "~0").replacing("/", with: "~1")
}

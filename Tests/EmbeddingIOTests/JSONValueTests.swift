import EmbeddingIO
import Testing

@Suite struct JSONValueTests {
  @Test func textRoundTripsThroughTheParser() throws {
    let v: JSONValue = .object([("a", .int(3)), ("b", .number(0.1)), ("c", .string("q\"\\\n\u{1}")), ("d", .array([.null, .bool(true)])),
                                ("e", .number(-2.5e-12))])
    #expect(try JSONParser.parse(v.text) == v)
    #expect(JSONValue.int(42).text == "42")
    #expect(JSONValue.number(.nan).text == "null")
  }
}

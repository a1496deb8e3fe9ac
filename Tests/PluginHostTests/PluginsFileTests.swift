import EmbeddingIO
import Foundation
import PluginHost
import StatPlugins
import Testing

@Suite struct PluginsFileTests {
  let registry = PluginRegistry.builtIn

  func expectError(_ json: String, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try PluginsFile(text: json, path: "p.json", registry: registry)
      Issue.record("expected an error for \(json)", sourceLocation: sourceLocation)
    } catch let e as PluginError {
      for f in fragments { #expect(e.description.contains(f), "'\(e)' should contain '\(f)'", sourceLocation: sourceLocation) }
    } catch { Issue.record("unexpected \(error)", sourceLocation: sourceLocation) }
  }

  @Test func packageRootFileEnablesEverythingInSpecOrder() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = try PluginsFile(contentsOf: root.appendingPathComponent("plugins.json").path, registry: registry)
    #expect(file.enabled.map(\.id) == registry.ids)
  }

  @Test func notJSONNamesLineAndColumn() {
    expectError("{\n  \"statistics\": [\n    {\"id\": \"dim\",}\n  ]\n}", ["not valid JSON at line 3, column 18"])
  }

  @Test func unknownIDSuggestsNearest() {
    expectError(#"{"statistics": [{"id": "dim"}, {"id": "silhoutte"}]}"#, ["$.statistics[1].id", "unknown statistic 'silhoutte'", "did you mean 'silhouette'?"])
  }

  @Test func repeatedID() {
    expectError(#"{"statistics": [{"id": "dim"}, {"id": "mean"}, {"id": "dim"}]}"#, ["$.statistics[2].id", "listed twice", "$.statistics[0].id"])
  }

  @Test func optionOfWrongTypeOrRange() {
    expectError(#"{"statistics": [{"id": "silhouette", "options": {"max_samples": "all"}}]}"#,
                ["$.statistics[0].options.max_samples", "must be an integer in 3...", "got \"all\""])
    expectError(#"{"statistics": [{"id": "avg_normality", "options": {"max_samples": 2}}]}"#,
                ["$.statistics[0].options.max_samples", "got 2"])
    expectError(#"{"statistics": [{"id": "avg_normality", "options": {"max_sample": 2}}]}"#,
                ["$.statistics[0].options.max_sample", "did you mean 'max_samples'?"])
    expectError(#"{"statistics": [{"id": "dim", "options": {"x": 1}}]}"#, ["'dim' takes no options"])
  }

  @Test func structuralErrors() {
    expectError("[]", ["$: must be an object"])
    expectError(#"{"statistics": {}}"#, ["$.statistics: must be an array"])
    expectError(#"{"statistics": [{"id": 3}]}"#, ["$.statistics[0].id: must be a string"])
    expectError(#"{"statistics": [{"id": "dim", "enabled": "yes"}]}"#, ["$.statistics[0].enabled", "true or false"])
  }

  @Test func disabledEntriesAndOptionsAreKept() throws {
    let f = try PluginsFile(text: #"{"statistics": [{"id": "silhouette", "options": {"max_samples": 50}}, {"id": "dim", "enabled": false}]}"#,
                            path: "p", registry: registry)
    #expect(f.entries.map(\.id) == ["silhouette", "dim"])
    #expect(f.enabled.map(\.id) == ["silhouette"])
    #expect(f.entries[0].options["max_samples"] == .number(50))
  }

  @Test func registryRejectsDuplicateIDs() {
    #expect(throws: PluginError.duplicateRegistration(id: "dim")) { try PluginRegistry([Dimension.self, Dimension.self]) }
  }

  @Test func composerOnlyBuildsWhatIsNeeded() throws {
    let f = try PluginsFile(text: #"{"statistics": [{"id": "dim"}, {"id": "mean"}]}"#, path: "p", registry: registry)
    #expect(FeatureVectorComposer(f).requirements == [.globalMoments])
  }
}

import EmbeddingIO
import Foundation
import PluginHost

/// One libFuzzer entry point for every parser; `TEMPCTL_FUZZ_TARGET` picks which one gets the
/// bytes: `npy` (header and body: shape, dtype, every element read), `npz` (zip directory,
/// local headers, stored and deflated members, CRC, the arrays inside), `safetensors` (header
/// JSON, offsets, dtypes, the tensors read), `csv`, `zoo` (zoo.json)
/// or `plugins` (plugins.json). A parser may reject its input — with a `DataError`/`PluginError`;
/// anything else (a trap, a sanitizer report, a leak) is a finding.
let target = ProcessInfo.processInfo.environment["TEMPCTL_FUZZ_TARGET"] ?? "npy"
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tempctl-fuzz-\(getpid())")

/// libFuzzer's driver (compiler-rt, LLVM ≥ 11): the harness has its own `main` (SwiftPM names
/// an executable's entry point itself), which hands the command line and the callback to it.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main struct FuzzMain {
  static func main() {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in fuzz(bytes, count) })
  }
}

func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
  switch target {
  case "npy":
    if let a = try? NPYArray(data: data, source: "fuzz.npy") {
      if a.dtype.kind == .float { _ = a.nonFinite(); if a.count <= 1 << 16 { _ = a.doubles() } }
      else if a.dtype.isNumeric { _ = try? a.integers() }
      else if a.count <= 1 << 16 { _ = a.strings() }
    }
  case "npz":
    if let keys = try? NPZArchive.keys(in: data, path: "fuzz.npz") {
      if let arrays = try? NPZArchive.read(archive: data, path: "fuzz.npz", keys: Set(keys)) {
        for a in arrays.values where a.count <= 1 << 16 { _ = a.doubles() }
      }
    }
  case "safetensors":
    if let file = try? SafetensorsFile(data: data, path: "fuzz.safetensors"),
       let arrays = try? file.arrays(Set(file.keys)) {
      for a in arrays.values where a.count <= 1 << 16 { _ = a.nonFinite(); _ = a.doubles(); _ = try? a.integers() }
    }
  case "csv":
    if let text = String(data: data, encoding: .utf8) {
      if let table = try? CSVTable.read(text: text, path: "fuzz.csv", labelColumn: nil) {
        _ = try? DatasetLoader.validate(table, path: "fuzz.csv")
      }
    }
  case "zoo":
    if let text = String(data: data, encoding: .utf8) {
      _ = try? ZooManifest(text: text, path: "/fuzz/zoo.json")
    }
  case "plugins":
    if let text = String(data: data, encoding: .utf8) {
      _ = try? PluginsFile(text: text, path: "plugins.json", registry: .builtIn)
    }
  default:
    fatalError("TEMPCTL_FUZZ_TARGET must be npy, npz, safetensors, csv, zoo or plugins")
  }
  return 0
}

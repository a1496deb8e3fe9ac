import ClassifierCore
import EmbeddingIO
import Foundation

/// Writes what a reference implementation needs to retrain a unit exactly: the normalised data,
/// the initial weights and every epoch's batch order.
enum TraceExport {
  static func write(trainer: SeedTrainer, name: String, to dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let (initial, orders) = trainer.trace()
    let d = trainer.data.dimension, c = trainer.data.classCount
    let url = URL(fileURLWithPath: dir).appendingPathComponent("\(SafeFileName.stem(name))-seed\(trainer.seed).npz")
    let n = trainer.data.trainCount
    try NPZArchive.write([
      ("X_train", NPYWriter.matrix(trainer.data.train.map(Double.init), rows: n, cols: d, float32: true)),
      ("y_train", NPYWriter.labels(trainer.data.trainLabels.map(Int.init))),
      ("X_val", NPYWriter.matrix(trainer.data.validation.map(Double.init), rows: trainer.data.validationCount, cols: d, float32: true)),
      ("y_val", NPYWriter.labels(trainer.data.validationLabels.map(Int.init))),
      ("W0", NPYWriter.matrix(initial.map(Double.init), rows: d, cols: c, float32: true)),
      ("orders", NPYWriter.labels(orders.flatMap { $0 }).replacingShape([orders.count, n])),
    ], to: url, compressed: true)
  }
}

extension Data {
  /// An int64 vector's NPY bytes re-declared with another shape of the same element count.
  func replacingShape(_ shape: [Int]) -> Data {
    NPYWriter.encode(descr: "<i8", shape: shape, payload: self.suffix(shape.reduce(1, *) * 8))
  }
}

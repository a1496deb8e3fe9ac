import Foundation

/// Writes arrays in NPY format version 1.0, as `numpy.save` does (little-endian, C order).
public enum NPYWriter {
  /// NPY bytes for a row-major `rows × cols` float32 or float64 matrix.
  public static func matrix(_ values: [Double], rows: Int, cols: Int, float32: Bool) -> Data {
    var payload = Data(capacity: values.count * (float32 ? 4 : 8))
    for v in values {
      if float32 { withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { payload.append(contentsOf: $0) } }
      else { withUnsafeBytes(of: v.bitPattern.littleEndian) { payload.append(contentsOf: $0) } }
    }
    return encode(descr: float32 ? "<f4" : "<f8", shape: [rows, cols], payload: payload)
  }

  /// NPY bytes for a vector of int64 labels.
  public static func labels(_ values: [Int]) -> Data {
    var payload = Data(capacity: values.count * 8)
    for v in values { withUnsafeBytes(of: Int64(v).littleEndian) { payload.append(contentsOf: $0) } }
    return encode(descr: "<i8", shape: [values.count], payload: payload)
  }

  /// NPY bytes with an arbitrary header and payload (tests use it to build odd files).
  public static func encode(descr: String, shape: [Int], fortranOrder: Bool = false, payload: Data) -> Data {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    // Pad with spaces so that magic + length + header + newline is a multiple of 64 bytes.
    let total = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
    var out = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    let len = UInt16(header.utf8.count)
    out.append(UInt8(len & 0xFF)); out.append(UInt8(len >> 8))
    out.append(contentsOf: Array(header.utf8))
    out.append(payload)
    return out
  }
}

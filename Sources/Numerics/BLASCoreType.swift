import CBLAS
import CKernels
import Foundation

/// OpenBLAS picks its kernels from the CPU's model number. On CPUs it does not know (new models,
/// and virtual machines that hide the model, as on tempctl's 2-core test machines) it falls back
/// to "Prescott", SSE3 kernels 6.6× slower than the AVX-512 ones the CPU can run (measured:
/// sgemm 40 against 265 GFLOP/s, docs/benchmarks.md). OpenBLAS reads `OPENBLAS_CORETYPE` only
/// when it is loaded, so the fix is to start the process again with it set.
public enum BLASCoreType {
  /// The core type to run under, when OpenBLAS fell back to Prescott on a CPU with AVX2 or
  /// AVX-512 and the user set no `OPENBLAS_CORETYPE` (nor `TEMPCTL_KEEP_BLAS_CORE=1`); else nil.
  public static func misdetectedReplacement() -> String? {
    let env = ProcessInfo.processInfo.environment
    guard env["OPENBLAS_CORETYPE"] == nil, env["TEMPCTL_KEEP_BLAS_CORE"] == nil,
          let name = openblas_get_corename().map({ String(cString: $0) }), name.lowercased() == "prescott" else { return nil }
    switch tempctl_vector_level() {
    case 4: return "SkylakeX"
    case 3: return "Haswell"
    default: return nil
    }
  }

  /// The core OpenBLAS runs ("SkylakeX", "Haswell", "Prescott", …).
  public static var current: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

  /// Re-executes this process with `OPENBLAS_CORETYPE` set when OpenBLAS misdetected the CPU
  /// (see `misdetectedReplacement`); returns only when no restart is needed or possible.
  public static func restartIfMisdetected() {
    guard let core = misdetectedReplacement() else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    let args = CommandLine.arguments
    var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) }
    argv.append(nil)
    execv("/proc/self/exe", &argv)   // only returns on failure: carry on with the slow kernels
    unsetenv("OPENBLAS_CORETYPE")
  }
}

/// Everything that determines a training run, except the data and the seed.
///
/// The protocol is `.converged` by default (SPEC §4): `criterion` and `extendGrid` apply, the
/// optimiser fields, `epochs`, `batchSize` and `learnAlpha` do not. `.paper` is the paper's
/// minibatch protocol; its epochs default to 200 (the paper trained 1000).
public struct TrainingConfiguration: Sendable, Hashable, Codable {
  public var trainingProtocol: TrainingProtocol = .converged
  /// Converged protocol: when a run stops.
  public var criterion = ConvergenceCriterion()
  /// Converged protocol: extend the grid past an edge optimum (`ConvergedTrainer`).
  public var extendGrid = true
  /// Converged protocol: temperatures per block (`ConvergedTrainer.chains`: each block one
  /// continuation chain of neighbouring α, started from the initial weights). nil (the default)
  /// makes the whole grid one chain and one unit; with blocks, a unit (set, seed) is stored — and
  /// may be trained, by shards — block by block, plus one block for the grid's extension, which
  /// also starts from the initial weights. `resolved(dimension:classes:)` sets it for large sets.
  public var chainLength: Int? = nil
  /// Converged protocol: finish each run with Newton steps in Float64 when d·C ≤ 1024 (`NewtonPolish`).
  public var newtonPolish = true
  public var optimizer: OptimizerKind = .sgd
  public var learningRate: Double = OptimizerKind.sgd.defaultLearningRate
  public var momentum: Double = 0.9
  public var beta1: Double = 0.9
  public var beta2: Double = 0.999
  public var epsilon: Double = 1e-8
  public var batchSize: Int = 2048
  public var epochs: Int = 200
  /// Divide the cross-entropy by α (the paper's rescaling). Learned-α slots always use the plain loss.
  public var rescaleLoss: Bool = true
  /// The temperatures α trained together.
  public var alphas: [Double] = TemperatureGrid.paper.values
  /// Also train one slot whose α is learned as CLIP learns it (`learnedAlphaOptimizer`: log α from 1/0.07, its own Adam, clamped to 1…100).
  public var learnAlpha: Bool = false

  public init() {}

  /// T·C·d (temperatures × weight columns' length) above which a converged sweep is cut into
  /// blocks automatically: 2²⁴ ≈ 16.8 M Float32 weights (67 MB) per block. No set of the example
  /// zoo reaches it (51 · 66 · 1024 ≈ 3.4 M); a 1000-class, 1024-d set (52 M) gets 4 blocks.
  public static let autoBlockWeights = 1 << 24

  /// The configuration a set of this shape is swept under: with no block length given, a
  /// converged grid whose T·C·d exceeds `autoBlockWeights` gets the fewest equal blocks that stay
  /// under it (at least one α each). Deterministic in the shape, so every command finds the same
  /// configuration (hash) for a set.
  public func resolved(dimension: Int, classes: Int) -> TrainingConfiguration {
    guard trainingProtocol == .converged, chainLength == nil, !alphas.isEmpty else { return self }
    let perAlpha = Swift.max(1, dimension * classes), t = alphas.count
    guard t * perAlpha > Self.autoBlockWeights, t > 1 else { return self }
    let blocks = Swift.min(t, (t * perAlpha + Self.autoBlockWeights - 1) / Self.autoBlockWeights)
    var c = self
    c.chainLength = (t + blocks - 1) / blocks
    return c
  }

  /// True when units are stored block by block (converged protocol with a block length).
  public var isBlocked: Bool { trainingProtocol == .converged && chainLength != nil }

  /// The grid's blocks (continuation chains); 1 for an unblocked configuration.
  public var gridBlocks: Int {
    guard isBlocked, let l = chainLength else { return 1 }
    return (alphas.count + l - 1) / l
  }

  /// Blocks a unit is stored as: the grid's, then (when the grid may be extended) the extension
  /// block — index `gridBlocks` — which holds the extension's runs, or none when the best α is
  /// interior.
  public var unitBlocks: Int { isBlocked && extendGrid ? gridBlocks + 1 : gridBlocks }

  public static let learnedAlphaInitial = 1 / 0.07

  /// How a learned temperature is trained, the way CLIP trains its logit scale (Radford et al.
  /// 2021, §2.5; the clamp as open_clip applies it): s = log α from log(1/0.07), by **its own**
  /// Adam optimiser (CLIP's settings: lr 5·10⁻⁴, β = (0.9, 0.98), ε = 10⁻⁶, no weight decay),
  /// whatever optimises the weights, and s clamped to [0, ln 100] after every step, so that
  /// 1 ≤ α ≤ 100.
  public static var learnedAlphaOptimizer: TrainingConfiguration {
    var c = TrainingConfiguration()
    c.optimizer = .adam
    c.learningRate = 5e-4
    c.beta1 = 0.9
    c.beta2 = 0.98
    c.epsilon = 1e-6
    return c
  }

  /// The largest learned α (CLIP's clamp).
  public static let learnedAlphaMaximum = 100.0

  /// A canonical text of every field that matters to the protocol, in a fixed order, for hashing
  /// and storing (a paper configuration's text is the one tempctl always wrote, so its stores
  /// stay valid).
  public var canonicalText: String {
    let a = alphas.map { String($0) }.joined(separator: ",")
    if trainingProtocol == .converged {
      return "protocol=converged;\(criterion.canonicalText);extend=\(extendGrid);\(chainLength.map { "block=\($0)" } ?? "chain=all");newton=\(newtonPolish);alphas=\(a)"
    }
    return "optimizer=\(optimizer.rawValue);lr=\(learningRate);momentum=\(momentum);beta1=\(beta1);beta2=\(beta2);"
      + "eps=\(epsilon);batch=\(batchSize);epochs=\(epochs);rescale=\(rescaleLoss);alphas=\(a);learn=\(learnAlpha ? "clip-adam" : "false")"
  }

  /// A stable 64-bit hash of `canonicalText` (FNV-1a), as 16 hex digits.
  public var hash: String { StableHash.hex(of: canonicalText) }
}

import Numerics
import Testing

/// GSL's truncated-SVD least squares through `CLeastSquares`: exact on a consistent system, the
/// minimum-norm solution on a rank-deficient one (numpy's lstsq), typed errors on bad shapes.
@Suite struct LeastSquaresTests {
  @Test func consistentSystemIsSolvedExactly() throws {
    // y = 2·x₀ − 3·x₁ on four rows.
    let x: [Double] = [1, 0, 0, 1, 1, 1, 2, -1]
    let y: [Double] = [2, -3, -1, 7]
    let (beta, rank) = try LeastSquares.solve(x, rows: 4, cols: 2, y)
    #expect(rank == 2)
    #expect(abs(beta[0] - 2) < 1e-12 && abs(beta[1] + 3) < 1e-12)
  }

  @Test func duplicatedColumnGetsTheMinimumNormSolution() throws {
    // Columns 0 and 1 equal: y = 4·x₀ is any β₀ + β₁ = 4; the minimum norm splits it 2/2
    // (np.linalg.lstsq gives [2, 2]).
    let x: [Double] = [1, 1, 2, 2, 3, 3]
    let y: [Double] = [4, 8, 12]
    let (beta, rank) = try LeastSquares.solve(x, rows: 3, cols: 2, y)
    #expect(rank == 1)
    #expect(abs(beta[0] - 2) < 1e-12 && abs(beta[1] - 2) < 1e-12)
  }

  @Test func badShapesThrowATypedError() {
    #expect(throws: NumericsError.self) { try LeastSquares.solve([1, 2, 3], rows: 2, cols: 2, [1, 2]) }
    #expect(throws: NumericsError.self) { try LeastSquares.solve([1, 2, 3, 4], rows: 2, cols: 2, [1]) }
  }
}

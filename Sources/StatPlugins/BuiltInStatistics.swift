/// The built-in statistics, in SPEC §3 order. One explicit list: adding a statistic is one file
/// and one line here (or, without forking, `BuiltInStatistics.all + [MyStatistic.self]` in your
/// own executable).
public enum BuiltInStatistics {
  public static let all: [any DatasetStatistic.Type] = [
    Dimension.self, ClassCount.self, SampleCount.self, AverageSamplesPerClass.self,
    Mean.self, Variance.self, TrainMean.self, TrainStd.self,
    WithinClassTrace.self, BetweenClassTrace.self,
    FeatureCorrelation.self, FeatureCosineSimilarity.self,
    PCA50.self, PCA75.self, PCA80.self, PCA90.self, PCA95.self, PCA99.self,
    AverageKurtosis.self, AverageNormality.self,
    Silhouette.self, CalinskiHarabasz.self, DaviesBouldin.self,
    AdaCosScale.self, LandmarkAlpha.self,
  ]
}

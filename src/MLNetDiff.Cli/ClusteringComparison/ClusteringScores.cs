namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>The metrics of one fit (NaN where undefined: external ones without a label, silhouette and Davies–Bouldin
/// when the fit put every row in one cluster). NMI is the arithmetic (scikit-learn) one, not ML.NET's I/H(label).</summary>
internal sealed record ClusteringScores(double Nmi, double Ari, double Acc, double Silhouette, double DaviesBouldin, double Seconds,
    int ClustersFound);

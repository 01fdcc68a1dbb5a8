using System;
using System.IO;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Nn.Tests.Helpers;

/// <summary>UCI Spambase (test/data/spambase): Label first, 57 features, header row.</summary>
internal static class Spambase
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "spambase", "spambase.csv");

    public static IDataView Load(MLContext context)
    {
        Assert.IsTrue(File.Exists(Path), $"missing {Path}");
        TextLoader loader = context.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = [','],
            Columns =
            [
                new TextLoader.Column("Label", DataKind.Single, 0),
                new TextLoader.Column("Features", DataKind.Single, 1, 57),
            ],
        });
        return loader.Load(Path);
    }

    /// <summary>80/20 split with a fixed seed, features standardised with statistics of the training part.</summary>
    public static (IDataView Train, IDataView Test) LoadSplit(MLContext context, int seed = 42)
    {
        DataOperationsCatalog.TrainTestData split = context.Data.TrainTestSplit(Load(context), testFraction: 0.2, seed: seed);
        var normalizer = context.Transforms.NormalizeMeanVariance("Features").Fit(split.TrainSet);
        return (normalizer.Transform(split.TrainSet), normalizer.Transform(split.TestSet));
    }
}

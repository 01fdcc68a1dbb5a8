// A user's program over the packed MLNetDiff: `train <csv> <model.zip> <scores.txt>` fits AnyLoss, saves the model and
// writes its test scores; `score <csv> <model.zip> <scores.txt>` (run in a fresh process) loads the model and writes the
// scores again. build/pack/check.sh compares the two files byte for byte.
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Metrics;

if (args.Length != 4 || (args[0] != "train" && args[0] != "score"))
{
    Console.Error.WriteLine("usage: Consumer train|score <data.csv> <model.zip> <scores.txt>");
    return 2;
}

var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromTextFile(args[1],
[
    new TextLoader.Column("Label", DataKind.Boolean, 0),
    new TextLoader.Column("Features", DataKind.Single, 1, 8),
], separatorChar: ',', hasHeader: true);

ITransformer model;
if (args[0] == "train")
{
    model = ml.BinaryClassification.Trainers.AnyLoss(metric: BinaryMetric.F1).Fit(data);
    ml.Model.Save(model, data.Schema, args[2]);
    var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
    Console.WriteLine($"trained with ML.NET {MlNetVersion()}: F1 {metrics.F1Score:F3}");
}
else
{
    model = ml.Model.Load(args[2], out _);
    // Our own model type must come back, not a generic chain.
    object? inner = (model as IPredictionTransformer<object>)?.Model;
    if (inner is not CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator> calibrated)
    {
        Console.Error.WriteLine($"loaded {model.GetType()} holding {inner?.GetType().ToString() ?? "no model"}, not AnyLoss");
        return 1;
    }
    Console.WriteLine($"loaded with ML.NET {MlNetVersion()}: {calibrated.SubModel.GetType().Name}, metric {calibrated.SubModel.Metric}");
}

float[] scores = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).Select(s => s.Score).ToArray();
File.WriteAllLines(args[3], scores.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
return 0;

static string MlNetVersion() =>
    typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

internal sealed class Scored
{
    public float Score { get; set; }
}

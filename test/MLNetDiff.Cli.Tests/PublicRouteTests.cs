using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tests;

/// <summary>The tool compiles as a user's program would: the component assembly grants it no internals, and the BCE twin
/// of compare is the public <see cref="AnyLossTrainer.Options.Loss"/> option.</summary>
[TestClass]
public sealed class PublicRouteTests
{
    [TestMethod]
    public void ComponentAssemblies_DoNotGrantTheCliTheirInternals()
    {
        foreach (Assembly assembly in new[] { typeof(AnyLossTrainer).Assembly, typeof(MLNetDiff.Kernels.KernelBackends).Assembly })
        {
            string[] friends = assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();
            Assert.DoesNotContain("MLNetDiff.Cli", friends, assembly.GetName().Name);
        }
    }

    [TestMethod]
    public void LossOption_ChangesTheTrainedModel_AndDefaultsToTheSoftConfusionLoss()
    {
        Assert.AreEqual(AnyLossTrainingLoss.SoftConfusion, new AnyLossTrainer.Options().Loss);
        CsvTable table = CsvTableReader.Read(Helpers.Tool.Wdbc, "Label");
        var ml = new MLContext(1);
        IDataView data = InMemoryViews.Create(ml, table);
        float[] Scores(AnyLossTrainingLoss loss)
        {
            var options = new AnyLossTrainer.Options { Seed = 5, NumberOfEpochs = 3, HiddenLayerSizes = [4], Loss = loss };
            return ml.BinaryClassification.Trainers.AnyLoss(options).Fit(data).Transform(data).GetColumn<float>("Score").ToArray();
        }
        float[] anyLoss = Scores(AnyLossTrainingLoss.SoftConfusion), again = Scores(AnyLossTrainingLoss.SoftConfusion);
        float[] bce = Scores(AnyLossTrainingLoss.BinaryCrossEntropy);
        CollectionAssert.AreEqual(anyLoss, again, "same seed, same loss: the same model");
        CollectionAssert.AreNotEqual(anyLoss, bce, "the loss option must reach the training run");
        Assert.ThrowsExactly<System.ArgumentOutOfRangeException>(() => new AnyLossTrainer.Options { Loss = (AnyLossTrainingLoss)7 }.Validate());
    }
}

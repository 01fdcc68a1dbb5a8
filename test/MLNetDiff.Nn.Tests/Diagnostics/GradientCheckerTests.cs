using System;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Diagnostics;

[TestClass]
public sealed class GradientCheckerTests
{
    [TestMethod]
    public void DetectsAWrongBackwardPass()
    {
        GradientCheckResult result = GradientChecker.CheckLayer(new SquareLayer(4, wrong: true), TestArrays.Normal(8, 1), 2);
        Assert.IsFalse(result.Passed);
        Assert.AreEqual(8, result.Failed);
        StringAssert.Contains(result.FirstFailure!, "input");
        Assert.IsTrue(GradientChecker.CheckLayer(new SquareLayer(4, wrong: false), TestArrays.Normal(8, 1), 2).Passed);
    }

    /// <summary>y = x²; the wrong variant forgets the factor 2.</summary>
    private sealed class SquareLayer(int size, bool wrong) : Layer(size, size)
    {
        public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
            ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
        {
            for (int i = 0; i < rows * InputSize; i++)
                output[i] = input[i] * input[i];
        }

        public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
            Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
            Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
        {
            for (int i = 0; i < rows * InputSize; i++)
                inputGradient[i] = (wrong ? 1f : 2f) * input[i] * outputGradient[i];
        }
    }
}

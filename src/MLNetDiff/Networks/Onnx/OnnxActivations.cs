using MLNetDiff.Kernels;

namespace MLNetDiff.Networks.Onnx;

/// <summary>The engine's activations as ONNX nodes, in the form the engine computes them (ActivationMath), using
/// operators of opset 9 (the lowest ML.NET's converter writes), so every opset it declares accepts them.</summary>
internal static class OnnxActivations
{
    public static bool CanWrite(Activation activation) => activation is Activation.Identity or Activation.Relu
        or Activation.LeakyRelu or Activation.Sigmoid or Activation.Tanh or Activation.Gelu;

    public static string Write(OnnxLayerContext g, Activation activation, float alpha, string x)
    {
        switch (activation)
        {
            case Activation.Identity:
                return x;
            case Activation.Relu:
                return g.Node("Relu", x);
            case Activation.LeakyRelu:
            {
                string y = g.Node("LeakyRelu", [x], out var node);
                node.AddAttribute("alpha", alpha);
                return y;
            }
            case Activation.Sigmoid:
                return g.Node("Sigmoid", x);
            case Activation.Tanh:
                return g.Node("Tanh", x);
            case Activation.Gelu:
            {
                // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): the engine's tanh form. ONNX's Gelu operator is opset 20,
                // beyond the converter's 12, and its default is the erf form, which differs by up to ~1e-3.
                string x3 = g.Node("Mul", g.Node("Mul", x, x), x);
                string inner = g.Node("Add", x, g.Node("Mul", x3, g.Scalar("gelu_c", 0.044715f)));
                string t = g.Node("Tanh", g.Node("Mul", inner, g.Scalar("gelu_s", 0.7978845608028654f)));
                string onePlus = g.Node("Add", t, g.Scalar("gelu_one", 1f));
                return g.Node("Mul", g.Node("Mul", x, g.Scalar("gelu_half", 0.5f)), onePlus);
            }
            default:
                throw new System.NotSupportedException($"Activation {activation} has no ONNX form.");
        }
    }
}

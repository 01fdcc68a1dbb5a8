namespace MLNetDiff.Benchmarks;

/// <summary>One SGEMM problem of perf-anchors.md §2: row-major C[M,N] = op(A)·B.</summary>
public sealed record GemmShape(string Name, bool TransA, int M, int N, int K)
{
    public double Flops => 2.0 * M * N * K;

    public override string ToString() => Name;

    /// <summary>Squares, the MLP forward shapes (M = batch, K = in, N = out) and the weight-gradient shapes
    /// dW = Xᵀ·dZ (transposed A: M = in, K = batch, N = out), as training runs them.</summary>
    public static GemmShape[] All()
    {
        var list = new System.Collections.Generic.List<GemmShape>();
        foreach (int s in new[] { 256, 512, 1024 })
            list.Add(new GemmShape($"square {s}", false, s, s, s));
        foreach (int batch in new[] { 256, 1024, 4096 })
        {
            foreach (int input in new[] { 64, 256 })
            {
                foreach (int output in new[] { 64, 256 })
                    list.Add(new GemmShape($"fwd B={batch} in={input} out={output}", false, batch, output, input));
            }
        }
        foreach (int batch in new[] { 256, 1024, 4096 })
        {
            foreach (int size in new[] { 64, 256 })
                list.Add(new GemmShape($"dW in={size} out={size} B={batch}", true, size, size, batch));
        }
        return list.ToArray();
    }
}

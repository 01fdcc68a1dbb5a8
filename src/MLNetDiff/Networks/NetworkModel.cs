using System;
using System.Collections.Generic;
using System.Numerics;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using MLNetDiff.Integration;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks;

/// <summary>
/// What every neural model-parameters type needs from its engine network, in one place: the input type ML.NET checks,
/// value mappers with a workspace per mapper (ML.NET asks for one mapper per cursor, so parallel cursors never share
/// buffers), batch scoring, the network's part of the versioned model stream (<see cref="NetworkModelFormat"/>),
/// accessors for the fully connected layers, and the network's ONNX nodes. A component keeps only what is its own:
/// its header fields, its version info, its output meaning.
/// </summary>
internal sealed class NetworkModel
{
    private readonly List<(Linear Layer, int Index)> _linear = [];
    private readonly float[]? _linearWeights;
    private readonly float _linearBias;

    /// <param name="network">The trained network (not copied; never mutated afterwards).</param>
    /// <param name="modelName">The model's registration name, for messages.</param>
    public NetworkModel(Sequential network, string modelName)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        ModelName = modelName;
        InputType = new VectorDataViewType(NumberDataViewType.Single, network.InputSize);
        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (network.Layers[i] is Linear linear)
                _linear.Add((linear, i));
        }
        // A single identity Linear with bias and one output is a linear model: scored by a dot product, sparse-aware.
        if (network.Layers.Count == 1 && network.Layers[0] is Linear { HasBias: true, Activation: Activation.Identity, OutputSize: 1 } only)
        {
            Span<float> p = network.GetLayerParameters(0);
            _linearWeights = p.Slice(0, only.WeightCount).ToArray();
            _linearBias = p[only.WeightCount];
        }
    }

    /// <summary>Reads the network of the saved model <paramref name="modelName"/> from a model stream and checks its
    /// number of outputs; damage fails with <see cref="ModelFormat.Corrupt"/>'s exception.</summary>
    public static NetworkModel Read(System.IO.BinaryReader reader, string modelName, int expectedOutputs, string outputMeaning)
    {
        Sequential network = NetworkModelFormat.Read(reader, modelName);
        if (network.OutputSize != expectedOutputs)
            throw ModelFormat.Corrupt(modelName, $"the network has {network.OutputSize} outputs; expected {expectedOutputs} ({outputMeaning})");
        return new NetworkModel(network, modelName);
    }

    /// <summary>Writes the network into a model stream (after the component's own fields).</summary>
    public void Write(System.IO.BinaryWriter writer) => NetworkModelFormat.Write(writer, Network);

    /// <summary>The network (never mutate it).</summary>
    public Sequential Network { get; }

    /// <summary>The model's registration name.</summary>
    public string ModelName { get; }

    /// <summary><c>Vector&lt;Single, InputSize&gt;</c>: what <c>IValueMapper.InputType</c> reports.</summary>
    public VectorDataViewType InputType { get; }

    public int InputSize => Network.InputSize;

    public int OutputSize => Network.OutputSize;

    /// <summary>Weights and bias of a linear model (one identity Linear layer with bias and one output), else null.</summary>
    public float[]? LinearWeights => _linearWeights;

    public float LinearBias => _linearBias;

    /// <summary>Number of fully connected layers.</summary>
    public int LinearLayerCount => _linear.Count;

    /// <summary>Fully connected layer <paramref name="layer"/> (0 reads the input).</summary>
    public Linear GetLinearLayer(int layer) => GetLinear(layer).Layer;

    /// <summary>Units of every fully connected layer except the last (the hidden layers).</summary>
    public IReadOnlyList<int> HiddenLayerSizes
    {
        get
        {
            var sizes = new List<int>();
            for (int i = 0; i < _linear.Count - 1; i++)
                sizes.Add(_linear[i].Layer.OutputSize);
            return sizes;
        }
    }

    /// <summary>A copy of fully connected layer <paramref name="layer"/>'s weights, inputs × outputs row-major.</summary>
    public float[] GetLayerWeights(int layer)
    {
        (Linear linear, int index) = GetLinear(layer);
        return Network.GetLayerParameters(index).Slice(0, linear.WeightCount).ToArray();
    }

    /// <summary>A copy of fully connected layer <paramref name="layer"/>'s biases (empty without bias).</summary>
    public float[] GetLayerBiases(int layer)
    {
        (Linear linear, int index) = GetLinear(layer);
        return linear.HasBias ? Network.GetLayerParameters(index).Slice(linear.WeightCount, linear.OutputSize).ToArray() : [];
    }

    private (Linear Layer, int Index) GetLinear(int layer)
    {
        if ((uint)layer >= (uint)_linear.Count)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The model has {_linear.Count} fully connected layers.");
        return _linear[layer];
    }

    /// <summary>Scores <paramref name="rows"/> rows (rows × InputSize) into rows × OutputSize.</summary>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> output) =>
        Network.Predict(features, rows, output, Network.CreateWorkspace(Math.Clamp(rows, 1, 1024)));

    /// <summary>A mapper from a feature vector to the network's single output (OutputSize must be 1).</summary>
    public ValueMapper<VBuffer<float>, float> CreateScalarMapper()
    {
        if (OutputSize != 1)
            throw new InvalidOperationException($"{ModelName}: the network has {OutputSize} outputs, not one.");
        if (_linearWeights is not null)
            return CreateLinearMapper(_linearWeights, _linearBias);
        NetworkWorkspace workspace = Network.CreateWorkspace(1);
        int n = InputSize;
        var input = new float[n];
        var output = new float[1];
        return (in VBuffer<float> src, ref float dst) =>
        {
            CheckLength(src.Length);
            src.CopyTo(input);
            Network.Predict(input, 1, output, workspace);
            dst = output[0];
        };
    }

    /// <summary>A mapper from a feature vector to the network's OutputSize outputs.</summary>
    public ValueMapper<VBuffer<float>, VBuffer<float>> CreateVectorMapper()
    {
        NetworkWorkspace workspace = Network.CreateWorkspace(1);
        int n = InputSize, k = OutputSize;
        var input = new float[n];
        return (in VBuffer<float> src, ref VBuffer<float> dst) =>
        {
            CheckLength(src.Length);
            src.CopyTo(input);
            var editor = VBufferEditor.Create(ref dst, k);
            Network.Predict(input, 1, editor.Values, workspace);
            dst = editor.Commit();
        };
    }

    /// <summary>Null when every layer has an ONNX writer, else which layer has none (for <c>CanSaveOnnx</c>).</summary>
    public string? OnnxProblem => OnnxNetworkWriter.FindUnwritableLayer(Network);

    /// <summary>Writes the network's nodes, reading the feature variable <paramref name="input"/> and writing
    /// <paramref name="output"/>.</summary>
    public void SaveAsOnnx(OnnxContext ctx, string prefix, string input, string output) =>
        OnnxNetworkWriter.Write(ctx, Network, prefix, input, output);

    private ValueMapper<VBuffer<float>, float> CreateLinearMapper(float[] w, float bias)
    {
        int n = w.Length;
        return (in VBuffer<float> src, ref float dst) =>
        {
            CheckLength(src.Length);
            ReadOnlySpan<float> values = src.GetValues();
            if (src.IsDense)
            {
                dst = DenseDot(w, values) + bias;
                return;
            }
            ReadOnlySpan<int> indices = src.GetIndices();
            float sum = bias;
            for (int i = 0; i < values.Length; i++)
                sum += w[indices[i]] * values[i];
            dst = sum;
        };
    }

    // A plain Vector<T> loop: for the short rows of tabular data (tens of features) it costs less per call than
    // TensorPrimitives.Dot's general dispatch, which single-row PredictionEngine latency notices.
    private static float DenseDot(float[] w, ReadOnlySpan<float> x)
    {
        int n = w.Length, i = 0;
        var acc = Vector<float>.Zero;
        ReadOnlySpan<float> ws = w;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            acc += new Vector<float>(ws.Slice(i)) * new Vector<float>(x.Slice(i));
        float sum = Vector.Sum(acc);
        for (; i < n; i++)
            sum += ws[i] * x[i];
        return sum;
    }

    private void CheckLength(int length)
    {
        if (length != InputSize)
            throw new ArgumentException($"The feature vector has {length} values; the {ModelName} model was trained on {InputSize}.");
    }
}

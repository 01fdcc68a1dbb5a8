namespace MLNetDiff.Nn.Layers;

/// <summary>Layer type codes of the binary format (docs/engine.md); values are fixed forever.</summary>
internal enum LayerType
{
    None = 0,
    Linear = 1,
    Activation = 2,
    Dropout = 3,
    LayerNorm = 4,
}

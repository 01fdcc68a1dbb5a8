using System;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Fixed-capacity row buffer for streaming shuffles (tf.data style): rows wait in slots; each emitted row is a uniform
/// pick among the waiting rows of the chosen class pool, and its slot is refilled from the stream.
/// </summary>
/// <remarks>With two pools (binary labels, stratified order) the pool of each emitted row is chosen by error diffusion
/// against r, the positive rate of the rows read so far, so any window of k emitted rows holds k·r ± 1 positives while
/// both pools are non-empty; this is the best-effort stratification of streamed data (a pool can run dry when the
/// stream's local class mix drifts away from r for longer than the buffer absorbs).</remarks>
internal sealed class ShuffleBuffer
{
    private readonly float[] _features;
    private readonly float[] _labels;
    private readonly float[] _weights;
    private readonly int[][] _pools;
    private readonly int[] _poolCounts = new int[2];
    private readonly int _featureCount;
    private readonly int _labelSize;
    private readonly bool _stratified;
    private long _read;
    private long _positivesRead;
    private double _credit;
    private bool _draining;

    public ShuffleBuffer(int capacity, int featureCount, int labelSize, bool stratified)
    {
        Capacity = capacity;
        _featureCount = featureCount;
        _labelSize = labelSize;
        _stratified = stratified;
        _features = new float[checked(capacity * featureCount)];
        _labels = new float[checked(capacity * labelSize)];
        _weights = new float[capacity];
        _pools = [new int[capacity], stratified ? new int[capacity] : []];
    }

    public int Capacity { get; }

    public int Count => _poolCounts[0] + _poolCounts[1];

    public void Clear()
    {
        _poolCounts[0] = _poolCounts[1] = 0;
        _read = _positivesRead = 0;
        _credit = 0;
        _draining = false;
    }

    public Span<float> SlotFeatures(int slot) => _features.AsSpan(slot * _featureCount, _featureCount);

    public Span<float> SlotLabels(int slot) => _labels.AsSpan(slot * _labelSize, _labelSize);

    public ref float SlotWeight(int slot) => ref _weights[slot];

    /// <summary>The stream is exhausted: from now on the remaining rows are spread evenly (the target rate becomes the
    /// buffer's own composition).</summary>
    public void StartDraining() => _draining = true;

    /// <summary>Registers slot <paramref name="slot"/>, just filled, as waiting.</summary>
    public void Add(int slot)
    {
        int pool = 0;
        if (_stratified && _labels[slot * _labelSize] > 0.5f)
        {
            pool = 1;
            _positivesRead++;
        }
        _read++;
        _pools[pool][_poolCounts[pool]++] = slot;
    }

    /// <summary>Removes a random waiting row, copies it into the destination and returns its (now free) slot.</summary>
    public int Take(ref DeterministicRandom random, Span<float> features, Span<float> labels, out float weight)
    {
        int pool = ChoosePool();
        int[] slots = _pools[pool];
        int index = random.NextInt(_poolCounts[pool]);
        int slot = slots[index];
        slots[index] = slots[--_poolCounts[pool]];
        SlotFeatures(slot).CopyTo(features);
        SlotLabels(slot).CopyTo(labels);
        weight = _weights[slot];
        return slot;
    }

    private int ChoosePool()
    {
        if (!_stratified)
            return 0;
        // Error diffusion: each emitted row owes r positives; emit one when the debt reaches ½. Using the current rate
        // per step (not a cumulative target) keeps drifts of the running estimate from accumulating.
        double rate = _draining ? (double)_poolCounts[1] / Count : (double)_positivesRead / _read;
        int pool = _poolCounts[1] == 0 ? 0 : _poolCounts[0] == 0 ? 1 : _credit + rate >= 0.5 ? 1 : 0;
        _credit = Math.Clamp(_credit + rate - pool, -1.0, 1.0);
        return pool;
    }
}

using System;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// Hyper-parameters of a ClAM fit with the defaults of specs/clustering.md B6 (one place). The lead's trainer options
/// map onto these; names follow ML.NET's vocabulary where one exists.
/// </summary>
internal sealed class ClamFitOptions
{
    /// <summary>β of −(β/2)‖v − ρ‖² (the official code's convention; the sklearn-style re-implementation's β is twice
    /// this for the same sharpness). d-dependent: ‖·‖² grows with d.</summary>
    public double Beta { get; set; } = 1.5;

    /// <summary>Step α = dt/τ ∈ (0, 1].</summary>
    public double Alpha { get; set; } = 0.1;

    /// <summary>T, the dynamics steps (reference int(1/α) + 0 = 10).</summary>
    public int Steps { get; set; } = 10;

    /// <summary>Adam's initial learning rate.</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>Rows per batch (reference 8; 32 proposed).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Epoch limit N_ep.</summary>
    public int Epochs { get; set; } = 200;

    /// <summary>Masked coordinates per row: max(1, ⌊MaskProbability·d⌋), drawn without replacement from 0..d−1.</summary>
    public double MaskProbability { get; set; } = 0.2;

    /// <summary>dim_change_cycle: every MaskChangeCycle-th epoch (epochs c, 2c, … counted from 1) all rows of a batch
    /// share one mask; other epochs draw a mask per row. 0 = never shared.</summary>
    public int MaskChangeCycle { get; set; } = 3;

    /// <summary>The masked coordinates' start value (reference mask_value).</summary>
    public ClamMaskFill MaskFill { get; set; } = ClamMaskFill.Mean;

    /// <summary>Plateau schedule: the learning rate is multiplied by this factor ...</summary>
    public double PlateauFactor { get; set; } = 0.8;

    /// <summary>... after this many consecutive epochs in which the moving average of the epoch loss ...</summary>
    public int PlateauPatience { get; set; } = 5;

    /// <summary>... fell by less than this ...</summary>
    public double PlateauMinDecrease { get; set; } = 1e-3;

    /// <summary>... over a window of this many epochs (compared from epoch Window + 1 on).</summary>
    public int PlateauWindow { get; set; } = 10;

    /// <summary>The fit stops once the learning rate falls below this.</summary>
    public double MinLearningRate { get; set; } = 1e-6;

    /// <summary>Stop after this many epochs without a new lowest epoch loss; null = off (the reference has none).</summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad option.</summary>
    public void Validate()
    {
        Positive(Beta, nameof(Beta));
        if (!(Alpha > 0 && Alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be in (0, 1]: the dynamics descend the energy only there.");
        AtLeast(Steps, 1, nameof(Steps));
        Positive(LearningRate, nameof(LearningRate));
        AtLeast(BatchSize, 1, nameof(BatchSize));
        AtLeast(Epochs, 1, nameof(Epochs));
        if (!(MaskProbability >= 0 && MaskProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(MaskProbability), MaskProbability, "MaskProbability must be in [0, 1] (at least one coordinate is masked per row).");
        AtLeast(MaskChangeCycle, 0, nameof(MaskChangeCycle));
        if (!Enum.IsDefined(MaskFill))
            throw new ArgumentOutOfRangeException(nameof(MaskFill), MaskFill, "MaskFill must be Mean, Max, Min or Zero.");
        if (!(PlateauFactor > 0 && PlateauFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(PlateauFactor), PlateauFactor, "PlateauFactor must be in (0, 1].");
        AtLeast(PlateauPatience, 1, nameof(PlateauPatience));
        if (!(PlateauMinDecrease >= 0) || !double.IsFinite(PlateauMinDecrease))
            throw new ArgumentOutOfRangeException(nameof(PlateauMinDecrease), PlateauMinDecrease, "PlateauMinDecrease must be finite and non-negative.");
        AtLeast(PlateauWindow, 1, nameof(PlateauWindow));
        if (!(MinLearningRate >= 0) || !double.IsFinite(MinLearningRate))
            throw new ArgumentOutOfRangeException(nameof(MinLearningRate), MinLearningRate, "MinLearningRate must be finite and non-negative.");
        if (EarlyStoppingPatience is int patience)
            AtLeast(patience, 1, nameof(EarlyStoppingPatience));
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
    }

    private static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
    }
}

using System;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>Deterministic train/validation splits of in-memory data.</summary>
public static class DataSplit
{
    /// <summary>Splits the rows of <paramref name="data"/> into training and validation indices (each sorted).</summary>
    /// <param name="data">The data.</param>
    /// <param name="validationFraction">Fraction of rows for validation, in [0, 1).</param>
    /// <param name="seed">Seed: the same seed gives the same split.</param>
    /// <param name="stratify">For binary labels, take round(fraction·count) rows of each class separately, so both
    /// parts keep the positive rate.</param>
    public static (int[] Train, int[] Validation) Split(InMemoryDataset data, float validationFraction, ulong seed,
        bool stratify = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(validationFraction >= 0f && validationFraction < 1f))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1).");
        int n = data.RowCount;
        var isValidation = new bool[n];
        var random = new DeterministicRandom(SeedMixer.Mix(seed, SeedMixer.SplitStream));
        if (stratify && data.IsBinary)
        {
            ReadOnlySpan<float> labels = data.Labels;
            for (int cls = 0; cls <= 1; cls++)
            {
                int count = 0;
                for (int i = 0; i < n; i++)
                    count += (labels[i] > 0.5f) == (cls == 1) ? 1 : 0;
                var members = new int[count];
                int k = 0;
                for (int i = 0; i < n; i++)
                {
                    if ((labels[i] > 0.5f) == (cls == 1))
                        members[k++] = i;
                }
                Mark(members, validationFraction, ref random, isValidation);
            }
        }
        else
        {
            var all = new int[n];
            for (int i = 0; i < n; i++)
                all[i] = i;
            Mark(all, validationFraction, ref random, isValidation);
        }

        int validationCount = 0;
        foreach (bool v in isValidation)
            validationCount += v ? 1 : 0;
        var train = new int[n - validationCount];
        var validation = new int[validationCount];
        int t = 0, s = 0;
        for (int i = 0; i < n; i++)
        {
            if (isValidation[i])
                validation[s++] = i;
            else
                train[t++] = i;
        }
        return (train, validation);
    }

    private static void Mark(int[] members, float fraction, ref DeterministicRandom random, bool[] isValidation)
    {
        random.Shuffle(members);
        int take = (int)Math.Round(members.Length * (double)fraction, MidpointRounding.AwayFromZero);
        for (int i = 0; i < take; i++)
            isValidation[members[i]] = true;
    }
}

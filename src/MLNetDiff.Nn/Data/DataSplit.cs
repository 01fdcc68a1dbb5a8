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

    /// <summary>Splits the rows of grouped data (<see cref="InMemoryDataset.HasGroups"/>) into training and validation
    /// indices by whole groups: round(fraction·groups) groups, drawn by <paramref name="seed"/>, go to validation, so no
    /// query is split between the parts (a ranker's validation metric is per group). Each part keeps data order.</summary>
    /// <exception cref="ArgumentException">The data has no group ids.</exception>
    public static (int[] Train, int[] Validation) SplitByGroup(InMemoryDataset data, float validationFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasGroups)
            throw new ArgumentException("The data has no group ids; read it with DataOptions.GroupColumnName set.", nameof(data));
        if (!(validationFraction >= 0f && validationFraction < 1f))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1).");
        ReadOnlySpan<uint> groups = data.Groups;
        int n = groups.Length, count = 0;
        var groupOfRow = new int[n];
        for (int r = 0; r < n; r++)
        {
            if (r > 0 && groups[r] != groups[r - 1])
                count++;
            groupOfRow[r] = count;
        }
        count = n == 0 ? 0 : count + 1;
        var members = new int[count];
        for (int g = 0; g < count; g++)
            members[g] = g;
        var isValidationGroup = new bool[count];
        var random = new DeterministicRandom(SeedMixer.Mix(seed, SeedMixer.SplitStream));
        Mark(members, validationFraction, ref random, isValidationGroup);
        int validationRows = 0;
        for (int r = 0; r < n; r++)
            validationRows += isValidationGroup[groupOfRow[r]] ? 1 : 0;
        var train = new int[n - validationRows];
        var validation = new int[validationRows];
        int t = 0, v = 0;
        for (int r = 0; r < n; r++)
        {
            if (isValidationGroup[groupOfRow[r]])
                validation[v++] = r;
            else
                train[t++] = r;
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

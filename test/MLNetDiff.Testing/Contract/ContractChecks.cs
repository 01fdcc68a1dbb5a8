using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.ModelHost;

namespace MLNetDiff.Testing.Contract;

/// <summary>The checks <see cref="ComponentContract"/>'s aspects share.</summary>
internal static class ContractChecks
{
    public static void CheckSchema(ComponentContractCase c, DataViewSchema schema, string when)
    {
        foreach (ExpectedColumn expected in c.ExpectedColumns)
        {
            DataViewSchema.Column? found = schema.GetColumnOrNull(expected.Name);
            Assert.IsNotNull(found, $"{c.Name} ({when}): no output column '{expected.Name}'");
            DataViewSchema.Column column = found.Value;
            Assert.AreEqual(expected.Type, column.Type.ToString(), $"{c.Name} ({when}): type of '{expected.Name}'");
            string[] annotations = column.Annotations.Schema.Select(a => a.Name).ToArray();
            foreach (string annotation in expected.Annotations)
                CollectionAssert.Contains(annotations, annotation, $"{c.Name} ({when}): '{expected.Name}' lacks annotation {annotation}; has {string.Join(", ", annotations)}");
            if (expected.ScoreColumnKind is not null)
            {
                ReadOnlyMemory<char> kind = default;
                column.Annotations.GetValue("ScoreColumnKind", ref kind);
                Assert.AreEqual(expected.ScoreColumnKind, kind.ToString(), $"{c.Name} ({when}): ScoreColumnKind of '{expected.Name}'");
            }
        }
    }

    /// <summary>Null when <paramref name="thrown"/> is what <paramref name="bad"/> expects, else what is wrong.</summary>
    public static string? CheckException(BadInput bad, Exception? thrown)
    {
        if (thrown is null)
            return "nothing was thrown";
        string messages = Messages(thrown);
        if (!bad.Exception.IsInstanceOfType(thrown))
            return $"expected {bad.Exception.Name}, got {messages}";
        string[] missing = bad.MessageContains.Where(s => !messages.Contains(s, StringComparison.Ordinal)).ToArray();
        return missing.Length == 0 ? null : $"message lacks {string.Join(", ", missing.Select(m => $"\"{m}\""))}: {messages}";
    }

    public static Exception LoadMustFail(string path, string what, TimeSpan timeout)
    {
        Task<Exception?> load = Task.Run(() =>
        {
            try
            {
                new MLContext(seed: 3).Model.Load(path, out _);
                return null;
            }
#pragma warning disable CA1031 // The exception is the result.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return ex;
            }
        });
        Assert.IsTrue(load.Wait(timeout), $"{what}: Model.Load hung");
        Assert.IsNotNull(load.Result, $"{what}: Model.Load accepted a corrupted file");
        return load.Result;
    }

    public static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            yield return e;
    }

    public static string Messages(Exception error)
        => string.Join(" ---> ", Chain(error).Select(e => $"{e.GetType().Name}: {e.Message}"));

    /// <summary>Reads every visible Single and Single-vector value of the row (a lazy mapper throws only when read).</summary>
    public static void ReadAll(DataViewRow row)
    {
        foreach (DataViewSchema.Column column in row.Schema)
        {
            if (column.IsHidden)
                continue;
            switch (column.Type)
            {
                case VectorDataViewType v when v.ItemType.RawType == typeof(float):
                    VBuffer<float> vector = default;
                    row.GetGetter<VBuffer<float>>(column)(ref vector);
                    break;
                case NumberDataViewType n when n.RawType == typeof(float):
                    float value = 0;
                    row.GetGetter<float>(column)(ref value);
                    break;
            }
        }
    }

    /// <summary>(path, type) of a transformer tree, formatted the way the ModelHost prints it.</summary>
    public static List<(string Path, string Type)> Describe(ITransformer model)
    {
        var lines = new List<(string, string)> { ("model", TypeNames.Format(model.GetType())) };
        if (model is IEnumerable<ITransformer> chain)
        {
            int i = 0;
            foreach (ITransformer element in chain)
            {
                lines.Add(($"model[{i++}]", TypeNames.Format(element.GetType())));
                object? inner = element.GetType().GetInterfaces()
                    .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPredictionTransformer<>))
                    ?.GetProperty("Model")?.GetValue(element);
                if (inner is not null)
                {
                    lines.Add(($"model[{i - 1}].Model", TypeNames.Format(inner.GetType())));
                    foreach ((string part, object sub) in ModelParts.Of(inner))
                        lines.Add(($"model[{i - 1}].Model.{part}", TypeNames.Format(sub.GetType())));
                }
            }
        }
        return lines;
    }

    public static string NewTempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlnd-contract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

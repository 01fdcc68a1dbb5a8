using MLNetDiff.Calibration;

// In Microsoft.ML so that mlContext.MulticlassClassification.Calibrators needs no other using.
namespace Microsoft.ML;

/// <summary>Adds <c>Calibrators</c> to ML.NET's multiclass catalog (a C# 14 extension property: ML.NET gives the binary
/// catalog a <c>Calibrators</c> property, the multiclass one none).</summary>
public static class MulticlassCalibratorsCatalogExtensions
{
    extension(MulticlassClassificationCatalog catalog)
    {
        /// <summary>The multiclass calibrators (temperature scaling).</summary>
        public MulticlassCalibratorsCatalog Calibrators => new(((Microsoft.ML.Data.IInternalCatalog)catalog).Environment);
    }
}

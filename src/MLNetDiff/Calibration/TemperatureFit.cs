using System;

namespace MLNetDiff.Calibration;

/// <summary>
/// Temperature scaling's one-parameter fit (spec calibration.md, Part B): β = 1/T minimising the mean NLL
/// f(β) = mean_i [logsumexp(β·z_i) − β·z_{i, y_i}] of softmax(β·z) over log-probabilities z. f is convex in β
/// (f″ = mean Var_{softmax(βz_i)}[z_i] ≥ 0), so its derivative f′(β) = mean (E_{softmax(βz_i)}[z_i] − z_{i, y_i}) is
/// non-decreasing and the minimiser is its root, found by Newton steps safeguarded by a bracket.
/// </summary>
internal static class TemperatureFit
{
    /// <summary>The smallest β (largest temperature, 1000) the fit returns.</summary>
    public const double MinimumBeta = 1e-3;

    /// <summary>The largest β (smallest temperature, 0.001); separable calibration data push β here.</summary>
    public const double MaximumBeta = 1e3;

    /// <summary>Probabilities are floored here before the log, as in the NLL metric.</summary>
    public const double ProbabilityFloor = 1e-12;

    /// <summary>The fitted β and the calibration-set NLL at β and at the identity β = 1.</summary>
    public readonly record struct Result(double Beta, double Nll, double IdentityNll, int Iterations);

    /// <summary>ln max(p, floor) row by row (the log-softmax of the model's logits, up to the floor).</summary>
    public static double[] LogProbabilities(ReadOnlySpan<double> probabilities)
    {
        var z = new double[probabilities.Length];
        for (int i = 0; i < z.Length; i++)
            z[i] = Math.Log(Math.Max(probabilities[i], ProbabilityFloor));
        return z;
    }

    /// <summary>Fits β on row-major N×K log-probabilities and labels in [0, K) (checked by the caller).</summary>
    public static Result Fit(ReadOnlySpan<double> logProbabilities, ReadOnlySpan<int> labels, int classes)
    {
        double identity = Evaluate(logProbabilities, labels, classes, 1, out _, out _);
        double lo = MinimumBeta, hi = MaximumBeta;
        Evaluate(logProbabilities, labels, classes, lo, out double gLo, out _);
        Evaluate(logProbabilities, labels, classes, hi, out double gHi, out _);
        double beta;
        int iterations = 0;
        if (gLo >= 0)
            beta = lo;                               // NLL rises from the smallest β on: the flattest allowed
        else if (gHi <= 0)
            beta = hi;                               // NLL still falls at the largest β (separable data)
        else
        {
            beta = 1;
            for (; iterations < 200; iterations++)
            {
                Evaluate(logProbabilities, labels, classes, beta, out double g, out double h);
                if (g == 0)
                    break;
                if (g < 0)
                    lo = beta;
                else
                    hi = beta;
                double next = h > 0 ? beta - g / h : double.NaN;
                // Newton inside the bracket, else the geometric midpoint (β spans orders of magnitude).
                if (!(next > lo && next < hi))
                    next = Math.Sqrt(lo * hi);
                bool converged = Math.Abs(next - beta) <= 1e-12 * beta || hi - lo <= 1e-12 * hi;
                beta = next;
                if (converged)
                    break;
            }
        }
        double nll = Evaluate(logProbabilities, labels, classes, beta, out _, out _);
        // Convexity makes this hold in exact arithmetic; rounding must not make the calibrator worse than none.
        if (!(nll <= identity))
        {
            beta = 1;
            nll = identity;
        }
        return new Result(beta, nll, identity, iterations);
    }

    /// <summary>f(β), and f′(β) and f″(β) through <paramref name="gradient"/> and <paramref name="curvature"/>.</summary>
    public static double Evaluate(ReadOnlySpan<double> z, ReadOnlySpan<int> labels, int classes, double beta,
        out double gradient, out double curvature)
    {
        double f = 0, g = 0, h = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<double> row = z.Slice(i * classes, classes);
            double max = double.NegativeInfinity;
            foreach (double v in row)
                max = Math.Max(max, beta * v);
            double sum = 0, mean = 0, square = 0;
            foreach (double v in row)
            {
                double w = Math.Exp(beta * v - max);
                sum += w;
                mean += w * v;
                square += w * v * v;
            }
            mean /= sum;
            double y = row[labels[i]];
            f += max + Math.Log(sum) - beta * y;
            g += mean - y;
            h += Math.Max(0, square / sum - mean * mean);
        }
        gradient = g / labels.Length;
        curvature = h / labels.Length;
        return f / labels.Length;
    }

    /// <summary>softmax(β·z) of one row of log-probabilities, in place into <paramref name="output"/>.</summary>
    public static void Apply(ReadOnlySpan<double> logProbabilities, double beta, Span<double> output)
    {
        double max = double.NegativeInfinity;
        foreach (double v in logProbabilities)
            max = Math.Max(max, beta * v);
        double sum = 0;
        for (int k = 0; k < logProbabilities.Length; k++)
        {
            output[k] = Math.Exp(beta * logProbabilities[k] - max);
            sum += output[k];
        }
        for (int k = 0; k < output.Length; k++)
            output[k] /= sum;
    }
}

using System;
using System.Globalization;
using Microsoft.ML.Runtime;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Integration;

/// <summary>
/// Connects an engine fit to its ML.NET host: cancellation and progress. Passed to <c>NetworkTrainer.Fit</c> as the
/// <see cref="IProgress{T}"/> with <see cref="TrainingOptions.ProgressInterval"/> = 1, it runs on the training thread
/// after every step.
/// </summary>
/// <remarks>
/// <para><b>Cancellation.</b> Every report calls <c>host.CheckAlive()</c>, which throws
/// <see cref="OperationCanceledException"/> once the environment was cancelled (<c>MLContext.CancelExecution()</c>, as
/// ML.NET's own trainers check per iteration), so a fit stops within one step and the exception leaves <c>Fit</c>.</para>
/// <para><b>Progress.</b> A progress channel (<c>host.StartProgressChannel</c>) with the header (loss, metric; epochs)
/// gets a checkpoint at every epoch end, for environments that track progress (ML.NET's console environment prints
/// it). <c>MLContext.Log</c> does not see progress channels (its environment only keeps them in a tracker), so every
/// epoch is also an Info message on the host's channel: "epoch 3/100: loss 0.2100, validation F1 0.9300".</para>
/// </remarks>
internal sealed class HostTrainingMonitor : IProgress<TrainingProgress>, IDisposable
{
    private readonly IHost _host;
    private readonly IChannel _channel;
    private readonly IProgressChannel _progress;
    private readonly string _metricName;
    private TrainingProgress _last;

    public HostTrainingMonitor(IHost host, string name, string metricName)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _metricName = metricName;
        _channel = host.Start(name);
        if (KernelBackends.ConfigurationWarning is string warning)
            _channel.Warning(warning);
        _progress = host.StartProgressChannel(name);
        _progress.SetHeader(new ProgressHeader(["loss", metricName], ["epochs"]),
            entry => entry.SetProgress(0, _last.Epoch + (_last.IsEpochEnd ? 1 : 0), _last.TotalEpochs));
    }

    /// <summary>Epoch ends seen (for reports and tests).</summary>
    public int EpochsReported { get; private set; }

    public void Report(TrainingProgress value)
    {
        _host.CheckAlive();
        _last = value;
        if (!value.IsEpochEnd)
            return;
        EpochsReported++;
        _progress.Checkpoint(value.TrainLoss, value.ValidationMetric, value.Epoch + 1);
        string validation = value.ValidationMetric is double metric
            ? string.Create(CultureInfo.InvariantCulture, $", validation {_metricName} {metric:F4}")
            : "";
        _channel.Info(string.Create(CultureInfo.InvariantCulture,
            $"epoch {value.Epoch + 1}/{value.TotalEpochs}: loss {value.TrainLoss:F4}{validation}"));
    }

    public void Dispose()
    {
        _progress.Dispose();
        _channel.Dispose();
    }
}

using System;
using System.IO;
using Spectre.Console;

namespace MLNetDiff.Cli.Output;

/// <summary>Where a run writes: results to <see cref="Out"/>, the one-line error to <see cref="Error"/>; progress bars and
/// rich tables only when <see cref="Interactive"/> (standard output is a terminal).</summary>
internal sealed class CliConsole
{
    private readonly int? _width;
    private IAnsiConsole? _ansi;

    /// <param name="output">Results.</param>
    /// <param name="error">The one-line error and warnings.</param>
    /// <param name="interactive">Progress bars and rich tables.</param>
    /// <param name="width">Columns of the rich output; null: the terminal's width.</param>
    public CliConsole(TextWriter output, TextWriter error, bool interactive, int? width = null)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        _width = width;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Interactive { get; }

    /// <summary>A Spectre.Console console over <see cref="Out"/> (use only when <see cref="Interactive"/>), as wide as the
    /// terminal.</summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    private IAnsiConsole CreateAnsi()
    {
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Interactive = InteractionSupport.Yes,
        });
        if (_width is { } width)
        {
            ansi.Profile.Width = width;
            return ansi;
        }
        try
        {
            if (Console.WindowWidth > 0)
                ansi.Profile.Width = Console.WindowWidth;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            // Not a terminal after all: keep Spectre's default width.
        }
        return ansi;
    }

    /// <summary>Writes "mlnetdiff: error: message" as exactly one line.</summary>
    public void WriteError(string message) => Error.WriteLine($"{Commands.CliCommands.ToolName}: error: {OneLine(message)}");

    /// <summary>Writes "mlnetdiff: warning: message" as one line on standard error: the run goes on.</summary>
    public void WriteWarning(string message) => Error.WriteLine($"{Commands.CliCommands.ToolName}: warning: {OneLine(message)}");

    /// <summary>Collapses line breaks so that a message is one line.</summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string[] parts = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', parts);
    }
}

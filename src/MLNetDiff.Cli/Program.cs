using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using MLNetDiff.Cli.Commands;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Platform;

namespace MLNetDiff.Cli;

/// <summary>Entry point of the <c>mlnetdiff</c> tool.</summary>
public static class Program
{
    /// <summary>Exit code of a run that failed on bad input (data, model file, options checked after parsing).</summary>
    public const int InputErrorExitCode = 1;

    /// <summary>Exit code of a command line that does not parse (unknown option or command, bad option value).</summary>
    public const int UsageErrorExitCode = 2;

    /// <summary>Runs the tool on the process console: progress bars and tables when standard output is a terminal, plain
    /// text when it is redirected.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);

    /// <summary>Runs the tool in-process with redirected output (never interactive: no progress bar, plain tables).</summary>
    /// <param name="args">Command-line arguments, without the program name.</param>
    /// <param name="stdout">Receives the results.</param>
    /// <param name="stderr">Receives the one-line error message of a failed run.</param>
    /// <returns>0 on success, <see cref="InputErrorExitCode"/> on bad input, <see cref="UsageErrorExitCode"/> on a command
    /// line that does not parse.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, interactive: false);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        // Before LightGbm's native library (and its OpenMP runtime) loads; see OpenMpEnvironment.
        OpenMpEnvironment.PreferPassiveWaitPolicy();

        var console = new CliConsole(stdout, stderr, interactive);
        Command root = CliCommands.CreateRoot(console);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            console.WriteError($"{UsageError(parse)} (run '{CommandPath(parse)} --help' for usage)");
            return UsageErrorExitCode;
        }
        // A mistyped MLNETDIFF_NATIVE_PATH would otherwise only show as a slower run.
        if (MLNetDiff.Kernels.KernelBackends.ConfigurationWarning is string warning)
            console.WriteWarning(warning);
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>The parse error to show. System.CommandLine reports a mistyped command ("mlnetdiff trian") as
    /// "Required command was not provided" plus "Unrecognized command or argument"; a user needs to hear that the word is
    /// not a command and what the commands are.</summary>
    private static string UsageError(ParseResult parse)
    {
        Command command = parse.CommandResult.Command;
        if (command.Subcommands.Count > 0)
        {
            string valid = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            string path = CommandPath(parse);
            string? word = parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
            if (word is not null)
                return $"unknown command '{word}' for '{path}'; valid commands: {valid}";
            if (parse.Errors.Any(e => e.Message.Contains("Required command", StringComparison.Ordinal)))
                return $"'{path}' needs a command: {valid}";
        }
        return parse.Errors[0].Message;
    }

    private static string CommandPath(ParseResult parse)
    {
        string path = string.Empty;
        for (System.CommandLine.Parsing.SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
                path = path.Length == 0 ? c.Command.Name : c.Command.Name + " " + path;
        }
        return path;
    }

}

using System.CommandLine;
using MLNetDiff.Cli.Output;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff select &lt;selector&gt;</c>: feature selection on a CSV (GFSNetwork: <see cref="SelectGfsCommand"/>).</summary>
internal static class SelectCommand
{
    public static Command Create(CliConsole console)
    {
        var select = new Command("select", "Select features of a CSV with a learned selector.");
        select.Subcommands.Add(SelectGfsCommand.Create(console));
        return select;
    }
}

using Spectre.Console.Cli.Testing;

namespace LiveGraphRec.Client.Tests;

/// <summary>Runs <c>lgr</c> in process against a recording console.</summary>
internal static class CliRunner
{
    public static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(CommandLine.Configure);
        return app.Run(CommandLine.NormalizeArguments(args));
    }
}

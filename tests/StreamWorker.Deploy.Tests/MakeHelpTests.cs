using System.Text.RegularExpressions;

namespace StreamWorker.Deploy.Tests;

/// <summary>`make help` names every target of the Makefile and the files it includes, so none is hidden.</summary>
[Trait("Layer", "Integration")]
public sealed partial class MakeHelpTests
{
    [SkippableFact]
    public void MakeHelp_ListsEveryTarget()
    {
        var make = ExternalTool.RequireOnPath("make", "make");
        var makefiles = new[] { "Makefile" }
            .Concat(Directory.GetFiles(RepositoryPaths.File("deploy", "make"), "*.mk"))
            .Concat(Directory.GetFiles(RepositoryPaths.File("bench"), "*.mk"));
        var targets = makefiles
            .SelectMany(f => File.ReadLines(Path.IsPathRooted(f) ? f : RepositoryPaths.File(f)))
            .Select(line => Target().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .Where(name => name != "help")
            .ToHashSet(StringComparer.Ordinal);

        var help = ExternalTool.Run(make, ["--no-print-directory", "help"]);

        Assert.Equal(0, help.ExitCode);
        var listed = Word().Matches(help.Output).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var missing = targets.Where(t => !listed.Contains(t)).Order(StringComparer.Ordinal).ToList();
        Assert.True(targets.Count > 10, "found only " + targets.Count + " targets");
        Assert.True(missing.Count == 0, "make help does not list: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"^(?<name>[a-z][a-z0-9-]*):(?!=)")]
    private static partial Regex Target();

    [GeneratedRegex(@"[a-z][a-z0-9-]*")]
    private static partial Regex Word();
}

using System.Diagnostics;

namespace StreamWorker.Deploy.Tests.Support;

/// <summary>Runs a command-line tool with a time limit and captures its output.</summary>
internal static class ExternalTool
{
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The tool's path; skips the calling test when it is not installed.</summary>
    /// <param name="debianPackage">Where to get it, for the skip reason.</param>
    /// <param name="notChecked">What stays unchecked without it, for the skip reason.</param>
    public static string RequireOnPath(string name, string debianPackage, string? notChecked = null)
    {
        var path = FindOnPath(name);
        Skip.If(path is null, $"{name} is not installed (Debian package {debianPackage})" + (notChecked is null ? "" : ": " + notChecked));
        return path!;
    }

    public static ToolResult Run(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time");
        }

        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StreamWorker.Deploy.Tests;

/// <summary>
/// The Dockerfile's structure. No Docker engine here, so the image is not
/// built; these check what a build or its layer cache depends on.
/// </summary>
[Trait("Layer", "Unit")]
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = RepositoryPaths.ReadText("Dockerfile");

    [Fact]
    public void RestoreLayer_CopiesEveryProjectTheAppReferences_BeforeRestoring()
    {
        var restoreAt = Dockerfile.IndexOf("RUN dotnet restore src/StreamWorker/StreamWorker.csproj", StringComparison.Ordinal);
        Assert.True(restoreAt > 0, "no restore step for src/StreamWorker");
        var restoreLayer = Dockerfile[..restoreAt];

        foreach (var project in ProjectClosure("src/StreamWorker/StreamWorker.csproj"))
        {
            var directory = Path.GetDirectoryName(project)!.Replace('\\', '/');
            Assert.Contains($"COPY {project} {directory}/", restoreLayer, StringComparison.Ordinal);
        }

        Assert.Contains("COPY Directory.Build.props Directory.Packages.props ./", restoreLayer, StringComparison.Ordinal);
        // Sources come after the restore, so a code change keeps the restored layer.
        Assert.True(Dockerfile.IndexOf("COPY src/ src/", StringComparison.Ordinal) > restoreAt);
    }

    [Fact]
    public void Stages_BuildWithSdkAndRunOnDebianAspNetRuntime()
    {
        var stages = FromLine().Matches(Dockerfile).Select(match => match.Groups["image"].Value).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}", "mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}"], stages);
        Assert.Contains("ARG DOTNET_VERSION=10.0", Dockerfile, StringComparison.Ordinal);
        // librdkafka's bundled build needs glibc: no Alpine or distroless tag.
        Assert.DoesNotContain("alpine", Dockerfile, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RuntimeStage_RunsAsNonRootAppUserOnPort8080()
    {
        var runtime = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];

        Assert.Contains("USER $APP_UID", runtime, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080", runtime, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://0.0.0.0:8080", runtime, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"StreamWorker.dll\"]", runtime, StringComparison.Ordinal);
        Assert.True(runtime.IndexOf("USER $APP_UID", StringComparison.Ordinal) > runtime.IndexOf("chown -R app:app", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndRepositoryMetadataOutOfTheContext()
    {
        var ignored = File.ReadAllLines(RepositoryPaths.File(".dockerignore")).Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);

        foreach (var pattern in new[] { "**/bin/", "**/obj/", ".git/", "tests/" })
        {
            Assert.Contains(pattern, ignored);
        }

        // What the Dockerfile copies must not be ignored.
        Assert.DoesNotContain("src/", ignored);
        Assert.DoesNotContain("Directory.Build.props", ignored);
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current) && seen.Count < 100)
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(RepositoryPaths.File(current)).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                var full = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, directory, include));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^FROM (?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();
}

namespace StreamWorker.Testing;

/// <summary>Locates files of the repository (charts, dashboards, schemas, docs) from the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string File(params string[] relativeParts) =>
        Path.Combine([Root, .. relativeParts]);

    public static string ReadText(params string[] relativeParts) =>
        System.IO.File.ReadAllText(File(relativeParts));

    private static string FindRoot()
    {
        // The solution file marks the root; the test runs from tests/X/bin/<config>/<tfm>.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "StreamWorker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"StreamWorker.sln not found above {AppContext.BaseDirectory}");
    }
}

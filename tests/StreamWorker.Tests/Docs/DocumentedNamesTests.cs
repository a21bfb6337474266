using System.Reflection;
using System.Text.RegularExpressions;

namespace StreamWorker.Tests.Docs;

/// <summary>
/// Every code name the docs put in backticks (<c>ConferenceStage</c>, <c>TopicSnapshot.Read</c>) exists: a type or
/// member declared in the repository's C# sources, or a public type (and member) of a library the processor uses.
/// A renamed class otherwise leaves the docs pointing at nothing.
/// </summary>
[Trait("Layer", "Unit")]
public sealed partial class DocumentedNamesTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> SourceTypes = new(DeclaredTypes);
    private static readonly Lazy<HashSet<string>> SourceIdentifiers = new(Identifiers);
    private static readonly Lazy<ILookup<string, Type>> LibraryTypes = new(LibraryTypesByName);
    private static readonly Lazy<string> AllSource = new(() => string.Join('\n', SourceFiles().Select(File.ReadAllText)));

    // Names from outside .NET that the docs quote: a /proc field and Kafka protocol names.
    private static readonly HashSet<string> Outside = new(StringComparer.Ordinal) { "VmHWM", "TxnOffsetCommit", "MaxWait" };

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.File("docs"), "*.md", SearchOption.AllDirectories).Append(RepositoryPaths.File("BENCHMARKS.md")))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryCodeNameInBackticks_Exists(string document)
    {
        var text = File.ReadAllText(RepositoryPaths.File(document));
        var missing = CodeName().Matches(text).Select(m => m.Groups[1].Value).Distinct().Where(name => !Exists(name)).ToList();

        Assert.True(missing.Count == 0, $"{document} names what the code does not have: {string.Join(", ", missing)}");
    }

    private static bool Exists(string name)
    {
        // Namespaces and meter names (StreamWorker.Processor) appear verbatim in the sources.
        if (Outside.Contains(name) || (name.Contains('.', StringComparison.Ordinal) && AllSource.Value.Contains(name, StringComparison.Ordinal))) return true;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return SourceTypes.Value.ContainsKey(name) || LibraryTypes.Value.Contains(name) || SourceIdentifiers.Value.Contains(name);
        var (type, member) = (name[..dot], name[(dot + 1)..]);
        if (SourceTypes.Value.TryGetValue(type, out var file)) return Regex.IsMatch(File.ReadAllText(file), $@"\b{Regex.Escape(member)}\b");
        return LibraryTypes.Value[type].Any(t => t.GetMember(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Length > 0);
    }

    /// <summary>Type names declared in the sources, with the file that declares each.</summary>
    private static Dictionary<string, string> DeclaredTypes()
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            foreach (Match m in TypeDeclaration().Matches(File.ReadAllText(file))) types.TryAdd(m.Groups[1].Value, file);
        }

        return types;
    }

    private static HashSet<string> Identifiers() =>
        SourceFiles().SelectMany(f => Identifier().Matches(File.ReadAllText(f)).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests", "bench" }
            .SelectMany(d => Directory.GetFiles(RepositoryPaths.File(d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The types of the libraries the docs discuss, internal ones included (the docs explain Streamiz's internals where they cost time).</summary>
    private static ILookup<string, Type> LibraryTypesByName()
    {
        Assembly[] libraries =
        [
            typeof(Streamiz.Kafka.Net.KafkaStream).Assembly, typeof(Confluent.Kafka.Partition).Assembly, typeof(object).Assembly,
            typeof(System.Diagnostics.Activity).Assembly, typeof(System.Text.Json.JsonDocument).Assembly,
        ];
        return libraries.SelectMany(a => a.GetTypes()).ToLookup(t => t.Name.Split('`')[0], StringComparer.Ordinal);
    }

    /// <summary>A PascalCase name of at least two words, optionally with one member: what reads as a type or member of code.</summary>
    [GeneratedRegex(@"`([A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?)(?:\(\))?`")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+)?([A-Z][A-Za-z0-9]*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*\b")]
    private static partial Regex Identifier();
}

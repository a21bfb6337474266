using System.Text.RegularExpressions;


namespace StreamWorker.Deploy.Tests.Support;

/// <summary>
/// The Go-template actions ({{ ... }}) of a Helm template, for checks that do
/// not need helm: block structure, helpers used, values referenced.
/// </summary>
internal static partial class HelmTemplateActions
{
    public const string TemplatesFolder = "charts/stream-worker/templates";

    private static readonly string[] BlockKeywords = ["if", "range", "with", "define", "block"];

    public static IEnumerable<string> TemplateFiles() =>
        Directory.EnumerateFiles(RepositoryPaths.File(TemplatesFolder))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static string Read(string fileName) => RepositoryPaths.ReadText(TemplatesFolder, fileName);

    public static IEnumerable<string> Actions(string template) =>
        Action().Matches(template).Select(match => match.Groups["body"].Value.Trim());

    /// <summary>Describes the first block-structure error, or null when blocks open and close in order.</summary>
    public static string? BlockStructureError(string template)
    {
        if (CountOf(template, "{{") != CountOf(template, "}}"))
        {
            return "unbalanced {{ and }}";
        }

        var open = new Stack<string>();
        foreach (var action in Actions(template))
        {
            if (action.StartsWith("/*", StringComparison.Ordinal))
            {
                continue;
            }

            var keyword = action.Split([' ', '\t', '\n', '('], 2)[0];
            if (BlockKeywords.Contains(keyword))
            {
                open.Push(action);
            }
            else if (keyword == "end" && !open.TryPop(out _))
            {
                return "{{ end }} without an open block";
            }
        }

        return open.Count == 0 ? null : $"block not closed: {{{{ {open.Peek()} }}}}";
    }

    public static IEnumerable<string> IncludedTemplateNames(string template) =>
        IncludeOrTemplate().Matches(template).Select(match => match.Groups["name"].Value);

    public static IEnumerable<string> DefinedTemplateNames(string template) =>
        Define().Matches(template).Select(match => match.Groups["name"].Value);

    /// <summary>Paths read from .Values, e.g. "gateway.service.port".</summary>
    public static IEnumerable<string> ValuePaths(string template) =>
        ValuesReference().Matches(template).Select(match => match.Groups["path"].Value.TrimStart('.'));

    private static int CountOf(string text, string token) =>
        (text.Length - text.Replace(token, string.Empty, StringComparison.Ordinal).Length) / token.Length;

    [GeneratedRegex(@"\{\{-?(?<body>.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex("(?:include|template) \"(?<name>[^\"]+)\"")]
    private static partial Regex IncludeOrTemplate();

    [GeneratedRegex("define \"(?<name>[^\"]+)\"")]
    private static partial Regex Define();

    [GeneratedRegex(@"\.Values(?<path>(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesReference();
}

using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.Stream;

namespace StreamWorker.Topology;

/// <summary>A stage's output split into one stream per <see cref="OutputKind"/>, looked up by kind.</summary>
public static class OutputRoutes
{
    /// <summary>The routes out of the conference stage.</summary>
    public static IReadOnlyList<OutputKind> ConferenceStage { get; } =
        [OutputKind.Participants, OutputKind.LivestreamChurn, OutputKind.Sessions, OutputKind.CompanyChange, OutputKind.DeadLetter];

    /// <summary>The routes out of the company stage.</summary>
    public static IReadOnlyList<OutputKind> CompanyStage { get; } = [OutputKind.DialoutAnswerRate, OutputKind.CompanyUsage];

    /// <summary>Splits <paramref name="stage"/> into <paramref name="kinds"/>; one Streamiz branch processor named <paramref name="name"/>.</summary>
    public static IReadOnlyDictionary<OutputKind, IKStream<string, StageOutput>> Split(IKStream<string, StageOutput> stage, string name, IReadOnlyList<OutputKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(kinds);
        var branches = stage.Branch(name, [.. kinds.Select(kind => (Func<string, StageOutput, IRecordContext, bool>)((_, v, _) => v.Kind == kind))]);
        return kinds.Zip(branches).ToDictionary(x => x.First, x => x.Second);
    }
}

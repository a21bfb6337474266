using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.Stream;

namespace StreamWorker.Topology;

/// <summary>The conference stage's output split into one stream per <see cref="OutputKind"/>, looked up by kind.</summary>
public static class OutputRoutes
{
    /// <summary>Splits <paramref name="stage"/> by kind; one Streamiz branch processor named <paramref name="name"/>.</summary>
    public static IReadOnlyDictionary<OutputKind, IKStream<string, StageOutput>> Split(IKStream<string, StageOutput> stage, string name)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var kinds = Enum.GetValues<OutputKind>();
        var branches = stage.Branch(name, [.. kinds.Select(kind => (Func<string, StageOutput, IRecordContext, bool>)((_, v, _) => v.Kind == kind))]);
        return kinds.Zip(branches).ToDictionary(x => x.First, x => x.Second);
    }
}

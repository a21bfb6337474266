using Streamiz.Kafka.Net.Processors.Public;

namespace StreamWorker.Topology;

/// <summary>
/// How the topology hands a stage its settings and the host's <see cref="Telemetry.ProcessorTelemetry"/>. Streamiz
/// creates each task's transformer from a type and constructor arguments, after a parameterless prototype it never
/// uses; this type takes the stage as a factory, so the stages need no parameterless constructor and no static state.
/// </summary>
public sealed class StageTransformer<TValue, TValueOut> : ITransformer<string, TValue, string, TValueOut>
{
    private readonly ITransformer<string, TValue, string, TValueOut>? stage;

    /// <summary>Streamiz's prototype (its <c>new()</c> constraint): never initialised, never given a record.</summary>
    public StageTransformer()
    {
    }

    /// <summary>One task's transformer: the stage <paramref name="createStage"/> builds.</summary>
    public StageTransformer(Func<ITransformer<string, TValue, string, TValueOut>> createStage)
    {
        ArgumentNullException.ThrowIfNull(createStage);
        stage = createStage();
    }

    private ITransformer<string, TValue, string, TValueOut> Stage =>
        stage ?? throw new InvalidOperationException("The prototype transformer has no stage.");

    public void Init(ProcessorContext<string, TValueOut> context) => Stage.Init(context);

    public Record<string, TValueOut>? Process(Record<string, TValue> record) => Stage.Process(record);

    public void Close() => Stage.Close();
}

namespace StreamWorker.Hosting;

/// <summary>Which components this process runs (the <c>Role</c> key), as Loki's or Mimir's <c>-target</c>.</summary>
[Flags]
public enum StreamWorkerRole
{
    Gateway = 1,
    Processor = 2,
    All = Gateway | Processor,
}

using System.Runtime.InteropServices;
using StreamWorker.Bench;
using StreamWorker.Events;

// Lives as long as the process: the signal handler may still fire while it exits.
var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var options = BenchArgs.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "produce-server" => await ProduceServer.RunAsync(options, stop.Token),
    "passthrough" => await PassThrough.RunAsync(options, stop.Token),
    "codec" => CodecComparison.Run(options),
    "rules" => RuleCost.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine($"""
        usage: StreamWorker.Bench produce-server --urls http://127.0.0.1:5098 --bootstrap 127.0.0.1:19092 [--topic {TopicNames.Events}] [--set key=value ...]
               StreamWorker.Bench passthrough --bootstrap 127.0.0.1:19092 --count N [--topic {TopicNames.Events}] [--to bench-passthrough]
                                  [--partitioner default|none] [--timeout 180] [--set key=value ...]
               StreamWorker.Bench codec [--iterations 300000]
               StreamWorker.Simulator generate ... | StreamWorker.Bench rules [--rounds 5]
        """);
    return 2;
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StreamWorker.Simulator.Noop;

/// <summary>
/// The benchmark's baseline: a Kestrel endpoint that reads the whole body of <c>POST /webhooks</c> and answers
/// 202 with a small JSON body, doing nothing else. The gateway's cost is measured against it.
/// </summary>
internal static class NoopServer
{
    private static readonly byte[] Accepted = """{"event_id":"noop"}"""u8.ToArray();

    public static WebApplication Build(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapPost("/webhooks", HandleAsync);
        app.MapGet("/healthz", () => Results.Ok());
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Accepted.Length;
        await context.Response.Body.WriteAsync(Accepted, context.RequestAborted).ConfigureAwait(false);
    }
}

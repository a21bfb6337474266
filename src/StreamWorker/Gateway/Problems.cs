using StreamWorker.Events;

namespace StreamWorker.Gateway;

/// <summary>problem+json answers (RFC 9457), with an <c>errors</c> member naming each bad field.</summary>
public static class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);

    public static Task WriteValidation(HttpContext context, int status, string title, IReadOnlyList<FieldError> errors)
    {
        var problem = new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = status,
            Title = title,
        };
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
